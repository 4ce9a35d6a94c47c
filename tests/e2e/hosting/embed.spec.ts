// Embedding in an agency portal (issue 6), with the example pages of examples/embed/:
// an iframe on another origin (messages to the allow-list only, height), and mount mode (the app
// in the portal's own page, CSS kept apart both ways, DOM events). No CSP violation in either.
import { test, expect, type Browser, type FrameLocator, type Locator, type Page } from '@playwright/test';
import { person, type Person } from '../helpers/identity';
import {
  TITLES, agreeAndStart, captchaField, confirmBox, expectStep, openOnPhone,
} from '../helpers/app';
import { CAPTCHA } from '../helpers/env';
import { configWith, recordCspViolations, startStaticHost, APP_PATH, type StaticHost } from '../helpers/static-host';
import type { Devices } from '../helpers/devices';

/** The device projects this spec runs on (playwright.config.ts reads this line). */
export const runsOn: Devices = ['desktop'];

type Scope = Page | FrameLocator;
const field = (s: Scope, label: string): Locator => s.getByLabel(label, { exact: true });
const heading = (s: Scope, title: string): Locator => s.getByRole('heading', { name: title });

/** Steps 1–4 inside whatever holds the app; returns the phone link shown under the QR code. */
async function enrollToQrIn(s: Scope, p: Person): Promise<string> {
  await field(s, '身分證號').fill(p.nationalId);
  await s.getByRole('button', { name: '驗證', exact: true }).click();
  await expect(heading(s, TITLES.enroll)).toBeVisible();
  await field(s, '電信業者').selectOption({ label: p.carrier });
  await field(s, '手機門號').fill(p.mobile);
  await field(s, '健保卡號').fill(p.nhiCard);
  await field(s, '出生日期').fill(p.birthDate);
  await field(s, '姓名').fill(p.name);
  await confirmBox(s as Page).check();
  await captchaField(s as Page).fill(CAPTCHA);
  await field(s, '設定憑證密碼').fill(p.password);
  await field(s, '確認憑證密碼').fill(p.password);
  await s.getByRole('button', { name: '送出', exact: true }).click();
  await expect(heading(s, TITLES.qr)).toBeVisible();
  // The same address the QR code holds, as text for who cannot scan.
  return (await s.locator('.qr-link a').getAttribute('href')) ?? '';
}

async function verifyOnPhone(browser: Browser, url: string): Promise<void> {
  const phone = await openOnPhone(browser, url);
  try {
    await agreeAndStart(phone.page);
    await expectStep(phone.page, TITLES.phoneDone);
  } finally {
    await phone.context.close();
  }
}

const events = (page: Page) => page.locator('#mobile-auth-events li');

let app: StaticHost;
let portal: StaticHost;
test.beforeEach(async () => {
  [app, portal] = await Promise.all([startStaticHost(), startStaticHost()]);
});
test.afterEach(async () => { await Promise.all([app.close(), portal.close()]); });

/** The portal's iframe.html, pointing at this test's app host. */
function framePortal(): void {
  portal.overrides.set('/portal/iframe.html', (original) => ({
    body: String(original).replace('src="http://127.0.0.1:8080/"', `src="${app.app}"`),
  }));
  app.policy.frameAncestors = portal.origin;
  portal.policy.frameSrc = app.origin;
}

test('in an iframe on the portal\'s origin: messages to the allowed portal, sized to the content', async ({ page, browser }) => {
  framePortal();
  app.overrides.set(APP_PATH + 'config.json', configWith({ embed: { allowed_origins: [portal.origin] } }));
  const violations = await recordCspViolations(page);
  await page.goto(portal.origin + '/portal/iframe.html');
  const frame = page.frameLocator('#mobile-auth');
  await expect(field(frame, '身分證號')).toBeVisible();
  await expect(events(page)).toHaveText(['mobile-auth:ready']);

  // The frame follows the app's height (no inner scroll bar, no empty space), as it changes.
  const frameHeight = () => page.locator('#mobile-auth').evaluate((f) => f.clientHeight);
  const contentHeight = () => frame.locator('body').evaluate((b) => (b as HTMLElement).offsetHeight);
  await expect.poll(async () => (await frameHeight()) - (await contentHeight())).toBe(0);
  const before = await frameHeight();

  const p = person();
  const phoneUrl = await enrollToQrIn(frame, p);
  await expect.poll(async () => (await frameHeight()) - (await contentHeight())).toBe(0);
  expect(await frameHeight()).not.toBe(before);

  await verifyOnPhone(browser, phoneUrl);
  await expect(heading(frame, TITLES.welcome)).toBeVisible({ timeout: 30_000 });
  await expect(events(page)).toHaveText(['mobile-auth:ready', 'mobile-auth:enrolled']);
  expect(violations).toEqual([]);
});

