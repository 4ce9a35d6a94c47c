// index.html's static first screen (#boot-shell) is all a visitor downloads until they start
// using the page (public/boot.js); the app then takes its place (src/boot_shell.rs). It must be
// the app's first screen exactly — the same accessible tree (texts, labels, roles, states) and
// the same layout, so the takeover neither flashes nor shifts — and what was typed or pressed on
// it before the app arrived must be kept.
import { test, expect, type Page } from '@playwright/test';
import { TITLES, expectStep, field, submitId } from '../helpers/app';
import { person } from '../helpers/identity';
import { startupGlobal } from '../helpers/messages';
import type { Devices } from '../helpers/devices';

/** The device projects this spec runs on (playwright.config.ts reads this line). */
export const runsOn: Devices = ['desktop'];

const SHELL = '#boot-shell';
/** Elements whose boxes must not move at takeover (the first screen above the fold and below). */
const LANDMARKS = ['.site-header', 'h1.page-title', '[role=tablist]', '.notice', '.link-list', 'h2', '#national_id',
  '.input-row .button', '.before-start', '.site-footer'];

async function boxes(page: Page) {
  const out: Record<string, unknown> = {};
  for (const sel of LANDMARKS) out[sel] = await page.locator(sel).first().boundingBox();
  return out;
}

/** The app's own first screen: the shell is gone and step 1 is shown. */
async function appShown(page: Page) {
  await expect(page.locator(SHELL)).toHaveCount(0);
  await expect(field(page, '身分證號')).toBeVisible();
}

/** Holds the Wasm back until `release()`, so the shell can be looked at on its own. */
async function holdWasm(page: Page) {
  let release!: () => void;
  const gate = new Promise<void>((r) => { release = r; });
  await page.route('**/*.wasm', async (route) => { await gate; await route.continue(); });
  return release;
}

test('nothing but the page is downloaded until the visitor starts using it', async ({ page }) => {
  const fetched: string[] = [];
  page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
  await page.goto('/', { waitUntil: 'networkidle' });
  await expect(field(page, '身分證號')).toBeVisible();
  await expect(page.locator(SHELL)).toBeVisible();
  const before = fetched.filter((p) => /\.wasm$|config\.json$|\/api\//.test(p));
  expect(before, 'fetched before any use').toEqual([]);

  await field(page, '身分證號').focus();
  await appShown(page);
  expect(fetched.some((p) => p.endsWith('.wasm'))).toBe(true);
  // boot.js fetches config.json with the Wasm and the app takes that answer: once, not twice.
  expect(fetched.filter((p) => p.endsWith('/config.json'))).toHaveLength(1);
});

/** Every request for the backend's settings (`GET {api_base}/config`) the page makes. */
function backendConfigRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (r) => { if (new URL(r.url()).pathname.endsWith('/api/v1/config')) urls.push(r.url()); });
  return urls;
}

test('on first use, the backend\'s settings are asked once, while the app is still downloading', async ({ page }) => {
  const asked = backendConfigRequests(page);
  const release = await holdWasm(page);
  await page.goto('/');
  await field(page, '身分證號').focus();
  // The app's Wasm is held back, so the app cannot have asked: boot.js did, once config.json came.
  await expect.poll(() => asked.length, { timeout: 10_000 }).toBe(1);
  release();
  await appShown(page);
  await submitId(page, person().nationalId);
  await expectStep(page, TITLES.enroll);
  expect(asked, 'the app took boot.js\'s answer').toHaveLength(1);
});

test('an answer boot.js asked under another URL than the app\'s own is not taken: the app asks itself', async ({ page }) => {
  // As if boot.js and the app resolved api_base differently (src/startup.rs, BACKEND_CONFIG_GLOBAL).
  await page.addInitScript((name) => {
    let held: unknown;
    Object.defineProperty(window, name, {
      configurable: true,
      get: () => held,
      set: (v: Promise<{ url: string } | null>) => { held = v.then((x) => x && { ...x, url: `${x.url}?elsewhere` }); },
    });
  }, startupGlobal('backendConfig'));
  const asked = backendConfigRequests(page);
  await page.goto('/');
  await submitId(page, person().nationalId);
  await expectStep(page, TITLES.enroll);
  expect(asked, 'boot.js\'s and then the app\'s own').toHaveLength(2);
});

