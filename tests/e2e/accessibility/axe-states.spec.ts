// axe-core at WCAG 2.1/2.2 A/AA on the states the every-screen walk (accessibility/colours-and-reflow.spec.ts,
// which scans each step of the enrollment and the return login) does not reach: the other log-in
// tabs, the terms dialog, carrier failures on both devices, an expired QR code and a server error.
import { test, expect } from '@playwright/test';
import { person } from '../helpers/identity';
import { msg } from '../helpers/messages';
import { EXPIRY_URL } from '../helpers/env';
import { expectNoAxeViolations as scan } from '../helpers/a11y';
import {
  TITLES, agreeAndStart, button, enrollToQr, expectMaskedSummary, expectStep, fillEnrollForm, openApp, openOnPhone,
  shown, stepHeading, submitId, toEnrollForm,
} from '../helpers/app';
import { injectFault } from '../helpers/faults';
import { decodeQrFromScreen } from '../helpers/qr';
import type { Devices } from '../helpers/devices';

/** The device projects this spec runs on (playwright.config.ts reads this line). */
export const runsOn: Devices = ['desktop'];

test('the other log-in tabs, the terms dialog, and a carrier failure retried on the phone', async ({ page, browser }) => {
  const p = person({ outcome: 95 });
  await openApp(page);
  for (const tab of ['自然人憑證', '虛擬勞保憑證', '行動自然人憑證', '金融電子憑證']) {
    await page.getByRole('tab', { name: tab, exact: true }).click();
    await expect(page.getByRole('tab', { name: tab, exact: true })).toHaveAttribute('aria-selected', 'true');
    await scan(page, `tab ${tab}`);
  }
  await page.getByRole('tab', { name: '行動電話認證', exact: true }).click();
  await submitId(page, p.nationalId);
  await expectStep(page, TITLES.enroll);
  await fillEnrollForm(page, p);
  await button(page, '送出').click();
  await expectStep(page, TITLES.qr);

  const phone = await openOnPhone(browser, await decodeQrFromScreen(page));
  try {
    await expectMaskedSummary(phone.page, p);
    await expect(stepHeading(phone.page, TITLES.phoneVerify)).toBeFocused();
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
    await scan(phone.page, 'step 5 done after a retry (phone)');
  } finally {
    await phone.context.close();
  }
  await expectStep(page, TITLES.welcome, 30_000);
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
