// The README's screenshots of each step, zh-TW, on a desktop (and the phone side of the QR path).
// Only this test (and screenshots/phone.spec.ts on the iPhone project) writes docs/screens/.
import { test, expect, type Page } from '@playwright/test';
import * as path from 'node:path';
import { person } from '../helpers/identity';
import { msg } from '../helpers/messages';
import {
  TITLES, agreeAndStart, button, expectMaskedSummary, expectStep, fillEnrollForm, fillLogin, openApp, openOnPhone,
  readNoticeToEnd, shown, submitId, toEnrollForm,
} from '../helpers/app';
import { decodeQrFromScreen } from '../helpers/qr';
import type { Devices } from '../helpers/devices';

/** The device projects this spec runs on (playwright.config.ts reads this line). */
export const runsOn: Devices = ['desktop'];

const dir = path.join(__dirname, '..', '..', '..', 'docs', 'screens');
const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true, animations: 'disabled', caret: 'hide' });

test('screenshots of each step (desktop, and the phone it pairs with)', async ({ page, browser }) => {
  const p = person({ letter: 'A', gender: '2' });
  await openApp(page);
  await shot(page, 'step1-desktop');
  await toEnrollForm(page, p);
  await button(page, '送出').click();
  await expect(page.getByRole('link', { name: msg('mobile_required').zh })).toBeVisible();
  await shot(page, 'step2-errors-desktop');
  await fillEnrollForm(page, p);
  await shot(page, 'step2-desktop');
  await button(page, '送出').click();
  await expectStep(page, TITLES.qr);
  await shot(page, 'step4-desktop');

  const phone = await openOnPhone(browser, await decodeQrFromScreen(page));
  try {
    await expectMaskedSummary(phone.page, p);
    await shot(phone.page, 'step5-qr-phone');
    await agreeAndStart(phone.page);
    await expectStep(phone.page, TITLES.phoneDone);
    await shot(phone.page, 'step5-done-phone');
  } finally {
    await phone.context.close();
  }
  await expectStep(page, TITLES.welcome, 30_000);
  await shot(page, 'step6-desktop');
  await readNoticeToEnd(page);
  await button(page, '開始使用').click();
  await expectStep(page, TITLES.home);
  await shot(page, 'home-desktop');
  await button(page, '登出').click();
  await openApp(page);
  await submitId(page, p.nationalId);
  await fillLogin(page, p);
  await shot(page, 'step7-desktop');
  await expect(shown(page, '註冊成功後，下一次登入僅需驗證四個欄位')).toBeVisible();
});