test('the first paint waits for one style sheet; the later screens\' sheets apply once the app has started', async ({ page }) => {
  const release = await holdWasm(page);
  await page.goto('/');
  await expect(page.locator(SHELL)).toBeVisible();
  // Render-blocking: a parser-inserted sheet whose media matches this page.
  const sheets = () => page.evaluate(() => [...document.querySelectorAll<HTMLLinkElement>('link[rel=stylesheet]')]
    .map((l) => ({ href: l.href, applies: matchMedia(l.media || 'all').matches })));
  const before = await sheets();
  expect(before.filter((s) => s.applies), 'sheets the first paint waits for').toHaveLength(1);
  expect(before.length, 'a later sheet is already fetched alongside').toBeGreaterThan(1);
  await field(page, '身分證號').focus();
  release();
  await appShown(page);
  await expect.poll(async () => (await sheets()).every((s) => s.applies)).toBe(true);
});

test('the static first screen is the app’s first screen, in the same place', async ({ page }) => {
  const release = await holdWasm(page);
  await page.goto('/');
  await expect(page.locator(SHELL)).toBeVisible();
  await expect(field(page, '身分證號')).toBeVisible();
  const shellTree = await page.locator('body').ariaSnapshot();
  const shellBoxes = await boxes(page);

  await page.keyboard.press('Tab');
  release();
  await appShown(page);
  expect(await page.locator('body').ariaSnapshot()).toBe(shellTree);
  expect(await boxes(page)).toEqual(shellBoxes);
  // One copy of each id and label: the shell is gone, not hidden.
  await expect(page.locator('[id="national_id"]')).toHaveCount(1);
});

test('when the app cannot be downloaded, what was typed stays and the next try starts it', async ({ page }) => {
  // The JS glue too: a module that failed to download stays failed under its URL (boot.js retries
  // under another).
  const APP_FILES = /\/mobile-auth-[0-9a-f]+(_bg\.wasm|\.js)(\?.*)?$/;
  await page.route(APP_FILES, (route) => route.abort());
  await page.goto('/');
  const input = field(page, '身分證號');
  await input.fill('A123456789');
  await expect(page.getByRole('alert')).toContainText('無法載入此服務');
  await expect(page.locator(SHELL)).toBeVisible();
  await expect(input).toHaveValue('A123456789');

  await page.unroute(APP_FILES);
  await page.getByRole('button', { name: '驗證', exact: true }).click();
  await appShown(page);
  await expect(page.getByRole('alert').filter({ hasText: '無法載入此服務' })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: '限定本人持有的手機門號資料' })).toBeVisible();
});

test.describe('before the service worker has the files', () => {
  // Once it has them, later screens come from its cache whatever the network does.
  test.use({ serviceWorkers: 'block' });
  test('a screen whose code cannot be downloaded says so; 重試 brings it, and nothing typed is lost', async ({ page }) => {
    // Later screens' code is fetched when first needed (src/ui/on_first_use.rs): here the
    // help pages' chunk fails once, as on a connection that drops.
    const HELP_CHUNK = /\/split-help-[0-9a-f]{16}\.wasm$/;
    await page.route(HELP_CHUNK, (route) => route.abort());
    await page.goto('/');
    await field(page, '身分證號').fill('A123456789');
    await appShown(page);
    await page.getByRole('link', { name: '行動電話認證常見問題' }).click();
    await expect(page.getByRole('alert')).toContainText('無法連線到伺服器');

    await page.unroute(HELP_CHUNK);
    await page.getByRole('button', { name: '重試' }).click();
    await expect(page.getByRole('heading', { name: '行動電話認證常見問題' })).toBeVisible();
    await expect(page.getByRole('alert')).toHaveCount(0);
    await page.goBack();
    await expect(field(page, '身分證號')).toHaveValue('A123456789');
  });
});

