// Faults on each API call (issue 5): HTTP 500, a hang past the client's timeout, a closed
// connection, malformed JSON, and going offline mid-flow. Each time the user reads a clear message
// they can act on, can retry, and finds what they typed still in the fields.
import { type Page } from '@playwright/test';
import { test, expect } from '../helpers/fixtures';
import { person } from '../helpers/identity';
import { msg } from '../helpers/messages';
import { FAULTS, faultMessage, injectFault, passClientTimeout, type Fault } from '../helpers/faults';
import {
  TITLES, button, captchaField, enrollToQr, expectEnrollValues, expectStep, field,
  fillEnrollForm, fillLogin, openApp, openOnPhone, shown, submitId, termsBox, toEnrollForm,
} from '../helpers/app';
import { CAPTCHA } from '../helpers/env';
import { decodeQrFromScreen } from '../helpers/qr';
import type { Devices } from '../helpers/devices';

/** The device projects this spec runs on (playwright.config.ts reads this line). */
export const runsOn: Devices = ['desktop'];

/** Waits for the fault's message (advancing the page clock for a timeout). */
async function expectFaultMessage(page: Page, fault: Fault): Promise<void> {
  const message = shown(page, faultMessage(fault));
  if (fault === 'timeout') await passClientTimeout(page, message);
  else await expect(message).toBeVisible();
}

/** The retry the screen offers: a 重試 button if there is one, else the same action again. */
function retryOr(page: Page, action: string) {
  return page.getByRole('button', { name: '重試', exact: true }).or(button(page, action)).first();
}

for (const fault of FAULTS) {
  test(`ID check (step 1): ${fault}`, async ({ page }) => {
    const p = person();
    if (fault === 'timeout') await page.clock.install();
    await openApp(page);
    const heal = await injectFault(page, /\/api\/v1\/id-check$/, fault);
    await submitId(page, p.nationalId);
    await expectFaultMessage(page, fault);
    await expect(field(page, '身分證號')).toHaveValue(p.nationalId);
    await heal();
    await retryOr(page, '驗證').click();
    await expectStep(page, TITLES.enroll);
  });

  test(`application (step 2 送出): ${fault}`, async ({ page }) => {
    const p = person();
    if (fault === 'timeout') await page.clock.install();
    await toEnrollForm(page, p);
    await fillEnrollForm(page, p);
    const heal = await injectFault(page, /\/api\/v1\/applications$/, fault, 'POST');
    await button(page, '送出').click();
    await expectFaultMessage(page, fault);
    await expectEnrollValues(page, p);
    await heal();
    // The failed request never reached the sandbox, so the captcha answer is still good; if the
    // page showed a new picture, the user types its characters (the sandbox's are always TEST1).
    if ((await captchaField(page).inputValue()) === '') await captchaField(page).fill(CAPTCHA);
    await retryOr(page, '送出').click();
    await expectStep(page, TITLES.qr);
  });
}

test('the backend cannot be asked for its settings at start: the page says so, 重試 starts the app, and so does coming back online', async ({ page }) => {
  const p = person();
  let answer: 'fail' | 'unreachable' | 'pass' = 'fail';
  await page.route(/\/api\/v1\/config$/, (route) => {
    if (answer === 'fail') return route.fulfill({ status: 500, body: '' });
    if (answer === 'unreachable') return route.abort('internetdisconnected');
    return route.fallback();
  });
  const unreachable = shown(page, '無法取得服務設定，請檢查網路連線後重試。');

  await openApp(page);
  await field(page, '身分證號').focus(); // the first use: the app is fetched and starts
  await expect(unreachable).toBeVisible();
  await expect(page.getByRole('alert')).toContainText('無法取得服務設定');
  answer = 'pass';
  await button(page, '重試').click();
  await submitId(page, p.nationalId);
  await expectStep(page, TITLES.enroll);

  // A start that found no connection (and no settings kept from before in this tab) starts
  // again by itself when the browser says it is back online.
  const fresh = await page.context().newPage();
  answer = 'unreachable';
  await fresh.route(/\/api\/v1\/config$/, (route) =>
    answer === 'unreachable' ? route.abort('internetdisconnected') : route.fallback());
  await openApp(fresh);
  await field(fresh, '身分證號').focus();
  await expect(shown(fresh, '無法取得服務設定')).toBeVisible();
  answer = 'pass';
  await fresh.evaluate(() => window.dispatchEvent(new Event('online')));
  await submitId(fresh, p.nationalId);
  await expectStep(fresh, TITLES.enroll);
});

test('settings that are not JSON at start (boot.js asked them beside the app): the page says so, and 重試 carries on with what was typed', async ({ page }) => {
  const p = person();
  let answer: 'garbage' | 'pass' = 'garbage';
  await page.route(/\/api\/v1\/config$/, (route) => (answer === 'garbage'
    ? route.fulfill({ status: 200, contentType: 'application/json', body: '{"carriers": [' })
    : route.fallback()));
  await openApp(page);
  // Typed on the static step 1, before the app has started.
  await field(page, '身分證號').fill(p.nationalId);
  await expect(shown(page, '無法取得服務設定')).toBeVisible();
  answer = 'pass';
  await button(page, '重試').click();
  await expect(field(page, '身分證號')).toHaveValue(p.nationalId);
  await button(page, '驗證').click();
  await expectStep(page, TITLES.enroll);
});

