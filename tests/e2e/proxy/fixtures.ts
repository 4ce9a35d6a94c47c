// The proxy suite's `test`: a worker-scoped `sites` fixture that starts, once per worker and on
// first use, nginx or Caddy with its own sandbox (servers.ts), and stops them when the worker ends.
import { test as base } from '@playwright/test';
import { KINDS, startSite, type Kind, type Mode, type Site } from './servers';

/** A site per kind and mode; the browser flows type the fixed captcha, so they get 'test-mode'. */
export interface Sites { get(kind: Kind, mode?: Mode): Promise<Site> }

export const test = base.extend<Record<string, never>, { sites: Sites }>({
  sites: [async ({}, use, workerInfo) => {
    // 20 ports per parallel worker slot, 10 per kind, 5 per mode: 8740–8779 with the config's
    // 2 workers.
    const first = Number(process.env.E2E_PROXY_PORT ?? 8740) + workerInfo.parallelIndex * 20;
    const started = new Map<string, Promise<Site>>();
    await use({
      get(kind, mode = 'test-mode') {
        const key = `${kind} ${mode}`;
        const base = first + KINDS.indexOf(kind) * 10 + (mode === 'deployed' ? 5 : 0);
        if (!started.has(key)) started.set(key, startSite(kind, base, mode));
        return started.get(key)!;
      },
    });
    for (const site of started.values()) {
      await site.then((s) => s.close(), () => undefined);
    }
  }, { scope: 'worker', timeout: 60_000 }],
});

export { expect } from '@playwright/test';