test('without Wasm at all, the page says the service cannot start', async ({ page }) => {
  await page.route('**/*.wasm', (route) => route.abort());
  await page.goto('/#/help/faq');
  await expect(page.getByRole('alert')).toContainText('無法載入此服務');
});
test('what was typed before the app started is kept, with the focus', async ({ page }) => {
  const release = await holdWasm(page);
  await page.goto('/');
  const input = field(page, '身分證號');
  await input.click();
  await page.keyboard.type('A1234');
  release();
  await appShown(page);
  await expect(input).toHaveValue('A1234');
  await expect(input).toBeFocused();
  // The app owns the field now: its clear button empties it.
  await page.getByRole('button', { name: '清除', exact: true }).click();
  await expect(input).toHaveValue('');
});

test('a visitor quicker than boot.js (a slow connection) still gets the app', async ({ page }) => {
  let release!: () => void;
  const gate = new Promise<void>((r) => { release = r; });
  await page.route('**/boot.js', async (route) => { await gate; await route.continue(); });
  await page.goto('/', { waitUntil: 'commit' });
  const input = field(page, '身分證號');
  await input.click();
  await page.keyboard.type('A1');
  release();
  await appShown(page);
  await expect(input).toHaveValue('A1');
  await expect(input).toBeFocused();
});

test('驗證 pressed before boot.js has arrived (a slow connection) is done by the app', async ({ page }) => {
  // Until boot.js runs, 驗證 can only open the static screen's message (no script has run to
  // listen); boot.js takes that open message as the press it was.
  let release!: () => void;
  const gate = new Promise<void>((r) => { release = r; });
  await page.route('**/boot.js', async (route) => { await gate; await route.continue(); });
  const wasm: string[] = [];
  const glue: string[] = [];
  const config: string[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('.wasm')) wasm.push(r.url());
    if (/\/mobile-auth-[0-9a-f]+\.js$/.test(r.url())) glue.push(r.url());
    if (r.url().endsWith('/config.json')) config.push(r.url());
  });
  await page.goto('/', { waitUntil: 'commit' });
  await field(page, '身分證號').fill('A123');
  await page.getByRole('button', { name: '驗證', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('若片刻後仍無反應');
  release();
  await appShown(page);
  await expect(page.getByRole('heading', { name: '請修正以下問題' })).toBeVisible();
  await expect(field(page, '身分證號')).toHaveValue('A123');
  expect(wasm, 'the main module, downloaded once').toHaveLength(1);
  expect(config, 'config.json, downloaded once').toHaveLength(1);
  expect(glue, 'the JS glue, downloaded once').toHaveLength(1);
  // The press was the app's: the message for a page whose script never runs did not stay.
  await expect(page.getByText('此服務尚未啟動')).toHaveCount(0);
});

test('the first paint waits for the page and its one style sheet, never for a script', async ({ page }) => {
  // boot.js held back: the page paints all the same.
  let release!: () => void;
  const gate = new Promise<void>((r) => { release = r; });
  await page.route('**/boot.js', async (route) => { await gate; await route.continue(); });
  await page.goto('/', { waitUntil: 'commit' });
  await expect.poll(() => page.evaluate(() => performance.getEntriesByName('first-contentful-paint').length)).toBe(1);
  await expect(page.locator(SHELL)).toBeVisible();
  const timing = await page.evaluate(() => ({
    paint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
    fetched: performance.getEntriesByType('resource').map((e) => ({ path: new URL(e.name).pathname, start: e.startTime })),
  }));
  // The browser fetches the tab's icon on its own schedule; nothing on the page waits for it.
  const before = timing.fetched.filter((r) => r.start < timing.paint! && !r.path.startsWith('/icons/')).map((r) => r.path);
  expect(before, 'fetched (and finished) before the first paint').toEqual([expect.stringMatching(/^\/app-[0-9a-f]+\.css$/)]);
  // What it did not wait for comes once boot.js runs, without any use of the page.
  release();
  await expect(page.locator('link[rel=manifest]')).toHaveCount(1);
  await expect.poll(() => page.evaluate(() => performance.getEntriesByType('resource')
    .some((e) => /\/records-[0-9a-f]+\.css$/.test(new URL(e.name).pathname))), 'the later screens\' sheet').toBe(true);
});

