// The direct path on a phone (manual 步驟3 → 步驟5 → 步驟6): no QR code, no second device.
import { test, expect } from '@playwright/test';
import { person } from '../helpers/identity';
import {
  TITLES, agreeAndStart, button, expectMaskedSummary, expectStep, fillEnrollForm, startUsing, termsBox, toEnrollForm,
} from '../helpers/app';
import type { Devices } from '../helpers/devices';

/** The device projects this spec runs on (playwright.config.ts reads this line). */
export const runsOn: Devices = ['phones'];

test('a phone applies, verifies on itself and starts using the service', async ({ page }) => {
  const p = person();
  await toEnrollForm(page, p);
  await fillEnrollForm(page, p);
  await button(page, '送出').click();
  await expectMaskedSummary(page, p);
  await expect(page.getByRole('heading', { name: TITLES.qr })).toHaveCount(0);
  await agreeAndStart(page);
  await startUsing(page);
});

test('the terms open in a dialog that closes back to where the user was', async ({ page }) => {
  const p = person();
  await toEnrollForm(page, p);
  await fillEnrollForm(page, p);
  await button(page, '送出').click();
  await expectStep(page, TITLES.phoneVerify);
  const opener = page.getByRole('button', { name: '使用者約定條款', exact: true })
    .or(page.getByRole('link', { name: '使用者約定條款', exact: true }));
  await opener.click();
  const dialog = page.getByRole('dialog', { name: /使用者約定條款/ });
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();
  // 開始驗證 is enabled only while the box is checked.
  await expect(button(page, '開始驗證')).toBeDisabled();
  await termsBox(page).check();
  await expect(button(page, '開始驗證')).toBeEnabled();
  await termsBox(page).uncheck();
  await expect(button(page, '開始驗證')).toBeDisabled();
});
