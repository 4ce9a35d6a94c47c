// Accessibility (issue 5): axe-core at WCAG 2.1 AA on every screen and state, including error
// states and the terms dialog; one whole enrollment with the keyboard alone; focus on the step
// heading after each step change.
import { test, expect, type Page } from '@playwright/test';
import { person } from './helpers/identity';
import { msg } from './helpers/messages';
import { EXPIRY_URL, CAPTCHA } from './helpers/env';
import { expectNoAxeViolations as scan, tabTo } from './helpers/a11y';
import {
  TITLES, agreeAndStart, button, captchaField, confirmBox, enrollToQr, expectMaskedSummary, expectStep, field,
  fillEnrollForm, fillLogin, noticeRegion, openApp, openOnPhone, readNoticeToEnd, shown, stepHeading, submitId,
  termsBox, toEnrollForm,
} from './helpers/app';
import { injectFault } from './helpers/faults';
import { decodeQrFromScreen } from './helpers/qr';

test('every screen of the two-device enrollment and the return visit', async ({ page, browser }) => {
  const p = person({ outcome: 95 });
  await openApp(page);
  await scan(page, 'step 1');
  for (const tab of ['自然人憑證', '虛擬勞保憑證', '行動自然人憑證', '金融電子憑證']) {
    await page.getByRole('tab', { name: tab, exact: true }).click();
    await expect(page.getByRole('tab', { name: tab, exact: true })).toHaveAttribute('aria-selected', 'true');
    await scan(page, `tab ${tab}`);
  }
  await page.getByRole('tab', { name: '行動電話認證', exact: true }).click();
  await submitId(page, 'A123456788');
  await expect(shown(page, msg('id_checksum').zh)).toBeVisible();
  await scan(page, 'step 1 with an error');

  await submitId(page, p.nationalId);
  await expectStep(page, TITLES.enroll);
  await expect(stepHeading(page, TITLES.enroll)).toBeFocused();
  await scan(page, 'step 2');
  await button(page, '送出').click();
  await expect(page.getByRole('link', { name: msg('mobile_required').zh })).toBeVisible();
  await scan(page, 'step 2 error summary');

  await fillEnrollForm(page, p);
  await button(page, '送出').click();
  await expectStep(page, TITLES.qr);
  await expect(stepHeading(page, TITLES.qr)).toBeFocused();
  await scan(page, 'step 4 QR');

  const phone = await openOnPhone(browser, await decodeQrFromScreen(page));
  try {
    await expectMaskedSummary(phone.page, p);
    await expect(stepHeading(phone.page, TITLES.phoneVerify)).toBeFocused();
    await scan(phone.page, 'step 5 summary (phone)');
    await phone.page.getByRole('button', { name: '使用者約定條款', exact: true })
      .or(phone.page.getByRole('link', { name: '使用者約定條款', exact: true })).click();
    await expect(phone.page.getByRole('dialog', { name: /使用者約定條款/ })).toBeVisible();
    await scan(phone.page, 'terms dialog');
    await phone.page.keyboard.press('Escape');
    await expect(phone.page.getByRole('dialog')).toBeHidden();
    await agreeAndStart(phone.page);
    await expect(shown(phone.page, msg('wifi').zh)).toBeVisible();
    await scan(phone.page, 'step 5 wifi error (phone)');
    await button(phone.page, '重試').click();
    await expectStep(phone.page, TITLES.phoneDone);
    await expect(stepHeading(phone.page, TITLES.phoneDone)).toBeFocused();
    await scan(phone.page, 'step 5 done (phone)');
  } finally {
    await phone.context.close();
  }

  await expectStep(page, TITLES.welcome, 30_000);
  await expect(stepHeading(page, TITLES.welcome)).toBeFocused();
  await scan(page, 'step 6');
  await readNoticeToEnd(page);
  await button(page, '開始使用').click();
  await expectStep(page, TITLES.home);
  await expect(stepHeading(page, TITLES.home)).toBeFocused();
  await scan(page, 'home');
  await button(page, '登出').click();

  await openApp(page);
  await submitId(page, p.nationalId);
  await expect(stepHeading(page, TITLES.login)).toBeFocused();
  await fillLogin(page, p, 'wrong123');
  await scan(page, 'step 7 login');
  await button(page, '送出').click();
  await expect(shown(page, msg('login_failed').zh)).toBeVisible();
  await scan(page, 'step 7 login error');
});

test('expired QR, carrier failure and a transport fault', async ({ page, browser }) => {
  const p = person({ outcome: 92 });
  await enrollToQr(page, p, EXPIRY_URL);
  await expect(shown(page, msg('expired').zh)).toBeVisible({ timeout: 20_000 });
  await scan(page, 'step 4 QR expired');

  await enrollToQr(page, p);
  const phone = await openOnPhone(browser, await decodeQrFromScreen(page));
  try {
    await agreeAndStart(phone.page);
    await expect(shown(phone.page, msg('family_card').zh)).toBeVisible();
    await scan(phone.page, 'step 5 family_card (phone)');
  } finally {
    await phone.context.close();
  }
  await expect(shown(page, msg('family_card').zh)).toBeVisible({ timeout: 30_000 });
  await scan(page, 'desktop after a carrier failure');
  // A reload resumes the current step, so the way back to step 1 is the page's own button.
  await button(page, '重新申請行動認證').click();

  const q = person();
  await toEnrollForm(page, q);
  await fillEnrollForm(page, q);
  await injectFault(page, /\/api\/v1\/applications$/, 'http 500', 'POST');
  await button(page, '送出').click();
  await expect(shown(page, msg('internal').zh)).toBeVisible();
  await scan(page, 'step 2 server error');
});

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

/** Each label of the manual names one control only, even when looked up loosely (a screen
 * reader's "go to field", or getByLabel without `exact`): buttons beside a field must not
 * borrow its label into their names. */
test('every label of the manual names exactly one control', async ({ page }) => {
  const p = person();
  await openApp(page);
  await expect(page.getByLabel('身分證號')).toHaveCount(1);
  await submitId(page, p.nationalId);
  await expectStep(page, TITLES.enroll);
  for (const label of ['身分證號', '電信業者', '手機門號', '健保卡號', '出生日期', '姓名',
    '確認為本人且本國自然人持有月租型門號', '請輸入下圖中的字', '設定憑證密碼', '確認憑證密碼']) {
    await expect(page.getByLabel(label), label).toHaveCount(1);
  }
  for (const name of ['送出', '清空輸入區', '重新產生驗證碼', '語音播放']) {
    await expect(page.getByRole('button', { name }), name).toHaveCount(1);
  }
});
