// What a screen reader is told while the QR code waits (live regions): the countdown each
// minute and at 30 s only, never a ticking clock; the expiry once, as an alert, without moving
// the focus. Every device takes the QR path here (the 裝置類型 correction on phones).
import { test, expect, type Page } from '@playwright/test';
import { person } from '../helpers/identity';
import { EXPIRY_URL, SHORT_QR_VALIDITY_S } from '../helpers/env';
import { expectStepChange, recordAnnouncements, said, tabTo } from '../helpers/a11y';
import {
  TITLES, button, chooseComputer, fillEnrollForm, shown, stepHeading, submitEnrollment, toEnrollForm,
} from '../helpers/app';
import { qrImage } from '../helpers/qr';
import type { Devices } from '../helpers/devices';

/** The device projects this spec runs on (playwright.config.ts reads this line). */
export const runsOn: Devices = ['desktop', 'phones'];

/** Both wordings of an expired QR code: the page's own countdown, or the backend's `expired`. */
const EXPIRED = '驗證有效時間已過';
/** The shell's polite live region (src/app.rs): step changes and timed announcements. */
const shellLive = (page: Page) => page.locator('.visually-hidden[role="status"][aria-live="polite"]');

test('the QR countdown is announced each minute and at 30 s, never every second', async ({ page }) => {
  test.setTimeout(120_000);
  // The page's clock is driven by the test, so five minutes of countdown take seconds.
  await page.clock.install();
  const p = person();
  await toEnrollForm(page, p);
  await chooseComputer(page);
  await fillEnrollForm(page, p);
  await recordAnnouncements(page);
  await submitEnrollment(page);
  await expectStepChange(page, TITLES.qr);
  // The countdown's first value does not overwrite the step change in the live region.
  await page.clock.runFor(1500);
  await expect(shellLive(page)).toHaveText(`目前步驟：${TITLES.qr}`);
  const start = await page.evaluate(() => Date.now());
  const expired = shown(page, EXPIRED);
  for (let s = 0; s < 400 && !(await expired.isVisible()); s++) await page.clock.runFor(1000);
  await expect(expired).toBeVisible();
  await expect(page.getByText(/驗證有效時間：\s*00:00/)).toBeVisible();

  const times = (await said(page)).filter((x) => x.t >= start && /驗證有效時間剩餘/.test(x.text));
  const texts = times.map((x) => x.text);
  expect(texts, 'the last 30 seconds are announced').toContain('驗證有效時間剩餘 30 秒');
  expect(texts.some((t) => /剩餘\s*\d+\s*分鐘/.test(t)), `minute marks announced: ${texts.join(' | ')}`).toBe(true);
  // Each minute plus the 30-second mark: about seven in five minutes, never a ticking clock.
  expect(texts.length).toBeLessThanOrEqual(8);
  for (const x of times) {
    const inMinute = times.filter((y) => y.t >= x.t && y.t < x.t + 60_000).length;
    expect(inMinute, `announcements in the minute from ${x.text}`).toBeLessThanOrEqual(3);
  }
  expect(texts.some((t) => /\d{2}:\d{2}/.test(t)), 'no mm:ss readouts').toBe(false);
  // Expiry is said once, as an alert; focus was not moved.
  expect((await said(page)).filter((x) => x.alert && x.text.includes(EXPIRED))).toHaveLength(1);
  await expect(stepHeading(page, TITLES.qr)).toBeFocused();
  // A new code is one key press on one button away (Tab reaches it, Enter makes the code).
  await tabTo(page, button(page, '重新產生QRCode'));
  await page.keyboard.press('Enter');
  await expect(expired).toBeHidden();
  await expect(qrImage(page)).toBeVisible();
  await expect(page.getByText(/驗證有效時間：\s*0[45]:\d{2}/)).toBeVisible();
});

test('a short-lived QR code announces politely, in real time, without chatter', async ({ page }) => {
  const p = person();
  await toEnrollForm(page, p, EXPIRY_URL);
  await chooseComputer(page);
  await fillEnrollForm(page, p);
  await recordAnnouncements(page);
  const before = (await said(page)).length;
  await submitEnrollment(page);
  await expectStepChange(page, TITLES.qr);
  await expect(shown(page, EXPIRED)).toBeVisible({ timeout: (SHORT_QR_VALIDITY_S + 10) * 1000 });
  const all = (await said(page)).slice(before);
  // Over the whole validity: the step change, 等待手機驗證中… once, the expiry — nothing per second.
  const texts = all.map((x) => x.text);
  expect(texts.length, texts.join(' | ')).toBeLessThanOrEqual(3);
  expect(texts.filter((t) => t.includes('等待手機驗證中')), 'said once').toHaveLength(1);
  expect(all.some((x) => /\d{2}:\d{2}/.test(x.text)), 'no mm:ss readouts').toBe(false);
  await expect(shellLive(page)).not.toHaveText(/\d{2}:\d{2}/);
});
