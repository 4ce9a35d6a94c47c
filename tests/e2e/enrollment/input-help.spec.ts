// Help with typing (WCAG 1.3.5, 3.3.2, 1.1.1): autocomplete tokens, numeric keyboards, hints and
// errors tied to their fields, the help links as landmarks, and the captcha's spoken alternative.
import { test, expect } from '@playwright/test';
import { person } from '../helpers/identity';
import { msg } from '../helpers/messages';
import { button, captchaField, chooseComputer, field, fillEnrollForm, submitEnrollment, toEnrollForm } from '../helpers/app';
import type { Devices } from '../helpers/devices';

/** The device projects this spec runs on (playwright.config.ts reads this line). */
export const runsOn: Devices = ['desktop', 'phones'];

test('語音播放 plays the captcha as audio in zh-TW or English; a new captcha replaces it', async ({ page, request }) => {
  const p = person();
  await toEnrollForm(page, p);
  const play = button(page, '語音播放');
  await expect(play).toBeVisible();
  const [res] = await Promise.all([
    page.waitForResponse((r) => /\/api\/v1\/captchas\/[^/]+\/audio\?lang=zh-TW$/.test(r.url())),
    play.click(),
  ]);
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toBe('audio/wav');
  const firstUrl = res.url();
  // The browser can decode and play it: metadata loaded, no media error, a few seconds long.
  const player = page.locator('audio.captcha__player');
  await expect.poll(() => player.evaluate((a: HTMLAudioElement) => a.error === null && a.readyState >= 1 && a.duration))
    .toBeGreaterThan(4);
  // The fixed test code has 5 characters: ~0.3–0.6 s of speech and ~0.7 s of pause each.
  const duration = await player.evaluate((a: HTMLAudioElement) => a.duration);
  expect(duration).toBeLessThan(5 * 1.6 + 1);
  await expect(page.getByText('無法播放語音')).toHaveCount(0);
  // The WAV header a player relies on: RIFF/WAVE, PCM, and a data chunk the size of the rest.
  const wav = await (await request.get(firstUrl)).body();
  expect(wav.subarray(0, 4).toString()).toBe('RIFF');
  expect(wav.subarray(8, 12).toString()).toBe('WAVE');
  expect(wav.readUInt16LE(20)).toBe(1);
  expect(wav.readUInt32LE(40)).toBe(wav.length - 44);
  // The code is never on the page as text, and the audio URL does not carry it.
  expect(firstUrl).not.toContain('TEST1');
  await expect(page.locator('body')).not.toContainText('TEST1');

  const [en] = await Promise.all([
    page.waitForResponse((r) => /\/audio\?lang=en$/.test(r.url())),
    button(page, '以英語播放').click(),
  ]);
  expect(en.status()).toBe(200);

  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/captchas') && r.request().method() === 'POST'),
    button(page, '重新產生驗證碼').click(),
  ]);
  const [again] = await Promise.all([
    page.waitForResponse((r) => /\/audio\?lang=zh-TW$/.test(r.url())),
    button(page, '語音播放').click(),
  ]);
  expect(again.url()).not.toBe(firstUrl);
  // Listening three times did not use the captcha up: the form still goes through with it.
  await captchaField(page).fill('TEST1');
  await fillEnrollForm(page, p, { skip: ['驗證碼'] });
  await chooseComputer(page);
  await submitEnrollment(page);
});

test('input help: autocomplete tokens, numeric keyboards, hints tied to their fields', async ({ page }) => {
  const p = person();
  await toEnrollForm(page, p);
  await expect(field(page, '手機門號')).toHaveAttribute('autocomplete', 'tel-national');
  await expect(field(page, '姓名')).toHaveAttribute('autocomplete', 'name');
  for (const label of ['手機門號', '健保卡號', '出生日期']) {
    await expect(field(page, label)).toHaveAttribute('inputmode', 'numeric');
  }
  // ROC dates are not what `bday` autofill gives: no token, and the hint says why.
  await expect(field(page, '出生日期')).not.toHaveAttribute('autocomplete', /bday/);
  await expect(field(page, '出生日期')).toHaveAccessibleDescription(/0000101.*西元/);
  await expect(field(page, '手機門號')).toHaveAccessibleDescription(/09 開頭的 10 位數字/);
  await expect(field(page, '設定憑證密碼')).toHaveAttribute('autocomplete', 'new-password');
  // WCAG 2.2 3.3.8: the masked ID is the login's username, so password managers can fill it.
  await expect(field(page, '身分證號')).toHaveAttribute('autocomplete', 'username');
  // MODA GN1240103E / GN1240500E: the help links and the footer are navigation landmarks.
  await expect(page.getByRole('navigation', { name: '行動電話認證說明' }).getByRole('link')).toHaveCount(4);
  await expect(page.getByRole('navigation', { name: '說明與網站資訊' }).getByRole('link', { name: '無障礙聲明' })).toBeVisible();
  // The captcha's description points to the audio alternative.
  await expect(captchaField(page)).toHaveAccessibleDescription(/不分大小寫.*語音播放/);
  // An error names the fix and joins the hint in the field's description.
  await field(page, '出生日期').fill('123');
  await field(page, '姓名').focus();
  await expect(field(page, '出生日期')).toHaveAccessibleDescription(new RegExp(msg('birth_format').zh.slice(0, 12)));
  await expect(field(page, '出生日期')).toHaveAttribute('aria-invalid', 'true');
});
