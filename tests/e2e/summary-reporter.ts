// Ends the run with one summary line per project and a total, after the `list` reporter, and
// says which Chromium and Playwright ran, so a failing log names what ran.
import { execFileSync } from 'node:child_process';
import type { FullConfig, FullResult, Reporter, Suite, TestCase, TestResult } from '@playwright/test/reporter';

/** `chromium --version` of the browser the projects launch (Debian's wrapper chatters on stderr). */
function browserVersion(config: FullConfig): string {
  const exe = config.projects
    .map((p) => p.use.launchOptions?.executablePath)
    .find((e): e is string => typeof e === 'string') ?? '/usr/bin/chromium';
  try {
    return execFileSync(exe, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch (e) {
    return `${exe}: version unknown (${(e as Error).message})`;
  }
}

class SummaryReporter implements Reporter {
  private counts = new Map<string, Record<string, number>>();
  private started = Date.now();
  private ranWith = '';

  onBegin(config: FullConfig, suite: Suite): void {
    this.started = Date.now();
    this.ranWith = `${browserVersion(config)}, Playwright ${config.version}`;
    console.log(`e2e: running with ${this.ranWith}`);
    for (const t of suite.allTests()) this.bucket(t).total++;
  }

  private bucket(test: TestCase): Record<string, number> {
    const project = test.parent.project()?.name ?? '?';
    let b = this.counts.get(project);
    if (!b) {
      b = { total: 0, passed: 0, failed: 0, skipped: 0, flaky: 0 };
      this.counts.set(project, b);
    }
    return b;
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    if (result.retry < test.retries && result.status !== 'passed' && result.status !== 'skipped') return;
    const b = this.bucket(test);
    const outcome = test.outcome();
    if (outcome === 'expected') b.passed++;
    else if (outcome === 'skipped') b.skipped++;
    else if (outcome === 'flaky') b.flaky++;
    else b.failed++;
  }

  onEnd(result: FullResult): void {
    const secs = ((Date.now() - this.started) / 1000).toFixed(0);
    const all = { total: 0, passed: 0, failed: 0, skipped: 0, flaky: 0 };
    const lines: string[] = [];
    for (const [project, b] of [...this.counts].sort()) {
      for (const k of Object.keys(all) as (keyof typeof all)[]) all[k] += b[k];
      lines.push(`  ${project.padEnd(14)} ${b.passed}/${b.total} passed, ${b.failed} failed, ${b.skipped} skipped`);
    }
    const notRun = all.total - all.passed - all.failed - all.skipped - all.flaky;
    console.log('\ne2e summary by project:\n' + lines.join('\n'));
    console.log(
      `e2e summary: ${all.passed} passed, ${all.failed} failed, ${all.skipped} skipped, ${all.flaky} flaky` +
        (notRun > 0 ? `, ${notRun} not run` : '') + ` of ${all.total} tests in ${secs}s (${result.status})`,
    );
    console.log(`e2e ran with: ${this.ranWith}`);
  }

  printsToStdio(): boolean {
    return false;
  }
}

export default SummaryReporter;
