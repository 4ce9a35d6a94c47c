// The criteria new in WCAG 2.2 AA (and in MODA 115.11), each as a user meets it on every screen
// of a two-device enrollment and the return login: 2.4.11 focus not obscured, 2.5.7 no dragging,
// 2.5.8 target size, 3.2.6 consistent help, 3.3.7 redundant entry, 3.3.8 accessible
// authentication (password managers and paste).
import { type Page } from '@playwright/test';
import { test, expect } from '../helpers/fixtures';
import { person } from '../helpers/identity';
import {
  TITLES, agreeAndStart, button, captchaField, expectMaskedSummary, expectStep, field, fillEnrollForm,
  fillLogin, logOut, openApp, openOnPhone, startUsing, submitId, toEnrollForm,
} from '../helpers/app';
import { decodeQrFromScreen } from '../helpers/qr';
import type { Devices } from '../helpers/devices';

/** The device projects this spec runs on (playwright.config.ts reads this line). */
export const runsOn: Devices = ['desktop'];

/** The help links in the footer, in order, and where the footer's navigation sits in the page. */
async function helpLinks(page: Page): Promise<string[]> {
  const nav = page.getByRole('navigation', { name: '說明與網站資訊' });
  await expect(nav).toBeVisible();
  return nav.getByRole('link').allInnerTexts();
}

/**
 * 2.5.8: every pointer target is at least 24×24 CSS px, or is inline in a sentence, or has 24 px
 * of clear space (a 24 px circle around its centre meets no other target).
 */
async function expectTargetSizes(page: Page, state: string): Promise<void> {
  const small = await page.evaluate(() => {
    const targets = Array.from(document.querySelectorAll<HTMLElement>(
      'a[href], button, input:not([type=hidden]), select, textarea, summary, [role=tab], [tabindex]:not([tabindex="-1"])',
    )).filter((el) => {
      const r = el.getBoundingClientRect();
      const s = getComputedStyle(el);
      return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && !el.closest('.visually-hidden');
    });
    const rects = targets.map((el) => el.getBoundingClientRect());
    const out: string[] = [];
    targets.forEach((el, i) => {
      const r = rects[i];
      if (r.width >= 24 && r.height >= 24) return;
      // The inline exception: a link inside running text.
      if (el.tagName === 'A' && getComputedStyle(el).display === 'inline' && el.parentElement?.tagName === 'P') return;
      // The spacing exception: no other target within 24 px of this one's centre.
      const cx = r.left + r.width / 2, cy = r.top + r.height / 2;
      const crowded = rects.some((o, j) => {
        if (j === i) return false;
        const dx = Math.max(o.left - cx, 0, cx - o.right), dy = Math.max(o.top - cy, 0, cy - o.bottom);
        return Math.hypot(dx, dy) < 12;
      });
      if (crowded) out.push(`${el.tagName.toLowerCase()}#${el.id}.${el.className} ${Math.round(r.width)}×${Math.round(r.height)}`);
    });
    return out;
  });
  expect(small, `${state}: targets under 24×24 px without room around them`).toEqual([]);
}

/** 2.4.11: tabbing through the page, the focused element is never hidden behind anything. */
async function expectFocusNeverObscured(page: Page, state: string): Promise<void> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press('Tab');
    const hidden = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) return null;
      // Sample the focused box: at least one point of it must be the element itself (not wholly
      // covered by a sticky header, a banner or a dialog's backdrop).
      const points = [[0.5, 0.5], [0.1, 0.1], [0.9, 0.1], [0.1, 0.9], [0.9, 0.9]];
      const visible = points.some(([fx, fy]) => {
        const x = r.left + r.width * fx, y = r.top + r.height * fy;
        if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) return false;
        const top = document.elementFromPoint(x, y);
        return top !== null && (top === el || el.contains(top) || top.contains(el));
      });
      return visible ? null : `${el.tagName.toLowerCase()}#${el.id} "${(el.textContent ?? '').trim().slice(0, 30)}"`;
    });
    expect(hidden, `${state}: the focus is hidden`).toBeNull();
  }
}

async function checkScreen(page: Page, state: string, help: string[]): Promise<void> {
  // 3.2.6: the same help, in the same order, in the same place (the footer) on every screen.
  expect(await helpLinks(page), `${state}: help links`).toEqual(help);
  await expectTargetSizes(page, state);
  await expectFocusNeverObscured(page, state);
  // 2.5.7: nothing on the page needs dragging.
  expect(await page.locator('[draggable="true"]').count(), `${state}: draggable elements`).toBe(0);
}

