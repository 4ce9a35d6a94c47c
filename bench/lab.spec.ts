// Measurements Lighthouse does not make, in one browser session (bench/run.mjs collects them):
//  - when the 身分證號 field accepts typing on a throttled phone (Lighthouse's mobile settings);
//  - JS and Wasm heap after the first screen and after a whole enrollment;
//  - a citizen's first visit with the phone's own HTTP cache: bytes over the wire (the page's and
//    its service worker's) before step 2 shows and in all, and the wait after 驗證 in round trips;
//  - the Wasm logic itself: QR rendering and whole-form validation (median of 100), through the
//    `bench` feature's hooks (src/bench_hooks.rs) in a separate build.
import { test, expect, type Page, type CDPSession } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { field, enrollViaQr, startUsing } from '../tests/e2e/helpers/app';
import { person } from '../tests/e2e/helpers/identity';

const OUT = process.env.BENCH_OUT ?? 'target/bench';
const APP = process.env.BENCH_APP_URL!;
const HOOKS = process.env.BENCH_HOOKS_URL;
const BASELINE = process.env.BENCH_BASELINE_URL;
const RUNS = 3;

// Lighthouse's mobile defaults as DevTools applies them: Moto G Power screen, 4× CPU slowdown,
// 562.5 ms RTT, 1.47 Mbps down, 675 kbps up.
const PHONE = { viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true };
const NETWORK = { offline: false, latency: 562.5, downloadThroughput: (1474.56 * 1024) / 8, uploadThroughput: (675 * 1024) / 8 };

/** Remembers the app's Wasm memory and when the field first took a keystroke (in-page clock). */
const PROBE = () => {
  const w = window as unknown as Record<string, unknown>;
  const keep = <T extends (...a: never[]) => Promise<unknown>>(orig: T) =>
    async function (this: unknown, ...args: Parameters<T>) {
      const r = (await orig.apply(this, args)) as { instance?: WebAssembly.Instance } & WebAssembly.Instance;
      const exports = (r.instance ?? r).exports;
      if (exports?.memory) w.__benchMemory = exports.memory;
      return r;
    };
  WebAssembly.instantiateStreaming = keep(WebAssembly.instantiateStreaming);
  WebAssembly.instantiate = keep(WebAssembly.instantiate) as typeof WebAssembly.instantiate;
  document.addEventListener('input', (e) => {
    if (e.isTrusted && (e.target as HTMLElement).id === 'national_id' && !w.__benchTyped) w.__benchTyped = performance.now();
  }, true);
};

const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

async function heaps(page: Page, cdp: CDPSession) {
  await cdp.send('HeapProfiler.collectGarbage');
  const js = await cdp.send('Runtime.getHeapUsage');
  const wasm = await page.evaluate(() => {
    const m = (window as unknown as { __benchMemory?: WebAssembly.Memory }).__benchMemory;
    return m ? m.buffer.byteLength : null;
  });
  return { js_heap_bytes: js.usedSize, wasm_memory_bytes: wasm };
}

/**
 * A cold page on the throttled phone, `url` opened. `cache`: the context's own HTTP cache, empty at
 * first, as a phone has one (else every request goes to the network).
 */
async function throttled(browser: import('@playwright/test').Browser, url: string, probe = false, cache = false,
  before?: (context: import('@playwright/test').BrowserContext, page: Page) => void) {
  const context = await browser.newContext({ ...PHONE, locale: 'zh-TW' });
  const page = await context.newPage();
  if (probe) await page.addInitScript(PROBE);
  before?.(context, page);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  if (!cache) await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', NETWORK);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.goto(url, { waitUntil: 'commit' });
  return { context, page };
}

