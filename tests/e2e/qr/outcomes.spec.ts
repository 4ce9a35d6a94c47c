// Carrier outcomes on the two-device path: the phone and the waiting computer both say what
// happened; a retryable one retried on the phone moves the computer to 步驟6 by itself.
import { test, expect } from '@playwright/test';
import { person } from '../helpers/identity';
import { msg } from '../helpers/messages';
import {
  TITLES, agreeAndStart, button, enrollToQr, expectMaskedSummary, expectStep, openOnPhone, shown,
} from '../helpers/app';
import { decodeQrFromScreen } from '../helpers/qr';
import type { Devices } from '../helpers/devices';

/** The device projects this spec runs on (playwright.config.ts reads this line). */
export const runsOn: Devices = ['desktop'];

test('98 carrier_mismatch is shown on the phone and on the computer', async ({ page, browser }) => {
  const p = person({ outcome: 98 });
  await enrollToQr(page, p);
  const phone = await openOnPhone(browser, await decodeQrFromScreen(page));
  try {
    await expectMaskedSummary(phone.page, p);
    await agreeAndStart(phone.page);
    await expect(shown(phone.page, msg('carrier_mismatch').zh)).toBeVisible();
    await expect(shown(page, msg('carrier_mismatch').zh)).toBeVisible({ timeout: 30_000 });
    await expect(page.getByRole('heading', { name: TITLES.welcome })).toHaveCount(0);
  } finally {
    await phone.context.close();
  }
});

test('95 wifi: retried on the phone, the computer moves to 步驟6 by itself', async ({ page, browser }) => {
  const p = person({ outcome: 95 });
  await enrollToQr(page, p);
  const phone = await openOnPhone(browser, await decodeQrFromScreen(page));
  try {
    await expectMaskedSummary(phone.page, p);
    await agreeAndStart(phone.page);
    await expect(shown(phone.page, msg('wifi').zh)).toBeVisible();
    await button(phone.page, '重試').click();
    await expectStep(phone.page, TITLES.phoneDone);
  } finally {
    await phone.context.close();
  }
  await expectStep(page, TITLES.welcome, 30_000);
});
