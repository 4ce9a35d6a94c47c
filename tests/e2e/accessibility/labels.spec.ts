// Accessible names (WCAG 1.3.1, 2.5.3, 4.1.2): each label of the manual names one control.
import { test, expect } from '@playwright/test';
import { person } from '../helpers/identity';
import { TITLES, expectStep, openApp, submitId } from '../helpers/app';
import type { Devices } from '../helpers/devices';

/** The device projects this spec runs on (playwright.config.ts reads this line). */
export const runsOn: Devices = ['desktop'];

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