test('going offline before 送出: the page says so, pauses 送出, keeps the data, and works once back online', async ({ page, context }) => {
  const p = person();
  await toEnrollForm(page, p);
  await fillEnrollForm(page, p);
  await context.setOffline(true);
  await expect(page.getByText('目前沒有網路連線')).toBeVisible();
  await expect(button(page, '送出')).toBeDisabled();
  await expectEnrollValues(page, p);
  await context.setOffline(false);
  await expect(button(page, '送出')).toBeEnabled();
  await button(page, '送出').click();
  await expectStep(page, TITLES.qr);
});

test('captcha (step 2): a failed picture says so and 重新產生驗證碼 recovers', async ({ page }) => {
  const p = person();
  await openApp(page);
  const heal = await injectFault(page, /\/api\/v1\/captchas$/, 'http 500', 'POST');
  await submitId(page, p.nationalId);
  await expectStep(page, TITLES.enroll);
  await expect(shown(page, msg('internal').zh)).toBeVisible();
  await heal();
  await button(page, '重新產生驗證碼').click();
  await expect(shown(page, msg('internal').zh)).toBeHidden();
  await fillEnrollForm(page, p);
  await button(page, '送出').click();
  await expectStep(page, TITLES.qr);
});

test('captcha (step 2): shown from a blob: URL freed when replaced; a picture that is not a raster image is refused', async ({ page }) => {
  const p = person();
  await openApp(page);
  await submitId(page, p.nationalId);
  await expectStep(page, TITLES.enroll);
  // The backend's data: URL never becomes the page's src (the CSP allows no data: images).
  const img = page.locator('img.captcha__img');
  await expect(img).toHaveAttribute('src', /^blob:/);
  await expect.poll(() => img.evaluate((i: HTMLImageElement) => i.naturalWidth)).toBeGreaterThan(0);
  const first = (await img.getAttribute('src'))!;
  await button(page, '重新產生驗證碼').click();
  await expect(img).toHaveAttribute('src', /^blob:/);
  await expect(img).not.toHaveAttribute('src', first);
  // The old picture's URL is revoked: it no longer loads anywhere in the page.
  const reload = (u: string) => new Promise<string>((done) => {
    const probe = new Image();
    probe.onload = () => done('loaded');
    probe.onerror = () => done('revoked');
    probe.src = u;
  });
  expect(await page.evaluate(reload, first)).toBe('revoked');
  expect(await page.evaluate(reload, (await img.getAttribute('src'))!)).toBe('loaded');

  // An SVG (its text and paths are readable by a script) is a bad answer: retryable, and the
  // form keeps what was typed.
  await field(page, '姓名').fill(p.name);
  const svg = async (route: import('@playwright/test').Route) => route.fulfill({
    status: 200,
    contentType: 'application/json',
    body: JSON.stringify({ captcha_id: 'x', image: 'data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=', expires_in_seconds: 120 }),
  });
  await page.route(/\/api\/v1\/captchas$/, svg);
  await button(page, '重新產生驗證碼').click();
  await expect(shown(page, msg('bad_response').zh)).toBeVisible();
  await expect(img).toHaveCount(0);
  await expect(field(page, '姓名')).toHaveValue(p.name);
  await page.unroute(/\/api\/v1\/captchas$/, svg);
  await button(page, '重新產生驗證碼').click();
  await expect(img).toHaveAttribute('src', /^blob:/);
  await fillEnrollForm(page, p);
  await button(page, '送出').click();
  await expectStep(page, TITLES.qr);
});

test('phone side: opening the link and 開始驗證 under every fault, then success', async ({ page, browser }) => {
  const p = person();
  await enrollToQr(page, p);
  const url = await decodeQrFromScreen(page);
  const phone = await openOnPhone(browser, 'about:blank', (pg) => pg.clock.install());
  try {
    // Opening the link fails once, then a reload works.
    const healOpen = await injectFault(phone.page, /\/api\/v1\/verifications\/[^/]+$/, 'http 500', 'GET');
    await phone.page.goto(url);
    await expect(shown(phone.page, msg('internal').zh)).toBeVisible();
    await healOpen();
    await phone.page.reload();
    await expectStep(phone.page, TITLES.phoneVerify);

    await termsBox(phone.page).check();
    for (const fault of FAULTS) {
      const heal = await injectFault(phone.page, /\/api\/v1\/verifications\/[^/]+\/start$/, fault, 'POST');
      await retryOr(phone.page, '開始驗證').click();
      await expectFaultMessage(phone.page, fault);
      await expect(termsBox(phone.page)).toBeChecked();
      await heal();
    }
    await retryOr(phone.page, '開始驗證').click();
    await expectStep(phone.page, TITLES.phoneDone);
  } finally {
    await phone.context.close();
  }
  await expectStep(page, TITLES.welcome, 30_000);
});

test('four-field login under every fault keeps the four values, then logs in', async ({ page, enrolled: p }) => {
  // The return visit, in a new tab of the same browser (the enrolling tab resumes its step 6).
  const back = await page.context().newPage();
  await back.clock.install();
  await openApp(back);
  await submitId(back, p.nationalId);
  await fillLogin(back, p);
  for (const fault of FAULTS) {
    const heal = await injectFault(back, /\/api\/v1\/login$/, fault, 'POST');
    await retryOr(back, '送出').click();
    await expectFaultMessage(back, fault);
    await expect(field(back, '身分證號')).toHaveValue(p.nationalId);
    await expect(field(back, '出生日期')).toHaveValue(p.birthDate);
    await expect(field(back, '姓名')).toHaveValue(p.name);
    await expect(field(back, '憑證密碼')).toHaveValue(p.password);
    await heal();
  }
  await retryOr(back, '送出').click();
  await expectStep(back, TITLES.welcome);
});
