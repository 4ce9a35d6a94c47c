// Browser end-to-end suite for 行動電話認證 (issue 5).
//
// Runs Debian's Chromium (no browser download) against the real sandbox backend, which this
// config starts itself from target/debug/mobile-auth-sandbox (built by `cargo xtask test`):
//   - port 8091: the normal server (captcha fixed to TEST1, a fresh database per run);
//   - port 8092: the same with a 6-second QR validity, for the expiry tests;
//   - port 8111: the contract front (Prism) before the first (see CONTRACT_FLOWS below).
// Projects are device kinds; each spec names the ones it runs on (see below).
import { defineConfig, devices, type PlaywrightTestOptions } from '@playwright/test';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BASE_URL, MAIN_PORT, EXPIRY_PORT, CONTRACT_PORT, CONTRACT_URL, CAPTCHA } from './tests/e2e/helpers/env';
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

// The contract check: the flows whose API calls cover every operation of api/openapi.yaml the
// SPA uses run (on the desktop and a phone) against a front on CONTRACT_PORT that passes those
// calls through Stoplight Prism validating them (tests/e2e/contract/), to the same sandbox. Any
// violation fails the run (contract/teardown.ts). They run there instead of on the plain server,
// so each runs once.
const CONTRACT_FLOWS = [
  'qr/path.spec.ts',
  'qr/outcomes.spec.ts',
  'enrollment/direct.spec.ts',
  'binding/binding.spec.ts',
  'login/return.spec.ts',
  'enrollment/validation.spec.ts',
  'records/records.spec.ts',
];
const CONTRACT_PROJECTS = ['desktop', 'phone-pixel'];
process.env.CONTRACT_LOG ??= path.join(runDir, 'contract.jsonl');
const contractFront = {
  command: ['node', path.join(__dirname, 'tests', 'e2e', 'contract', 'front.mjs'),
    String(CONTRACT_PORT), String(MAIN_PORT), String(CONTRACT_PORT + 1)].map((a) => JSON.stringify(a)).join(' '),
  url: `${CONTRACT_URL}/api/v1/config`,
  reuseExistingServer: false,
  timeout: 60_000,
  stdout: 'ignore' as const,
  stderr: 'pipe' as const,
};
for (const spec of CONTRACT_FLOWS) {
  if (!CONTRACT_PROJECTS.some((p) => specsFor(p).includes(spec))) throw new Error(`contract flow ${spec} runs on none of ${CONTRACT_PROJECTS}`);
}

// A project: Playwright's description of a device, always run in Debian's Chromium (e.g.
// devices['iPhone 13'] defaults to WebKit: its UA, viewport, touch and isMobile are kept), and
// the specs that name it.
function project(name: string, device: string, use: PlaywrightTestOptions = {}) {
  const testMatch = specsFor(name).filter((s) => !CONTRACT_PROJECTS.includes(name) || !CONTRACT_FLOWS.includes(s));
  return { name, use: { ...devices[device], browserName: 'chromium' as const, ...use }, testMatch };
}

/** The contract flows of project `of`, on the same device, through the Prism front. */
function contractProject(of: string, device: string) {
  return { ...project(of, device, { baseURL: CONTRACT_URL }), name: `${of}-contract`, testMatch: specsFor(of).filter((s) => CONTRACT_FLOWS.includes(s)) };
}

export default defineConfig({
  testDir: './tests/e2e',
  outputDir: './tests/e2e/.artifacts' + (process.env.E2E_PORT ? '-' + process.env.E2E_PORT : ''),
  fullyParallel: true,
  // 3 on 2 cores: the tests wait on pages, timers and the network much of their time. All passed
  // with 3 under a load average of 13–21 (other builds on the cores); timings in the README.
  workers: 3,
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
  globalTeardown: './tests/e2e/contract/teardown.ts',
  webServer: [
    server(MAIN_PORT, 'main.sqlite'),
    contractFront,
    server(EXPIRY_PORT, 'expiry.sqlite', ['--qr-validity-seconds', '6']),
  ],
  projects: [
    project('desktop', 'Desktop Chrome'),
    project('tablet-ipad', 'iPad (gen 7)'),
    project('tablet-galaxy', 'Galaxy Tab S4'),
    project('phone-iphone', 'iPhone 13'),
    project('phone-pixel', 'Pixel 7'),
    contractProject('desktop', 'Desktop Chrome'),
    contractProject('phone-pixel', 'Pixel 7'),
    // The shipped deploy/ configs in Debian's nginx and Caddy over loopback TLS (issue 15);
    // tests/e2e/proxy/ starts the servers and their own sandboxes on ports 8740–8779.
    project('proxy', 'Desktop Chrome', {
      ignoreHTTPSErrors: true,
      // Self-signed certificates: Chromium registers service workers only with this switch.
      launchOptions: { ...chromium, args: [...chromium.args, '--ignore-certificate-errors'] },
    }),
  ],
});