/** One throttled cold load: ms from navigation to the field taking a keystroke, and to the app owning it. */
async function inputReady(browser: import('@playwright/test').Browser, url: string, hasApp: boolean) {
  const { context, page } = await throttled(browser, url, true);
  const input = field(page, '身分證號');
  await input.press('A');
  await expect(input).toHaveValue('A');
  const typed = await page.evaluate(() => (window as unknown as { __benchTyped: number }).__benchTyped);
  let app: number | null = null;
  if (hasApp) {
    const handle = await page.waitForFunction(() => {
      const el = document.getElementById('national_id');
      return !document.getElementById('boot-shell') && el && !el.closest('[hidden]') ? performance.now() : false;
    }, null, { polling: 'raf', timeout: 60_000 });
    app = (await handle.jsonValue()) as number;
    await input.press('B');
    await expect(input).toHaveValue('AB');
  }
  await context.close();
  return { typed, app };
}

/** When step 2 shows (its heading is on the page), in the page's clock. */
async function step2ShownAt(page: Page): Promise<number> {
  const handle = await page.waitForFunction(() => {
    const h = document.getElementById('step-heading');
    return h && h.textContent?.includes('限定本人持有的手機門號資料') ? performance.now() : false;
  }, null, { polling: 'raf', timeout: 90_000 });
  return (await handle.jsonValue()) as number;
}

/**
 * One throttled cold load of a citizen's first flow: the ID typed and 驗證 pressed as soon as the
 * field takes typing; ms from navigation until step 2 is shown (its heading is on the page).
 */
async function step2Shown(browser: import('@playwright/test').Browser, url: string) {
  const { context, page } = await throttled(browser, url);
  await field(page, '身分證號').fill(person().nationalId);
  await page.getByRole('button', { name: '驗證', exact: true }).click();
  const shown = await step2ShownAt(page);
  await context.close();
  return shown;
}

/** One response's bytes over the wire: none when the HTTP cache or the service worker served it. */
async function wireBytes(request: import('@playwright/test').Request): Promise<number> {
  const response = await request.response();
  if (!response || response.fromServiceWorker() || request.url().startsWith('data:')) return 0;
  const sizes = await request.sizes();
  // Playwright's body size is Chromium's encoded length less the headers': negative for a
  // response from the HTTP cache, which received nothing (a 304 received its headers).
  return Math.max(0, sizes.responseBodySize + sizes.responseHeadersSize);
}

/**
 * A citizen's first visit on the throttled phone, with the phone's HTTP cache: the ID typed at 5
 * keys/s from when the field takes typing, then 驗證. Counts every response the page and its
 * service worker received (Playwright reports a Chromium worker's requests on the context): bytes
 * before step 2 shows, and in all until the worker controls the page and the network is quiet.
 * `wait_rtt`: from the press to step 2 shown, in round trips of the throttled link.
 */
async function firstVisit(browser: import('@playwright/test').Browser, url: string) {
  const seen: { at: number; bytes: Promise<number>; worker: boolean; url: string }[] = [];
  let last = Date.now();
  const { context, page } = await throttled(browser, url, true, true, (ctx) => {
    ctx.on('requestfinished', (r) => {
      last = Date.now();
      seen.push({ at: last, bytes: wireBytes(r), worker: Boolean(r.serviceWorker()), url: r.url() });
    });
    ctx.on('requestfailed', () => { last = Date.now(); });
  });
  const input = field(page, '身分證號');
  await input.press('A');
  await expect(input).toHaveValue('A');
  await input.press('Backspace');
  await page.keyboard.type(person().nationalId, { delay: 200 });
  await page.evaluate(() => {
    const w = window as unknown as Record<string, unknown>;
    document.addEventListener('click', (e) => { w.__benchPressed = e.timeStamp; }, { capture: true, once: true });
  });
  await page.getByRole('button', { name: '驗證', exact: true }).click();
  const shown = await step2ShownAt(page);
  const step2At = Date.now();
  const pressed = await page.evaluate(() => (window as unknown as { __benchPressed: number }).__benchPressed);
  // The whole visit: until the worker controls the page and nothing has been fetched for 3 s.
  await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: 120_000 });
  while (Date.now() - last < 3000) await page.waitForTimeout(500);
  const all = await Promise.all(seen.map(async (s) => ({ ...s, bytes: await s.bytes })));
  await context.close();
  const sum = (xs: typeof all) => xs.reduce((t, s) => t + s.bytes, 0);
  const before = all.filter((s) => s.at <= step2At);
  return {
    wait_rtt: +((shown - pressed) / NETWORK.latency).toFixed(2),
    pressed_ms: Math.round(pressed),
    wire_before_step2_bytes: sum(before),
    worker_before_step2_bytes: sum(before.filter((s) => s.worker)),
    wire_first_visit_bytes: sum(all),
    worker_first_visit_bytes: sum(all.filter((s) => s.worker)),
    responses: all.filter((s) => s.bytes > 0).map((s) => `${s.worker ? 'worker' : 'page'} ${s.bytes} ${new URL(s.url).pathname}`),
  };
}