test('every screen of the enrollment and the return login: help in one place, targets, focus, no dragging', async ({ page, browser }) => {
  // Eleven screens, each walked with the keyboard.
  test.setTimeout(240_000);
  const p = person();
  await openApp(page);
  const help = await helpLinks(page);
  expect(help).toEqual(['問題導引', '常見問題', '無障礙聲明']);
  await checkScreen(page, 'step 1 (static)', help);
  await toEnrollForm(page, p);
  await checkScreen(page, 'step 2', help);
  await button(page, '送出').click();
  await expect(page.getByRole('heading', { name: '請修正以下問題' })).toBeVisible();
  await checkScreen(page, 'step 2 with errors', help);
  await fillEnrollForm(page, p);
  await button(page, '送出').click();
  await expectStep(page, TITLES.qr);
  await checkScreen(page, 'QR code', help);

  const phone = await openOnPhone(browser, await decodeQrFromScreen(page));
  try {
    await expectMaskedSummary(phone.page, p);
    await checkScreen(phone.page, 'phone: step 5', help);
    // The terms open in a modal dialog that keeps the keyboard inside until it is closed.
    const terms = phone.page.getByRole('button', { name: '使用者約定條款', exact: true })
      .or(phone.page.getByRole('link', { name: '使用者約定條款', exact: true }));
    await terms.click();
    const dialog = phone.page.getByRole('dialog', { name: '使用者約定條款' });
    await expect(dialog).toBeVisible();
    for (const key of ['Tab', 'Tab', 'Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab']) {
      await phone.page.keyboard.press(key);
      expect(await dialog.evaluate((d) => d.contains(document.activeElement)), `focus after ${key}`).toBe(true);
    }
    await phone.page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await agreeAndStart(phone.page);
    await expectStep(phone.page, TITLES.phoneDone);
    await checkScreen(phone.page, 'phone: done', help);
  } finally {
    await phone.context.close();
  }
  await expectStep(page, TITLES.welcome, 30_000);
  await checkScreen(page, 'step 6', help);
  await startUsing(page);
  await checkScreen(page, 'home', help);
  await button(page, '登出').click();

  await openApp(page);
  await submitId(page, p.nationalId);
  await expectStep(page, TITLES.login);
  await checkScreen(page, 'four-field login', help);
  // The help itself is reached from that same place.
  await page.getByRole('navigation', { name: '說明與網站資訊' }).getByRole('link', { name: '常見問題' }).click();
  await expect(page.getByRole('heading', { name: '行動電話認證常見問題' })).toBeVisible();
  await checkScreen(page, 'FAQ', help);
});

test('3.3.7 and 3.3.8: the ID is asked once per flow; password managers can fill the login, and paste works everywhere', async ({ page }) => {
  const p = person();
  await toEnrollForm(page, p);
  // Typed at step 1, the ID is already there at step 2: nothing asked twice.
  await expect(field(page, '身分證號')).toHaveValue(p.nationalId);
  await expect(field(page, '身分證號')).toHaveAttribute('autocomplete', 'username');
  await expect(field(page, '設定憑證密碼')).toHaveAttribute('autocomplete', 'new-password');
  await expect(field(page, '確認憑證密碼')).toHaveAttribute('autocomplete', 'new-password');
  // Paste, as a password manager or a user with a cognitive disability would.
  for (const [label, value] of [['手機門號', p.mobile], ['健保卡號', p.nhiCard], ['設定憑證密碼', p.password]] as const) {
    const input = field(page, label);
    await input.fill('');
    await input.focus();
    const accepted = await input.evaluate((el: HTMLInputElement, text) => {
      const data = new DataTransfer();
      data.setData('text/plain', text);
      const event = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
      const allowed = el.dispatchEvent(event);
      if (allowed) el.setRangeText(text, el.selectionStart ?? 0, el.selectionEnd ?? 0, 'end');
      el.dispatchEvent(new InputEvent('input', { bubbles: true }));
      return allowed;
    }, value);
    expect(accepted, `paste into ${label} is not blocked`).toBe(true);
    await expect(input).toHaveValue(value);
  }
  // The captcha keeps its audio alternative (3.3.8's object-recognition exception needs one).
  await expect(captchaField(page)).toHaveAccessibleDescription(/語音播放/);
});

test('3.3.8: the four-field login names its fields for a password manager', async ({ page, enrolled: p }) => {
  await startUsing(page);
  await logOut(page);
  await openApp(page);
  await submitId(page, p.nationalId);
  await fillLogin(page, p);
  await expect(field(page, '身分證號')).toHaveAttribute('autocomplete', 'username');
  await expect(field(page, '姓名')).toHaveAttribute('autocomplete', 'name');
  await expect(field(page, '憑證密碼')).toHaveAttribute('autocomplete', 'current-password');
});
