// Browser end-to-end suite for 行動電話認證 (issue 5).
//
// Runs Debian's Chromium (no browser download) against the real sandbox backend, which this
// config starts itself from target/debug/mobile-auth-sandbox (built by `cargo xtask test`):
//   - port 8091: the normal server (captcha fixed to TEST1, a fresh database per run);
//   - port 8092: the same with a 6-second QR validity, for the expiry tests.
// Projects are device kinds; each spec names the ones it runs on (see below).
import { defineConfig, devices, type PlaywrightTestOptions } from '@playwright/test';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BASE_URL, MAIN_PORT, EXPIRY_PORT, CAPTCHA } from './tests/e2e/helpers/env';
import { DEVICE_GROUPS, DEVICES_LINE } from './tests/e2e/helpers/devices';

// One temporary directory per run, shared with the workers (they inherit the environment).
if (!process.env.MA_E2E_RUN_DIR) {
  process.env.MA_E2E_RUN_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'mobile-auth-e2e-'));
}
const runDir = process.env.MA_E2E_RUN_DIR;
const sandbox = path.join(__dirname, 'target', 'debug', 'mobile-auth-sandbox');
// E2E_DIST: test another build of the SPA than ./dist (the default, what `cargo xtask test` builds).
const dist = process.env.E2E_DIST ?? path.join(__dirname, 'dist');

const chromium = {
  executablePath: '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-dev-shm-usage',
  ],
};

function server(port: number, dbName: string, extra: string[] = []) {
  return {
    command: [sandbox, '--dist', dist, '--port', String(port), '--db', path.join(runDir, dbName),
      '--rate-limit-per-minute', '100000', '--insecure-http-cookies', ...extra].map((a) => JSON.stringify(a)).join(' '),
    url: `http://127.0.0.1:${port}/api/v1/config`,
    env: { SANDBOX_CAPTCHA: CAPTCHA },
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore' as const,
    stderr: 'pipe' as const,
  };
}

// Specs are grouped by feature (binding/, qr/, enrollment/, login/, records/, accessibility/,
// app/, hosting/, screenshots/, proxy/); each lists the projects it runs on in its own line
// `export const runsOn: Devices = [...]` (tests/e2e/helpers/devices.ts), read here as text so
// that no spec is run to find out.
function specsByProject(dir: string): Map<string, string[]> {
  const byProject = new Map<string, string[]>();
  const specs = fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.spec.ts') && !f.startsWith('.'))
    .map((f) => f.split(path.sep).join('/'))
    .sort();
  for (const spec of specs) {
    const line = fs.readFileSync(path.join(dir, spec), 'utf8').match(DEVICES_LINE);
    if (!line) throw new Error(`${spec}: no line "export const runsOn: Devices = [...];"`);
    const names = line[1].split(',').map((n) => n.trim().replace(/^'(.*)'$/, '$1')).filter(Boolean);
    if (names.length === 0) throw new Error(`${spec}: lists no devices`);
    for (const name of names) {
      const projects = (DEVICE_GROUPS as Record<string, readonly string[]>)[name];
      if (!projects) throw new Error(`${spec}: unknown device "${name}" (see tests/e2e/helpers/devices.ts)`);
      for (const p of projects) byProject.set(p, [...(byProject.get(p) ?? []), spec]);
    }
  }
  return byProject;
}
const specs = specsByProject(path.join(__dirname, 'tests', 'e2e'));
const specsFor = (project: string) => specs.get(project) ?? [];

// E2E_CONTRACT=1: the main server's API calls pass through Stoplight Prism validating them
// against api/openapi.yaml (tests/e2e/contract/); the sandbox itself moves 20 ports up, and the
// run fails on any violation (cargo xtask test runs the flow specs so, once).
const contract = !!process.env.E2E_CONTRACT;
if (contract) process.env.CONTRACT_LOG ??= path.join(runDir, 'contract.jsonl');
const mainServers = contract
  ? [
      { ...server(MAIN_PORT + 20, 'main.sqlite'), url: `http://127.0.0.1:${MAIN_PORT + 20}/api/v1/config` },
      {
        command: ['node', path.join(__dirname, 'tests', 'e2e', 'contract', 'front.mjs'),
          String(MAIN_PORT), String(MAIN_PORT + 20), String(MAIN_PORT + 21)].map((a) => JSON.stringify(a)).join(' '),
        url: `${BASE_URL}/api/v1/config`,
        reuseExistingServer: false,
        timeout: 60_000,
        stdout: 'ignore' as const,
        stderr: 'pipe' as const,
      },
    ]
  : [server(MAIN_PORT, 'main.sqlite')];

// A project: Playwright's description of a device, always run in Debian's Chromium (e.g.
// devices['iPhone 13'] defaults to WebKit: its UA, viewport, touch and isMobile are kept), and
// the specs that name it.
function project(name: string, device: string, use: PlaywrightTestOptions = {}) {
  return { name, use: { ...devices[device], browserName: 'chromium' as const, ...use }, testMatch: specsFor(name) };
}

export default defineConfig({
  testDir: './tests/e2e',
  outputDir: './tests/e2e/.artifacts' + (process.env.E2E_PORT ? '-' + process.env.E2E_PORT : ''),
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: true,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  globalTimeout: 30 * 60_000,
  reporter: [['list'], ['./tests/e2e/summary-reporter.ts']],
  use: {
    baseURL: BASE_URL,
    locale: 'zh-TW',
    timezoneId: 'Asia/Taipei',
    launchOptions: chromium,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    actionTimeout: 10_000,
    navigationTimeout: 15_000,
  },
  globalTeardown: contract ? './tests/e2e/contract/teardown.ts' : undefined,
  webServer: [
    ...mainServers,
    server(EXPIRY_PORT, 'expiry.sqlite', ['--qr-validity-seconds', '6']),
  ],
  projects: [
    project('desktop', 'Desktop Chrome'),
    project('tablet-ipad', 'iPad (gen 7)'),
    project('tablet-galaxy', 'Galaxy Tab S4'),
    project('phone-iphone', 'iPhone 13'),
    project('phone-pixel', 'Pixel 7'),
    // The shipped deploy/ configs in Debian's nginx and Caddy over loopback TLS (issue 15);
    // tests/e2e/proxy/ starts the servers and their own sandboxes on ports 8740–8779.
    project('proxy', 'Desktop Chrome', {
      ignoreHTTPSErrors: true,
      // Self-signed certificates: Chromium registers service workers only with this switch.
      launchOptions: { ...chromium, args: [...chromium.args, '--ignore-certificate-errors'] },
    }),
  ],
});
