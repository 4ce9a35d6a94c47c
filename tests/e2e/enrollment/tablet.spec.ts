// Tablets (manual 步驟3): with a SIM the verification continues on the tablet itself (步驟5);
// without one it goes to the QR code (步驟4). Also iPadOS in desktop mode, which claims to be a Mac.
import { test, expect } from '@playwright/test';
import { person } from '../helpers/identity';
import { msg } from '../helpers/messages';
import {
  TITLES, agreeAndStart, button, expectMaskedSummary, expectStep, fillEnrollForm, shown, startUsing, toEnrollForm,
} from '../helpers/app';
import { qrImage } from '../helpers/qr';
import type { Devices } from '../helpers/devices';

/** The device projects this spec runs on (playwright.config.ts reads this line). */
export const runsOn: Devices = ['tablets'];

test('a tablet with a SIM card verifies directly and logs in', async ({ page }) => {
  const p = person();
  await toEnrollForm(page, p);
  await fillEnrollForm(page, p, { hasSim: true });
  await button(page, '送出').click();
  await expectMaskedSummary(page, p);
  await agreeAndStart(page);
  await startUsing(page);
});

test('a tablet without a SIM card goes to the QR code', async ({ page }) => {
  const p = person();
  await toEnrollForm(page, p);
  await fillEnrollForm(page, p, { hasSim: false });
  await button(page, '送出').click();
  await expectStep(page, TITLES.qr);
  await expect(qrImage(page)).toBeVisible();
  await expect(page.getByText(/驗證有效時間：\s*\d{1,2}:\d{2}/)).toBeVisible();
});

test('the SIM question must be answered on a tablet', async ({ page }) => {
  const p = person();
  await toEnrollForm(page, p);
  await fillEnrollForm(page, p);
  await button(page, '送出').click();
  await expect(shown(page, msg('has_sim_required').zh)).toBeVisible();
  await expectStep(page, TITLES.enroll);
});

test('iPadOS in desktop mode (a Macintosh UA with 5 touch points) is a tablet', async ({ browser }) => {
  const context = await browser.newContext({
    userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
    viewport: { width: 820, height: 1180 },
    deviceScaleFactor: 2,
    hasTouch: true,
    isMobile: false,
    locale: 'zh-TW',
  });
  // Safari has no User-Agent Client Hints: only the UA string and the touch points tell.
  await context.addInitScript(() => {
    delete (Navigator.prototype as unknown as Record<string, unknown>).userAgentData;
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 5 });
  try {
    await toEnrollForm(page, person());
    expect(await page.evaluate(() => navigator.maxTouchPoints)).toBe(5);
    const detected = page.getByText(/偵測到您使用/).first();
    await expect(detected).toContainText('平板電腦');
    await expect(page.getByRole('radio', { name: '有', exact: true })).toBeVisible();
  } finally {
    await context.close();
  }
});
