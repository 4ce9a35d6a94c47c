// Deploy exactly as documented (issue 15): Debian's nginx and Caddy, each with the shipped
// deploy/ config included as is, TLS on loopback, dist/ under /services/mobile-auth/ and the
// sandbox behind the proxy. Through each: the whole two-device QR enrollment, the return login
// and the records download; the response headers of every file class; the precompressed files
// (brotli from both, to a plain client and to Chromium, issue 27);
// and the rate limit per client address, which needs the proxy's X-Forwarded-For and nothing a
// client wrote (issue 25: a forged Forwarded or X-Real-IP chose the key).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test, expect } from './fixtures';
import { KINDS, RATE_LIMIT, request, type Answer } from './servers';
import { person } from '../helpers/identity';
import {
  button, enrollToQr, escapeRe, field, fillLogin, openApp, startUsing, submitId, TITLES, expectStep, verifyQrOnPhone,
} from '../helpers/app';
import { decodeQrFromScreen } from '../helpers/qr';
import { DIST, HASHED, recordCspViolations } from '../helpers/static-host';
import type { Devices } from '../helpers/devices';

/** The device projects this spec runs on (playwright.config.ts reads this line). */
export const runsOn: Devices = ['proxy'];

// The policy both proxies must send: scripts are this origin's files only, with no hash to follow
// the build (index.html has no inline script).
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' blob: data:; "
  + "media-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'self'";
const STABLE = ['', 'index.html', 'config.json', 'boot.js', 'no-modules.js', 'sw.js', 'mount.js', 'mount.json', 'manifest.webmanifest'];
const TYPES: Record<string, RegExp> = {
  '': /^text\/html; charset=utf-8$/i, '.html': /^text\/html; charset=utf-8$/i, '.js': /^(text|application)\/javascript\b/,
  '.css': /^text\/css\b/, '.wasm': /^application\/wasm$/, '.json': /^application\/json\b/,
  '.webmanifest': /^application\/manifest\+json\b/, '.png': /^image\/png$/,
};

/** Every file of the build (no precompressed copies), relative to dist/. */
function distFiles(dir = DIST, rel = ''): string[] {
  return fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((e) => {
    const f = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) return distFiles(dir, f);
    return /\.(br|gz)$/.test(f) ? [] : [f];
  });
}

/** The headers every answer carries, once each (a header sent twice would read "a, b"). */
function expectSecurityHeaders(what: string, a: Answer): void {
  expect.soft(a.headers['content-security-policy'], `${what}: CSP`).toBe(CSP);
  expect.soft(a.headers['strict-transport-security'], `${what}: HSTS`).toBe('max-age=31536000; includeSubDomains');
  expect.soft(a.headers['x-content-type-options'], `${what}: nosniff`).toBe('nosniff');
  expect.soft(a.headers['referrer-policy'], `${what}: Referrer-Policy`).toBe('no-referrer');
}

/** Both serve the build's .br copies (nginx with Debian's brotli_static module), else its .gz. */
const SERVES: ('br' | 'gzip')[] = ['br', 'gzip'];

