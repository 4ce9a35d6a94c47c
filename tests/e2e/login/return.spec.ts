// Return visits (manual 步驟7): the enrolled browser logs in with four fields; another browser
// must apply again; five wrong passwords lock; 登出 ends the session.
import { test, expect } from '../helpers/fixtures';
import { msg } from '../helpers/messages';
import {
  TITLES, button, expectStep, field, fillLogin, openApp, shown, startUsing, stepHeading, submitId,
} from '../helpers/app';
import type { Devices } from '../helpers/devices';

/** The device projects this spec runs on (playwright.config.ts reads this line). */
export const runsOn: Devices = ['desktop'];

test('after enrolling, a new page load logs in with four fields; 登出 ends the session', async ({ page, enrolled: p }) => {
  await startUsing(page);
  await button(page, '登出').click();
  await expect(field(page, '身分證號')).toBeVisible();
  await page.reload();
  await expect(field(page, '身分證號')).toBeVisible();
  await expect(button(page, '登出')).toHaveCount(0);

  // A new page load in the same browser: step 1, then the four-field login.
  await openApp(page);
  await submitId(page, p.nationalId);
  await fillLogin(page, p);
  await expect(page.getByText('註冊成功後，下一次登入僅需驗證四個欄位')).toBeVisible();
  await expect(field(page, '手機門號')).toHaveCount(0);
  await button(page, '送出').click();
  await expectStep(page, TITLES.welcome);
  await expect(stepHeading(page, TITLES.welcome)).toBeFocused();
  await startUsing(page);
  await button(page, '登出').click();
  await expect(field(page, '身分證號')).toBeVisible();
});

test('another browser is told to apply again; five wrong passwords lock the login', async ({ page, browser, enrolled: p }) => {

  // A fresh context holds no key: the same person gets the application form, not the login.
  const other = await browser.newContext();
  try {
    const otherPage = await other.newPage();
    await openApp(otherPage);
    await submitId(otherPage, p.nationalId);
    await expectStep(otherPage, TITLES.enroll);
    await expect(field(otherPage, '憑證密碼')).toHaveCount(0);
  } finally {
    await other.close();
  }

  // Back in this browser, in a new tab (the enrolling tab would resume its own step 6).
  const back = await page.context().newPage();
  await openApp(back);
  await submitId(back, p.nationalId);
  for (let i = 1; i <= 5; i++) {
    await fillLogin(back, p, `wrong${i}x9`);
    const answered = back.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/login');
    await button(back, '送出').click();
    await answered;
    const said = i < 5 ? shown(back, msg('login_failed').zh) : shown(back, msg('locked').zh).or(shown(back, msg('login_failed').zh));
    await expect(said).toBeVisible();
    await expect(field(back, '身分證號')).toHaveValue(p.nationalId);
  }
  // Locked: even the right password is refused now, with the 15-minute message.
  await fillLogin(back, p);
  const answered = back.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/login');
  await button(back, '送出').click();
  await answered;
  await expect(shown(back, msg('locked').zh)).toBeVisible();
  await expect(back.getByRole('heading', { name: TITLES.welcome })).toHaveCount(0);
});
