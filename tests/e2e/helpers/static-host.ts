// A plain static web server, as an agency's CDN or web host would be: the built dist/ under a
// sub-path (/services/mobile-auth/) with no rewrite rules (a missing file is a 404), the same
// security headers as the sandbox (its CSP, with frame-ancestors of our choosing), the portal
// examples under /portal/, and /services/mobile-auth/api/ proxied to the sandbox (what
// deploy/nginx.conf does). Each test starts its own on a free port, so tests run in parallel.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import { BASE_URL } from './env';

export const APP_PATH = '/services/mobile-auth/';
const ROOT = path.join(__dirname, '..', '..', '..');
export const DIST = process.env.E2E_DIST ?? path.join(ROOT, 'dist');
const EXAMPLES = path.join(ROOT, 'examples', 'embed');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.css': 'text/css', '.wasm': 'application/wasm', '.json': 'application/json',
  '.webmanifest': 'application/manifest+json', '.png': 'image/png', '.svg': 'image/svg+xml',
};

/**
 * A name the build gave by content (deploy/nginx.conf and deploy/Caddyfile send these as immutable,
 * and so does the sandbox: crates/sandbox/src/security.rs).
 */
export const HASHED = /-[0-9a-f]{15,16}(_bg)?\.(wasm|js|css|json)$/;

/** Replaces what a path serves: return a body, or null for a 404. */
export type Override = (original: Buffer | null) => { body: Buffer | string | null; type?: string };

export interface StaticHost {
  origin: string;
  /** The app's URL on this host. */
  app: string;
  overrides: Map<string, Override>;
  /**
   * CSP sources, read on every request: who may frame this host's pages, what they may frame,
   * and (when set) script-src in place of the sandbox's.
   */
  policy: { frameAncestors: string; frameSrc?: string; scriptSrc?: string };
  close(): Promise<void>;
}

let sandboxCsp: string | undefined;
async function cspOfSandbox(): Promise<string> {
  if (!sandboxCsp) {
    const res = await fetch(`${BASE_URL}/`);
    sandboxCsp = res.headers.get('content-security-policy') ?? '';
    // Issue 6's strict policy, exactly: every test on this host runs the app under it (no hash,
    // no 'unsafe-inline'), unless a test narrows it further.
    if (!sandboxCsp.includes("script-src 'self' 'wasm-unsafe-eval';")) throw new Error(`unexpected sandbox CSP: ${sandboxCsp}`);
  }
  return sandboxCsp;
}

function fileUnder(root: string, rel: string): Buffer | null {
  const file = path.normalize(path.join(root, rel));
  if (!file.startsWith(root)) return null;
  try {
    return fs.statSync(file).isFile() ? fs.readFileSync(file) : null;
  } catch {
    return null;
  }
}

export async function startStaticHost(): Promise<StaticHost> {
  const base = await cspOfSandbox();
  const policy: StaticHost['policy'] = { frameAncestors: "'self'" };
  const csp = () => base.replace(/frame-ancestors [^;]*/, `frame-ancestors ${policy.frameAncestors}`)
    .replace(/script-src [^;]*/, (own) => (policy.scriptSrc ? `script-src ${policy.scriptSrc}` : own))
    + (policy.frameSrc ? `; frame-src ${policy.frameSrc}` : '');
  const overrides = new Map<string, Override>();
  const sandbox = new URL(BASE_URL);
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://host');
    const p = decodeURIComponent(url.pathname);
    if (p.startsWith(APP_PATH + 'api/')) {
      const upstream = http.request({
        host: sandbox.hostname, port: sandbox.port, method: req.method,
        path: p.slice(APP_PATH.length - 1) + url.search, headers: req.headers,
      }, (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      });
      upstream.on('error', () => { res.writeHead(502); res.end(); });
      req.pipe(upstream);
      return;
    }
    let body: Buffer | null = null;
    let rel = '';
    if (p.startsWith(APP_PATH)) {
      rel = p.slice(APP_PATH.length) || 'index.html';
      body = fileUnder(DIST, rel);
    } else if (p.startsWith('/portal/')) {
      rel = p.slice('/portal/'.length);
      body = fileUnder(EXAMPLES, rel);
    }
    let type = TYPES[path.extname(rel)] ?? 'application/octet-stream';
    const override = overrides.get(p.endsWith('/') ? p + 'index.html' : p);
    if (override) {
      const o = override(body);
      body = o.body === null ? null : Buffer.from(o.body);
      type = o.type ?? type;
    }
    const headers = {
      'Content-Security-Policy': csp(),
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': HASHED.test(p) && !override ? 'public, max-age=31536000, immutable' : 'no-cache',
    };
    if (body === null) {
      res.writeHead(404, { ...headers, 'Content-Type': 'text/plain' });
      res.end('not found\n');
      return;
    }
    // A validator, as any web host sends: an unchanged file asked again costs a 304, no body.
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { ...headers, ETag: etag });
      res.end();
      return;
    }
    res.writeHead(200, { ...headers, 'Content-Type': type, ETag: etag });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    app: origin + APP_PATH,
    overrides,
    policy,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

/** config.json as the build has it, with changes. */
export function configWith(changes: Record<string, unknown>): Override {
  return (original) => ({ body: JSON.stringify({ ...JSON.parse(String(original)), ...changes }) });
}

/**
 * Records every Content-Security-Policy violation of a page, across reloads and navigations:
 * the browser's securitypolicyviolation events and its "Refused to …" console errors.
 */
export async function recordCspViolations(page: Page): Promise<string[]> {
  const seen: string[] = [];
  await page.exposeBinding('__reportCspViolation', (_source, text: string) => { seen.push(text); });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __reportCspViolation(t: string): void })
        .__reportCspViolation(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) seen.push(m.text());
  });
  return seen;
}
