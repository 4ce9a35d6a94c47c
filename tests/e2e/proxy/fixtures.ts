// The proxy suite's `test`: a worker-scoped `sites` fixture that starts, once per worker and on
// first use, nginx or Caddy with its own sandbox (servers.ts), and stops them when the worker ends.
import { test as base } from '@playwright/test';
import { KINDS, startSite, type Kind, type Site } from './servers';

export interface Sites { get(kind: Kind): Promise<Site> }

export const test = base.extend<Record<string, never>, { sites: Sites }>({
  sites: [async ({}, use, workerInfo) => {
    // 20 ports per parallel worker slot, 10 per kind: 8740–8779 with the config's 2 workers.
    const first = Number(process.env.E2E_PROXY_PORT ?? 8740) + workerInfo.parallelIndex * 20;
    const started = new Map<Kind, Promise<Site>>();
    await use({
      get(kind) {
        if (!started.has(kind)) started.set(kind, startSite(kind, first + KINDS.indexOf(kind) * 10));
        return started.get(kind)!;
      },
    });
    for (const site of started.values()) {
      await site.then((s) => s.close(), () => undefined);
    }
  }, { scope: 'worker', timeout: 60_000 }],
});

export { expect } from '@playwright/test';
