// Deploy anywhere (issue 6): the built dist/ on a plain static host under a sub-path, no rewrite
// rules, issue 6's strict CSP as is (`script-src 'self' 'wasm-unsafe-eval'`, no hash: the host
// checks the sandbox sends exactly that) with zero violations through a whole two-device
// enrollment, and config.json problems explained in words.
import { test, expect } from '@playwright/test';
import { person } from '../helpers/identity';
import {
  TITLES, button, enrollToQr, expectStep, field, fillEnrollForm, openApp, openOnPhone, startUsing, submitId,
  verifyQrOnPhone,
} from '../helpers/app';
import { decodeQrFromScreen } from '../helpers/qr';
import { APP_PATH, configWith, recordCspViolations, startStaticHost, type StaticHost } from '../helpers/static-host';
import type { Devices } from '../helpers/devices';

/** The device projects this spec runs on (playwright.config.ts reads this line). */
export const runsOn: Devices = ['desktop'];

let host: StaticHost;
test.beforeEach(async () => { host = await startStaticHost(); });
test.afterEach(async () => { await host.close(); });

test('from plain files under a sub-path, a whole enrollment runs with no CSP violation', async ({ page, browser }) => {
  const violations = await recordCspViolations(page);
  const p = person();
  // The host has no rewrite rules: a history-style path would be a 404, so the app must not need one.
  expect((await page.request.get(host.origin + APP_PATH + 'verify/anything')).status()).toBe(404);

  await enrollToQr(page, p, host.origin + APP_PATH.replace(/\/$/, ''));
  const phoneUrl = await decodeQrFromScreen(page);
  // The phone's entry point is this same sub-path, with a hash route.
  expect(phoneUrl).toMatch(new RegExp(`^${host.app.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}#/verify/`));

  let phoneViolations: string[] = [];
  await verifyQrOnPhone(browser, page, p, {
    url: phoneUrl,
    prepare: async (phonePage) => { phoneViolations = await recordCspViolations(phonePage); },
  });
  await startUsing(page);

  // In-app pages are hash URLs on the same index.html: they open directly, too.
  await page.goto(host.app + '#/help/faq');
  await expect(page.getByRole('heading', { name: '行動電話認證常見問題' })).toBeVisible();

  expect(violations).toEqual([]);
  expect(phoneViolations).toEqual([]);
});

// Whatever keeps the app from starting (issue 26), 驗證 on the static first screen says so, in both
// languages, and what was typed stays.
for (const [what, breakIt] of [
  // A policy stricter than the app needs: no script of this origin at all.
  ['a CSP blocks boot.js', (h: StaticHost) => { h.policy.scriptSrc = "'wasm-unsafe-eval'"; }],
  // A half-copied deployment.
  ['boot.js is missing', (h: StaticHost) => { h.overrides.set(APP_PATH + 'boot.js', () => ({ body: null })); }],
] as const) {
  test(`${what}: 驗證 says the service has not started, never nothing`, async ({ page }) => {
    breakIt(host);
    await page.goto(host.app, { waitUntil: 'networkidle' });
    const input = field(page, '身分證號');
    await input.fill('A123456789');
    await page.getByRole('button', { name: '驗證', exact: true }).click();
    const message = page.getByRole('alert');
    await expect(message).toBeVisible();
    await expect(message).toContainText('此服務尚未啟動');
    await expect(message).toContainText('請重新整理頁面');
    await expect(message).toContainText('The service has not started');
    await expect(input).toHaveValue('A123456789');
  });
}

/** index.html as a browser that does not know these features would treat it. */
const asIf = (unknown: { modules?: boolean; popovers?: boolean }) => (original: Buffer | null) => {
  let html = String(original);
  // It never runs a module script, and runs a `nomodule` one.
  if (unknown.modules) html = html.replace(/<script type="module"[^>]*><\/script>/, '').replace('<script nomodule ', '<script ');
  // The popover attribute is nothing to it: no rule of its own hides the element.
  if (unknown.popovers) html = html.replace(/ popover(?=[ >])/g, '');
  return { body: html };
};