test('lab', async ({ browser, page }) => {
  const report: Record<string, unknown> = {};

  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await inputReady(browser, APP, true));
  report.input_ready_ms = median(runs.map((r) => r.typed));
  report.app_ready_ms = median(runs.map((r) => r.app!));
  report.input_ready_runs = runs;
  const step2 = [];
  for (let i = 0; i < RUNS; i++) step2.push(await step2Shown(browser, APP));
  report.step2_shown_ms = median(step2);
  report.step2_shown_runs = step2;
  const visits = [];
  for (let i = 0; i < RUNS; i++) visits.push(await firstVisit(browser, APP));
  for (const k of ['wait_rtt', 'wire_before_step2_bytes', 'worker_before_step2_bytes', 'wire_first_visit_bytes', 'worker_first_visit_bytes'] as const) {
    report[`first_visit_${k}`] = median(visits.map((v) => v[k]));
  }
  report.first_visit_runs = visits;
  if (BASELINE) {
    const base = [];
    for (let i = 0; i < RUNS; i++) base.push(await inputReady(browser, BASELINE, false));
    report.baseline_input_ready_ms = median(base.map((r) => r.typed));
  }

  await page.addInitScript(PROBE);
  const cdp = await page.context().newCDPSession(page);
  await page.goto(APP, { waitUntil: 'networkidle' });
  await expect(field(page, '身分證號')).toBeVisible();
  // The first screen is index.html's static step 1: no Wasm yet (wasm_memory_bytes is null).
  report.first_screen = await heaps(page, cdp);
  await field(page, '身分證號').focus();
  await page.waitForFunction(() => !document.getElementById('boot-shell') && document.getElementById('national_id'));
  report.app_started = await heaps(page, cdp);
  await enrollViaQr(browser, page, person());
  await startUsing(page);
  report.after_enrollment = await heaps(page, cdp);

  if (HOOKS) {
    const hooks = await page.context().browser()!.newPage();
    await hooks.goto(HOOKS);
    // The app (and so its Wasm, which the hooks are part of) starts on first use.
    await field(hooks, '身分證號').focus();
    await hooks.waitForFunction(() => !document.getElementById('boot-shell') && document.getElementById('national_id'));
    report.timings = await hooks.evaluate(async () => {
      const src = (document.querySelector('script[data-js]') as HTMLScriptElement).dataset.js!;
      const m = await import(new URL(src, location.href).href);
      // performance.now() is coarsened (0.1 ms) on this page: a sample times `reps` calls.
      const med = (f: () => unknown, reps: number) => {
        const t: number[] = [];
        for (let i = 0; i < 100; i++) {
          const s = performance.now();
          for (let r = 0; r < reps; r++) f();
          t.push((performance.now() - s) / reps);
        }
        t.sort((a, b) => a - b);
        return t[50];
      };
      const url = `${location.origin}/#/verify/${'x'.repeat(43)}`;
      if (m.bench_qr_svg(url) < 1000 || m.bench_validate_enrollment() !== 0) throw new Error('bench hooks gave unexpected results');
      return { qr_render_ms: med(() => m.bench_qr_svg(url), 1), validate_form_ms: med(() => m.bench_validate_enrollment(), 100) };
    });
    await hooks.close();
  }
  writeFileSync(join(OUT, 'lab.json'), JSON.stringify(report, null, 2));
});