test('驗證 pressed before the app started is done by the app', async ({ page }) => {
  const release = await holdWasm(page);
  await page.goto('/');
  await field(page, '身分證號').fill('A123');
  const verify = page.getByRole('button', { name: '驗證', exact: true });
  await verify.click();
  // Still downloading: the button is busy and the page says so.
  await expect(page.getByRole('status').filter({ hasText: '正在載入服務，請稍候' })).toBeVisible();
  await expect(verify).toBeDisabled();
  release();
  await appShown(page);
  await expect(page.getByRole('heading', { name: '請修正以下問題' })).toBeVisible();
  await expect(field(page, '身分證號')).toHaveValue('A123');
});

test('Enter in the field before the app started is 驗證, done by the app', async ({ page }) => {
  const release = await holdWasm(page);
  await page.goto('/');
  await field(page, '身分證號').fill('A123');
  await page.keyboard.press('Enter');
  release();
  await appShown(page);
  await expect(page.getByRole('heading', { name: '請修正以下問題' })).toBeVisible();
});

test('a button pressed before the app started is pressed by the app', async ({ page }) => {
  const release = await holdWasm(page);
  await page.goto('/');
  await page.getByRole('button', { name: 'Switch to English' }).click();
  release();
  await expect(page.locator(SHELL)).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Choose how to log in');
});

test('keyboard: the focus, and an arrow key on the tabs, carry over to the app', async ({ page }) => {
  let release = await holdWasm(page);
  await page.goto('/');
  await page.getByRole('tab', { name: '行動電話認證' }).focus();
  await page.keyboard.press('Tab');
  const manual = page.getByRole('link', { name: '行動電話認證操作手冊下載' });
  await expect(manual).toBeFocused();
  release();
  await expect(page.locator(SHELL)).toHaveCount(0);
  await expect(manual).toBeFocused();

  await page.unrouteAll();
  release = await holdWasm(page);
  await page.reload();
  await page.getByRole('tab', { name: '行動電話認證' }).focus();
  await page.keyboard.press('ArrowLeft');
  release();
  await expect(page.locator(SHELL)).toHaveCount(0);
  const financial = page.getByRole('tab', { name: '金融電子憑證' });
  await expect(financial).toHaveAttribute('aria-selected', 'true');
  await expect(financial).toBeFocused();
  // Tab goes on from there, into that method's panel, not from the top of the page.
  await page.keyboard.press('Tab');
  await expect(page.locator('#panel-3 a')).toBeFocused();
});

test('a button pressed by assistive technology (a click with no pointer or focus) starts the app', async ({ page }) => {
  await page.goto('/', { waitUntil: 'networkidle' });
  await page.getByRole('button', { name: '驗證', exact: true }).dispatchEvent('click');
  await appShown(page);
  await expect(page.getByRole('heading', { name: '請修正以下問題' })).toBeVisible();
});

test('offline before the app has come: the shell says so as the app does, and carries on when back online', async ({ page, context }) => {
  await page.goto('/', { waitUntil: 'networkidle' });
  // boot.js has run: 驗證 no longer opens the message for a page whose script never runs.
  await page.waitForFunction(() => document.querySelector('[popovertarget]') === null);
  await context.setOffline(true);
  const notice = page.getByRole('status').filter({ hasText: '目前沒有網路連線' });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('您輸入的資料會保留在此頁面');
  const verify = page.getByRole('button', { name: '驗證', exact: true });
  await expect(verify).toBeDisabled();
  const input = field(page, '身分證號');
  await input.fill('A123456789');
  // The download could not start: still the same notice, not an error, and what was typed stays.
  await expect(notice).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.locator(SHELL)).toBeVisible();

  await context.setOffline(false);
  await appShown(page);
  await expect(input).toHaveValue('A123456789');
  await expect(page.getByText('目前沒有網路連線')).toHaveCount(0);
  await verify.click();
  await expect(page.getByRole('heading', { name: '限定本人持有的手機門號資料' })).toBeVisible();
});

test('a link to another screen does not show step 1 first', async ({ page }) => {
  const release = await holdWasm(page);
  await page.goto('/#/help/faq');
  await expect(page.locator(SHELL)).toHaveCount(0);
  await expect(field(page, '身分證號')).toHaveCount(0);
  release();
  await expect(page.getByRole('heading', { name: '行動電話認證常見問題' })).toBeVisible();
});
