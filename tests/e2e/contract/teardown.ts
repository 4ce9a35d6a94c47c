// After a contract run (E2E_CONTRACT=1): every API call the flows made went through Prism; any
// violation of api/openapi.yaml in a request or an answer fails the run.
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
  if (calls.length === 0) throw new Error('contract: no API call went through Prism');
  if (count > 0) throw new Error(`contract: ${count} violations of api/openapi.yaml`);
}