for (const kind of KINDS) {
  test.describe(`through ${kind}`, () => {
    test('the whole two-device QR enrollment, the return login and the records download', async ({ page, browser, sites }) => {
      test.setTimeout(150_000);
      const site = await sites.get(kind);
      const base = site.app.replace(/\/$/, '');
      const violations = await recordCspViolations(page);
      const p = person();

      await enrollToQr(page, p, base);
      const phoneUrl = await decodeQrFromScreen(page);
      // The sandbox's public app URL: the phone opens the app through the proxy too.
      expect(phoneUrl).toMatch(new RegExp(`^${escapeRe(site.app)}#/verify/`));
      await verifyQrOnPhone(browser, page, p, { url: phoneUrl });
      await startUsing(page);

      // Behind TLS every cookie is Secure; the session's carries the __Host- prefix.
      const cookies = await page.context().cookies(site.origin);
      expect(cookies.find((c) => c.name === '__Host-ma_session'), 'the session cookie')
        .toMatchObject({ secure: true, httpOnly: true, path: '/', sameSite: 'Strict' });
      for (const c of cookies) expect({ name: c.name, secure: c.secure, httpOnly: c.httpOnly }).toEqual({ name: c.name, secure: true, httpOnly: true });
      // The service worker was fetched through the proxy, over TLS, and controls the app.
      await expect.poll(() => page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.active?.scriptURL))
        .toBe(site.app + 'sw.js');

      // Log out; a new page load logs in with four fields (manual 步驟7).
      await button(page, '登出').click();
      await expect(field(page, '身分證號')).toBeVisible();
      await openApp(page, base);
      await submitId(page, p.nationalId);
      await fillLogin(page, p);
      await button(page, '送出').click();
      await expectStep(page, TITLES.welcome);
      await startUsing(page);

      // 投保資料查詢 (the API, through the proxy with the cookie), then its CSV download.
      await button(page, '查詢投保資料').click();
      await expect(page.locator('p.records-count')).toHaveText(/^符合條件的投保資料：\s*[1-9]\d*\s*筆$/);
      const rows = await page.getByRole('table').locator('tbody tr').count();
      const [download] = await Promise.all([page.waitForEvent('download'), button(page, '下載 CSV').click()]);
      expect(download.suggestedFilename()).toMatch(/^勞保投保資料_\d{7}\.csv$/);
      const csv = fs.readFileSync(await download.path()).toString('utf8');
      expect(csv.startsWith('\ufeff保險別,')).toBe(true);
      expect(csv.trimEnd().split('\r\n')).toHaveLength(rows + 1);

      expect(violations).toEqual([]);
    });

    test('headers per file class, and the precompressed files', async ({ sites }) => {
      const site = await sites.get(kind, 'deployed');
      const files = distFiles();
      const hashed = files.filter((f) => HASHED.test(f));
      expect(hashed.some((f) => f.endsWith('_bg.wasm')), 'dist/ has a hashed Wasm file').toBe(true);
      expect(hashed.some((f) => f.endsWith('.js')) && hashed.some((f) => f.endsWith('.css'))).toBe(true);

      // Whatever kind of file the build names by its content, the servers' immutable rule (and
      // HASHED, the sandbox's and the build's copies of it) must cover; every other file is
      // revalidated.
      const looksHashed = files.filter((f) => /-[0-9a-f]{16}(_bg)?\.[a-z0-9]+$/.test(f));
      expect(looksHashed.filter((f) => !HASHED.test(f)), 'content-named files outside the immutable rule').toEqual([]);
      expect(files.filter((f) => !f.startsWith('icons/') && !HASHED.test(f) && !STABLE.includes(f)), 'files of no cache class').toEqual([]);
      for (const f of [...hashed, ...STABLE]) {
        const a = await request(site.app + f);
        expect(a.status, f).toBe(200);
        expectSecurityHeaders(f || '/', a);
        expect.soft(a.headers['cache-control'], `${f}: Cache-Control`)
          .toBe(HASHED.test(f) ? 'public, max-age=31536000, immutable' : 'no-cache');
        const type = TYPES[path.extname(f)];
        if (type) expect.soft(a.headers['content-type'] ?? '', `${f}: Content-Type`).toMatch(type);
      }
      for (const f of files.filter((f) => f.startsWith('icons/'))) {
        const a = await request(site.app + f);
        expect(a.status, f).toBe(200);
        expectSecurityHeaders(f, a);
      }
      // An API answer: personal data, never cached; the proxy's headers, once.
      const api = await request(site.app + 'api/v1/config');
      expect(api.status).toBe(200);
      expectSecurityHeaders('api/v1/config', api);
      expect.soft(api.headers['cache-control'], 'API: Cache-Control').toBe('no-store');
      expect.soft(api.headers['content-type'] ?? '', 'API: Content-Type').toMatch(/^application\/json/);

      // Precompressed copies: served as they are, to a client that accepts them.
      const precompressed = files.filter((f) => fs.existsSync(path.join(DIST, f + '.gz')) && f !== 'config.json');
      expect(precompressed.some((f) => f.endsWith('_bg.wasm'))).toBe(true);
      for (const f of precompressed) {
        const plain = await request(site.app + f, { headers: { 'Accept-Encoding': 'identity' } });
        expect.soft(plain.headers['content-encoding'], `${f}: identity`).toBeUndefined();
        expect.soft(plain.body.equals(fs.readFileSync(path.join(DIST, f))), `${f}: identity body`).toBe(true);
        for (const encoding of SERVES) {
          const a = await request(site.app + f, { headers: { 'Accept-Encoding': encoding } });
          expect.soft(a.headers['content-encoding'], `${f}: ${encoding}`).toBe(encoding);
          expect.soft(a.headers.vary ?? '', `${f}: Vary`).toMatch(/Accept-Encoding/i);
          const copy = fs.readFileSync(path.join(DIST, `${f}.${encoding === 'gzip' ? 'gz' : 'br'}`));
          expect.soft(a.body.equals(copy), `${f}: the .${encoding === 'gzip' ? 'gz' : 'br'} file as is`).toBe(true);
        }
        const both = await request(site.app + f, { headers: { 'Accept-Encoding': 'br, gzip' } });
        expect.soft(both.headers['content-encoding'], `${f}: br, gzip`).toBe(SERVES[0]);
      }
      // config.json is edited at deployment time: the file itself, never a stale precompressed copy.
      const config = await request(site.app + 'config.json', { headers: { 'Accept-Encoding': 'br, gzip' } });
      expect(config.headers['content-encoding']).toBeUndefined();
      expect(config.body.equals(fs.readFileSync(path.join(DIST, 'config.json')))).toBe(true);
    });

    test('a browser that accepts brotli gets the Wasm and the JS as the .br files, the same bytes as dist/ once decoded', async ({ page, sites }) => {
      const site = await sites.get(kind, 'deployed');
      const index = fs.readFileSync(path.join(DIST, 'index.html'), 'utf8');
      const wasm = index.match(/data-wasm="(?:\.\/)?([^"]+)"/)?.[1];
      const glue = index.match(/data-js="(?:\.\/)?([^"]+)"/)?.[1];
      expect(wasm, 'index.html names the main Wasm').toMatch(/_bg\.wasm$/);
      expect(glue, 'index.html names the JS glue').toMatch(/\.js$/);
      // Every script and Wasm file the page fetches from the network, as Chromium received it.
      const seen = new Map<string, import('@playwright/test').Response>();
      page.on('response', (r) => {
        const f = r.url().startsWith(site.app) ? r.url().slice(site.app.length).split(/[?#]/)[0] : '';
        if (/\.(js|wasm)$/.test(f) && !r.fromServiceWorker() && r.status() === 200) seen.set(f, r);
      });
      await openApp(page, site.app.replace(/\/$/, ''));
      // The first use downloads the app; it has started when it owns the field.
      await field(page, '身分證號').focus();
      await expect.poll(() => seen.has(wasm!) && seen.has(glue!), { timeout: 30_000 }).toBe(true);
      await expect(page.locator('#boot-shell')).toHaveCount(0, { timeout: 30_000 });

      const files = [...seen.keys()];
      expect(files).toEqual(expect.arrayContaining([wasm, glue, 'boot.js']));
      for (const f of files) {
        const r = seen.get(f)!;
        expect(fs.existsSync(path.join(DIST, f + '.br')), `dist/${f}.br exists`).toBe(true);
        expect(await r.request().headerValue('accept-encoding') ?? '', `${f}: Chromium accepts br`).toMatch(/\bbr\b/);
        expect.soft(await r.headerValue('content-encoding'), `${f}: Content-Encoding`).toBe('br');
        expect.soft((await r.body()).equals(fs.readFileSync(path.join(DIST, f))), `${f}: decoded, the file in dist/`).toBe(true);
      }
      // That the encoded body is the .br file as it is (not one compressed on the fly) is the
      // previous test's, byte for byte; Chromium's count of body bytes includes HTTP/2's framing.
    });

    test('one client flooding the captcha is limited whatever address it claims; another client is not', async ({ sites }) => {
      const site = await sites.get(kind, 'deployed');
      const captcha = site.app + 'api/v1/captchas';
      // Every header a client could use to name another address, each time a new one: the proxy
      // must overwrite or drop each, and the backend read only the one the proxy wrote.
      const claiming = (addr: string) => ({
        Forwarded: `for=${addr}`, 'X-Forwarded-For': addr, 'X-Real-IP': addr,
      });
      // 127.0.0.2 floods. The limit is a rate (RATE_LIMIT at once, then one more every
      // 60/RATE_LIMIT s), so a slow flood may earn a request or two back: the promise is that the
      // flood is stopped.
      const statuses: number[] = [];
      const stopped = () => statuses.length >= 3 && statuses.slice(-3).every((s) => s === 429);
      for (let i = 0; i < RATE_LIMIT * 3 && !stopped(); i++) {
        const a = await request(captcha, { method: 'POST', from: '127.0.0.2', body: '{}', headers: claiming(`198.51.100.${i + 1}`) });
        statuses.push(a.status);
        if (a.status === 429) {
          expect(Number(a.headers['retry-after'])).toBeGreaterThan(0);
          expectSecurityHeaders('429', a);
        }
      }
      // Not limited before its allowance. (One CI run under load saw a single 502 from Caddy in
      // the middle of a flood, the backend's connection dropped; the limit is what is judged here.)
      expect(statuses.slice(0, RATE_LIMIT).includes(429), `first ${RATE_LIMIT}: ${statuses}`).toBe(false);
      const served = statuses.filter((s) => s >= 200 && s < 300).length;
      expect(served, `served: ${statuses}`).toBeGreaterThanOrEqual(RATE_LIMIT - 1);
      expect(served, `forged addresses earned no extra allowance: ${statuses}`).toBeLessThanOrEqual(RATE_LIMIT + 2);
      expect(statuses, 'the flood is limited').toContain(429);

      // Claiming to be 127.0.0.3 spends nobody's allowance but the flooder's own.
      for (let i = 0; i < RATE_LIMIT + 5; i++) {
        const a = await request(captcha, { method: 'POST', from: '127.0.0.2', body: '{}', headers: claiming('127.0.0.3') });
        expect(a.status, `flood request ${i} claiming 127.0.0.3`).toBe(429);
      }
      // 127.0.0.3, at the same time, is served, even claiming to be the flooding client.
      const other = await request(captcha, { method: 'POST', from: '127.0.0.3', body: '{}' });
      expect(other.status).toBeLessThan(300);
      const spoof = await request(captcha, { method: 'POST', from: '127.0.0.3', body: '{}', headers: claiming('127.0.0.2') });
      expect(spoof.status).toBeLessThan(300);
    });

    test("the server's own error pages carry the security headers", async ({ sites }) => {
      const site = await sites.get(kind, 'deployed');
      for (const f of ['no-such-file.js', 'icons/no-such-icon.png', 'api/v1/no-such-endpoint']) {
        const a = await request(site.app + f);
        expect(a.status, f).toBe(404);
        expectSecurityHeaders(`404 ${f}`, a);
      }
    });
  });
}