// A browser older than module scripts (before 2018) knows no popovers either: boot.js never runs,
// and public/no-modules.js makes 驗證 show the static message.
test('a browser without module scripts or popovers: 驗證 says the service has not started', async ({ page }) => {
  const violations = await recordCspViolations(page);
  host.overrides.set(APP_PATH + 'index.html', asIf({ modules: true, popovers: true }));
  await page.goto(host.app, { waitUntil: 'networkidle' });
  const message = page.getByText('此服務尚未啟動');
  await expect(message).toBeHidden();
  const input = field(page, '身分證號');
  await input.fill('A123456789');
  await page.getByRole('button', { name: '驗證', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('此服務尚未啟動');
  await expect(page.getByRole('alert')).toContainText('The service has not started');
  await expect(input).toHaveValue('A123456789');
  expect(violations).toEqual([]);
});

// Safari 16 (iOS 16 is the last for the iPhone 8 and X) runs modules but knows no popovers: the
// message must not sit on the first screen by itself. A browser with modules never fetches
// no-modules.js.
test('a browser with modules but no popovers: no message on the page, and no-modules.js is not fetched', async ({ page }) => {
  const fetched: string[] = [];
  page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
  host.overrides.set(APP_PATH + 'index.html', asIf({ popovers: true }));
  await page.goto(host.app, { waitUntil: 'networkidle' });
  await expect(field(page, '身分證號')).toBeVisible();
  await expect(page.getByText('此服務尚未啟動')).toBeHidden();
  expect(fetched).toContain(APP_PATH + 'boot.js');
  expect(fetched).not.toContain(APP_PATH + 'no-modules.js');
});

test('a missing config.json is explained, not a blank page', async ({ page }) => {
  host.overrides.set(APP_PATH + 'config.json', () => ({ body: null }));
  await page.goto(host.app);
  // The app starts when the visitor starts using the page (public/boot.js).
  await page.getByLabel('身分證號', { exact: true }).focus();
  await expect(page.getByRole('alert')).toHaveText(/無法載入系統設定（config\.json）/);
  // What the operator needs to fix it, without any user data.
  await expect(page.getByText('config.json: HTTP 404')).toBeVisible();
  await expect(page.getByRole('button', { name: '重試' })).toBeVisible();

  // Once it is back, 重試 starts the app.
  host.overrides.clear();
  await page.getByRole('button', { name: '重試' }).click();
  await expect(page.getByLabel('身分證號', { exact: true })).toBeVisible();
});

test('a broken config.json names the line and column', async ({ page }) => {
  host.overrides.set(APP_PATH + 'config.json', () => ({ body: '{\n  "api_base": "api/v1",\n}\n' }));
  await page.goto(host.app);
  // The app starts when the visitor starts using the page (public/boot.js).
  await page.getByLabel('身分證號', { exact: true }).focus();
  await expect(page.getByRole('alert')).toHaveText(/無法載入系統設定（config\.json）/);
  await expect(page.getByText(/config\.json: .*line 3 column 1/)).toBeVisible();
});

test('a wrong setting in config.json is named', async ({ page }) => {
  host.overrides.set(APP_PATH + 'config.json', configWith({ embed: { allowed_origins: ['*'] } }));
  await page.goto(host.app);
  // The app starts when the visitor starts using the page (public/boot.js).
  await page.getByLabel('身分證號', { exact: true }).focus();
  await expect(page.getByRole('alert')).toHaveText(/無法載入系統設定（config\.json）/);
  await expect(page.getByText(/embed\.allowed_origins/)).toBeVisible();
});

test('config.json narrows the carriers, names the 驗證單位 and loads a theme', async ({ page, browser }) => {
  host.overrides.set(APP_PATH + 'config.json', configWith({
    carriers: ['fet', 'cht'],
    verification_unit: { zh: '桃園市政府勞動檢查處', en: 'Taoyuan Labor Inspection Office' },
    theme_css: 'theme.css',
  }));
  host.overrides.set(APP_PATH + 'theme.css', () => ({ body: ':root { --brand: #6b1d89; }', type: 'text/css' }));
  const violations = await recordCspViolations(page);
  const p = person();
  await openApp(page, host.origin + APP_PATH.replace(/\/$/, ''));
  await submitId(page, p.nationalId);
  // Only the deployment's two carriers, in its order, after 請選擇.
  await expect(field(page, '電信業者').locator('option')).toHaveText(['請選擇', '遠傳電信', '中華電信']);
  await expect.poll(() => page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--brand').trim()))
    .toBe('#6b1d89');
  await fillEnrollForm(page, p);
  await button(page, '送出').click();
  await expectStep(page, TITLES.qr);
  const phone = await openOnPhone(browser, await decodeQrFromScreen(page));
  try {
    await expect(phone.page.getByText('桃園市政府勞動檢查處')).toBeVisible();
  } finally {
    await phone.context.close();
  }
  expect(violations).toEqual([]);
});
