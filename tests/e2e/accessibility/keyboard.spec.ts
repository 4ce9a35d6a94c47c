// The keyboard alone (WCAG 2.1.1, 2.4.3): one whole two-device enrollment with Tab, the arrow
// keys, Space, Enter and Page Down only; each step change puts the focus on its heading.
import { test, expect, type Page } from '@playwright/test';
import { person } from '../helpers/identity';
import { CAPTCHA } from '../helpers/env';
import { tabTo } from '../helpers/a11y';
import {
  TITLES, button, captchaField, confirmBox, expectStep, field, noticeRegion, openOnPhone, stepHeading, termsBox,
} from '../helpers/app';
import { decodeQrFromScreen } from '../helpers/qr';
import type { Devices } from '../helpers/devices';

/** The device projects this spec runs on (playwright.config.ts reads this line). */
export const runsOn: Devices = ['desktop'];

/** Selects an option of a focused <select> with the arrow keys. */
async function chooseWithArrows(page: Page, label: string, option: string): Promise<void> {
  const select = field(page, label);
  for (let i = 0; i < 10; i++) {
    if ((await select.locator('option:checked').textContent())?.trim() === option) return;
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`${option} not reachable with the arrow keys`);
}

test('a whole enrollment with the keyboard alone', async ({ page, browser }) => {
  const p = person();
  await page.goto('/');
  await tabTo(page, field(page, '身分證號'));
  await page.keyboard.type(p.nationalId);
  await page.keyboard.press('Enter');
  await expectStep(page, TITLES.enroll);
  await expect(stepHeading(page, TITLES.enroll)).toBeFocused();

  await tabTo(page, field(page, '電信業者'));
  await chooseWithArrows(page, '電信業者', p.carrier);
  for (const [label, value] of [['手機門號', p.mobile], ['健保卡號', p.nhiCard], ['出生日期', p.birthDate], ['姓名', p.name]]) {
    await tabTo(page, field(page, label));
    await page.keyboard.type(value);
  }
  await tabTo(page, confirmBox(page));
  await page.keyboard.press('Space');
  await expect(confirmBox(page)).toBeChecked();
  await tabTo(page, captchaField(page));
  await page.keyboard.type(CAPTCHA);
  await tabTo(page, field(page, '設定憑證密碼'));
  await page.keyboard.type(p.password);
  await tabTo(page, field(page, '確認憑證密碼'));
  await page.keyboard.type(p.password);
  await tabTo(page, button(page, '送出'));
  await page.keyboard.press('Enter');
  await expectStep(page, TITLES.qr);
  await expect(stepHeading(page, TITLES.qr)).toBeFocused();

  const phone = await openOnPhone(browser, await decodeQrFromScreen(page));
  try {
    await expectStep(phone.page, TITLES.phoneVerify);
    await tabTo(phone.page, termsBox(phone.page));
    await phone.page.keyboard.press('Space');
    await expect(termsBox(phone.page)).toBeChecked();
    await tabTo(phone.page, button(phone.page, '開始驗證'));
    await phone.page.keyboard.press('Enter');
    await expectStep(phone.page, TITLES.phoneDone);
  } finally {
    await phone.context.close();
  }

  await expectStep(page, TITLES.welcome, 30_000);
  await expect(stepHeading(page, TITLES.welcome)).toBeFocused();
  // Read the notice with the keyboard: focus it and page down to its end.
  await tabTo(page, noticeRegion(page));
  await expect(async () => {
    await page.keyboard.press('PageDown');
    await expect(button(page, '開始使用')).toBeEnabled({ timeout: 250 });
  }).toPass({ timeout: 15_000 });
  await tabTo(page, button(page, '開始使用'));
  await page.keyboard.press('Enter');
  await expectStep(page, TITLES.home);
  await expect(stepHeading(page, TITLES.home)).toBeFocused();
});

test('the 導盲磚: a marker with its access key where the header, the content and the footer start', async ({ page }) => {
  await page.goto('/');
  // A first key starts the app (public/boot.js), which takes the static step 1's place.
  await page.keyboard.press('Tab');
  await expect(page.locator('#boot-shell')).toHaveCount(0);
  for (const [key, region, name] of [
    ['U', 'banner', '上方功能區塊'], ['C', 'main', '中央內容區塊'], ['Z', 'contentinfo', '下方功能區塊'],
  ] as const) {
    const tile = page.getByRole(region).getByRole('link', { name, exact: true });
    await expect(tile).toHaveAttribute('accesskey', key);
    await expect(tile).toHaveText(':::');
    // What its access key does (focus it, then follow it), from the keyboard: it stays focused,
    // shown where its region starts, as the skip link is, and the screen is still step 1.
    await tabTo(page, tile);
    await expect(tile).toBeInViewport();
    await page.keyboard.press('Enter');
    await expect(tile).toBeFocused();
    await expect(field(page, '身分證號')).toBeVisible();
    expect(new URL(page.url()).hash).toMatch(/^(#\/?)?$/);
  }
});