test('in an iframe on a portal that is not on the allow-list: the app works and tells it nothing', async ({ page }) => {
  framePortal();
  app.overrides.set(APP_PATH + 'config.json', configWith({ embed: { allowed_origins: ['https://portal.example.gov.tw'] } }));
  await page.goto(portal.origin + '/portal/iframe.html');
  const frame = page.frameLocator('#mobile-auth');
  await expect(field(frame, '身分證號')).toBeVisible();
  // Leaving step 2 for step 1 is a "cancelled" that an allowed portal would have heard of.
  const p = person();
  await field(frame, '身分證號').fill(p.nationalId);
  await frame.getByRole('button', { name: '驗證', exact: true }).click();
  await expect(heading(frame, TITLES.enroll)).toBeVisible();
  await expect(events(page)).toHaveCount(0);
  // The frame keeps the portal's own size: no height message arrived either.
  expect(await page.locator('#mobile-auth').evaluate((f) => f.clientHeight)).toBe(640);
});

test('the portal\'s page frames only if frame-ancestors allows it', async ({ page }) => {
  portal.overrides.set('/portal/iframe.html', (original) => ({
    body: String(original).replace('src="http://127.0.0.1:8080/"', `src="${app.app}"`),
  }));
  portal.policy.frameSrc = app.origin;
  // app.policy.frameAncestors stays 'self': the browser refuses to show the app in the frame.
  await page.goto(portal.origin + '/portal/iframe.html');
  const frame = page.frameLocator('#mobile-auth');
  await expect(page.locator('#mobile-auth')).toBeVisible();
  await expect(field(frame, '身分證號')).toHaveCount(0);
});

test('mounted into the portal\'s page: styles stay apart, DOM events, no CSP violation', async ({ page, browser }) => {
  // Same origin as the app, as a portal that hosts the app's files would be.
  const violations = await recordCspViolations(page);
  await page.goto(app.origin + '/portal/mount.html');
  const host = page.locator('[data-mobile-auth]');
  await expect(field(host as unknown as Page, '身分證號')).toBeVisible();
  // The portal's page has its own 導盲磚 and access keys: the app adds none to clash with them.
  await expect(page.locator('[accesskey]')).toHaveCount(0);

  // The portal's blunt rules (hotpink buttons, serif, red headings) do not reach the app…
  const appButton = host.getByRole('button', { name: '驗證', exact: true });
  await expect(appButton).toHaveCSS('background-color', 'rgb(29, 78, 137)');
  await expect(appButton).not.toHaveCSS('border-style', 'dashed');
  await expect(field(host as unknown as Page, '身分證號')).not.toHaveCSS('background-color', 'rgb(255, 255, 224)');
  // …and the app's rules do not reach the portal.
  const portalButton = page.locator('.portal-header button');
  await expect(portalButton).toHaveCSS('background-color', 'rgb(255, 105, 180)');
  await expect(page.locator('body')).toHaveCSS('font-family', /Georgia/);
  await expect(page.locator('.portal-main > h1')).toHaveCSS('color', 'rgb(139, 0, 0)');
  // The portal's page keeps its title.
  await expect(page).toHaveTitle('入口網站範例：將行動電話認證掛載於頁面中');

  const p = person();
  const phoneUrl = await enrollToQrIn(host as unknown as Page, p);
  await host.getByRole('button', { name: '重新申請行動認證' }).click();
  await expect(field(host as unknown as Page, '身分證號')).toBeVisible();
  await expect(events(page)).toHaveText(['mobile-auth:cancelled']);

  // Again, to the end this time: the phone opens the portal's page (the QR link points there).
  expect(phoneUrl).toContain('/portal/mount.html#/verify/');
  const link = await enrollToQrIn(host as unknown as Page, p);
  await verifyOnPhone(browser, link);
  await expect(heading(host as unknown as Page, TITLES.welcome)).toBeVisible({ timeout: 30_000 });
  await expect(events(page)).toHaveText(['mobile-auth:cancelled', 'mobile-auth:enrolled']);
  expect(violations).toEqual([]);
});


test('mounted with data-lang="en": the app opens in English, its table fetched from the app\'s folder', async ({ page }) => {
  const english: string[] = [];
  page.on('request', (r) => { if (/\/texts-en-[0-9a-f]{16}\.json$/.test(r.url())) english.push(r.url()); });
  await page.route('**/portal/mount.html', async (route) => {
    const response = await route.fetch();
    const body = (await response.text()).replace('data-lang="zh-TW"', 'data-lang="en"');
    await route.fulfill({ response, body });
  });
  await page.goto(app.origin + '/portal/mount.html');
  const host = page.locator('[data-mobile-auth]');
  await expect(host.getByRole('heading', { name: 'Choose how to log in' })).toBeVisible();
  await expect(field(host as unknown as Page, 'National ID number')).toBeVisible();
  expect(english).toHaveLength(1);
  expect(new URL(english[0]).pathname.startsWith(APP_PATH)).toBe(true);
});
