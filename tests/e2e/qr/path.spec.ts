// The two-device QR path (manual 步驟4–6): the computer shows a QR code, the test reads the QR
// *image* from the screen, opens the decoded URL in an iPhone context, verifies there, and the
// computer moves on by itself. Also expiry, regeneration and re-application.
import { test, expect } from '@playwright/test';
import { person } from '../helpers/identity';
import { msg } from '../helpers/messages';
import { EXPIRY_URL, SHORT_QR_VALIDITY_S } from '../helpers/env';
import {
  TITLES, agreeAndStart, button, enrollToQr, expectMaskedSummary, expectStep, field, fillEnrollForm, openOnPhone,
  readNoticeToEnd, shown, stepHeading, submitId, verifyOnPhone,
} from '../helpers/app';
import { decodeQrFromScreen, qrImage } from '../helpers/qr';
import type { Devices } from '../helpers/devices';

/** The device projects this spec runs on (playwright.config.ts reads this line). */
export const runsOn: Devices = ['desktop'];

test('desktop applies, the phone scans and verifies, the desktop moves to 步驟6 and home', async ({ page, browser }) => {
  const p = person({ letter: 'A', gender: '2' });
  await enrollToQr(page, p);
  await expect(stepHeading(page, TITLES.qr)).toBeFocused();
  await expect(page.getByText(/關閉\s*Wi-?Fi/i).first()).toBeVisible();
  await expect(button(page, '重新產生QRCode')).toBeVisible();
  await expect(button(page, '重新申請行動認證')).toBeVisible();

  const url = await decodeQrFromScreen(page);
  expect(url).toMatch(/^https?:\/\//);
  // The countdown is live: it moves on its own.
  const countdown = page.getByText(/驗證有效時間：\s*\d{1,2}:\d{2}/);
  const first = await countdown.textContent();
  await expect(countdown).not.toHaveText(first ?? '');

  const phone = await openOnPhone(browser, url);
  try {
    await expectMaskedSummary(phone.page, p);
    await expect(phone.page.getByText('A2■■■■■■■■', { exact: true })).toBeVisible();
    await agreeAndStart(phone.page);
    await expectStep(phone.page, TITLES.phoneDone);
    await expect(phone.page.getByText('請回到您的電腦確認認證結果').first()).toBeVisible();
  } finally {
    await phone.context.close();
  }

  // Nobody touches the desktop: it polls and moves to 步驟6 itself.
  await expectStep(page, TITLES.welcome, 30_000);
  await expect(stepHeading(page, TITLES.welcome)).toBeFocused();
  await expect(button(page, '開始使用')).toBeDisabled();
  await readNoticeToEnd(page);
  await button(page, '開始使用').click();
  await expectStep(page, TITLES.home);
  await expect(button(page, '登出')).toBeVisible();
});

test('the QR code expires, the phone is told so, and a regenerated one works', async ({ page, browser }) => {
  const p = person();
  await enrollToQr(page, p, EXPIRY_URL);
  const oldUrl = await decodeQrFromScreen(page);
  await expect(shown(page, msg('expired').zh)).toBeVisible({ timeout: (SHORT_QR_VALIDITY_S + 10) * 1000 });
  await expect(page.getByText(/驗證有效時間：\s*0?0:00/)).toBeVisible();

  const phone = await openOnPhone(browser, oldUrl);
  try {
    await expect(shown(phone.page, msg('expired').zh).or(shown(phone.page, msg('token_invalid').zh))).toBeVisible();
    await expect(button(phone.page, '開始驗證')).toHaveCount(0);

    await button(page, '重新產生QRCode').click();
    await expect(shown(page, msg('expired').zh)).toBeHidden();
    const newUrl = await decodeQrFromScreen(page);
    expect(newUrl).not.toBe(oldUrl);
    await phone.page.goto(newUrl);
    await expectMaskedSummary(phone.page, p);
  } finally {
    await phone.context.close();
  }
});

test('重新產生QRCode invalidates the old QR code', async ({ page, browser }) => {
  const p = person();
  await enrollToQr(page, p);
  const oldUrl = await decodeQrFromScreen(page);
  await button(page, '重新產生QRCode').click();
  // The picture itself changes.
  let newUrl = '';
  await expect(async () => {
    newUrl = await decodeQrFromScreen(page);
    expect(newUrl).not.toBe(oldUrl);
  }).toPass({ timeout: 10_000 });
  await expect(page.getByText(/驗證有效時間：\s*\d{1,2}:\d{2}/)).toBeVisible();

  const phone = await openOnPhone(browser, oldUrl);
  try {
    await expect(shown(phone.page, msg('token_invalid').zh)).toBeVisible();
    await expect(button(phone.page, '開始驗證')).toHaveCount(0);
    await phone.page.goto(newUrl);
    await verifyOnPhone(phone.page, p);
  } finally {
    await phone.context.close();
  }
  await expectStep(page, TITLES.welcome, 30_000);
});

test('重新申請行動認證 returns to step 1, from where the person applies again', async ({ page }) => {
  const p = person();
  await enrollToQr(page, p);
  await button(page, '重新申請行動認證').click();
  await expect(field(page, '身分證號')).toBeVisible();
  await expect(qrImage(page)).toHaveCount(0);
  await expect(page.getByRole('heading', { name: TITLES.qr })).toHaveCount(0);
  await submitId(page, p.nationalId);
  await expectStep(page, TITLES.enroll);
  await fillEnrollForm(page, p);
  await button(page, '送出').click();
  await expectStep(page, TITLES.qr);
  await expect(qrImage(page)).toBeVisible();
});
