// After the run: every API call the contract flows made went through Prism (playwright.config.ts);
// any violation of api/openapi.yaml in a request or an answer fails the run. E2E_CONTRACT_REQUIRED
// (set by `cargo xtask test`) also fails a run in which no call went through it.
import * as fs from 'node:fs';

export default async function teardown() {
  const log = process.env.CONTRACT_LOG;
  if (!log) return;
  const calls = fs.existsSync(log)
    ? fs.readFileSync(log, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l))
    : [];
  const bad = calls.filter((c) => c.violations.length > 0);
  const count = bad.reduce((n, c) => n + c.violations.length, 0);
  console.log(`contract: ${calls.length} API calls through Prism, ${count} violations of api/openapi.yaml`);
  for (const c of bad) console.log(`  ${c.method} ${c.path} → ${c.status}: ${JSON.stringify(c.violations)}`);
  if (calls.length === 0) {
    if (process.env.E2E_CONTRACT_REQUIRED) throw new Error('contract: no API call went through Prism');
    return;
  }
  if (count > 0) throw new Error(`contract: ${count} violations of api/openapi.yaml`);
}
