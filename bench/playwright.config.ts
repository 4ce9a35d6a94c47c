// The browser part of `cargo xtask bench` (bench/lab.spec.ts), run by bench/run.mjs against the
// servers xtask started. Not part of `cargo xtask test` (its config only looks in tests/e2e).
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: '.',
  testMatch: ['lab.spec.ts'],
  outputDir: '../target/bench/playwright',
  workers: 1,
  retries: 0,
  timeout: 240_000,
  expect: { timeout: 30_000 },
  reporter: [['line']],
  use: {
    baseURL: process.env.BENCH_APP_URL,
    locale: 'zh-TW',
    timezoneId: 'Asia/Taipei',
    browserName: 'chromium',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage', '--enable-precise-memory-info'],
    },
  },
});
