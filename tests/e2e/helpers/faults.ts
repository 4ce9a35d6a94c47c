// Network faults injected with Playwright's request routing, one API call at a time.
import { expect, type Locator, type Page, type Route } from '@playwright/test';
import { msg } from './messages';

export type Fault = 'http 500' | 'timeout' | 'connection closed' | 'malformed JSON';
export const FAULTS: Fault[] = ['http 500', 'timeout', 'connection closed', 'malformed JSON'];

/** The contract code whose message the user should read for each fault. */
export const FAULT_CODE: Record<Fault, string> = {
  'http 500': 'internal',
  timeout: 'timeout',
  'connection closed': 'network',
  'malformed JSON': 'bad_response',
};

export function faultMessage(fault: Fault): string {
  return msg(FAULT_CODE[fault]).zh;
}

/**
 * Makes every request to `path` (an /api/v1 path prefix; method optional) fail with `fault`.
 * Returns a function that removes the fault. A timed-out request is never answered: the page's
 * own timeout must fire (tests advance the page clock past it, see `passClientTimeout`).
 */
export async function injectFault(page: Page, path: RegExp, fault: Fault, method?: string): Promise<() => Promise<void>> {
  const handler = async (route: Route) => {
    const req = route.request();
    if (method && req.method() !== method) return route.fallback();
    switch (fault) {
      case 'http 500':
        return route.fulfill({
          status: 500,
          contentType: 'application/problem+json',
          body: JSON.stringify({ code: 'internal', message: msg('internal').zh, retryable: true }),
        });
      case 'connection closed':
        return route.abort('connectionclosed');
      case 'malformed JSON':
        return route.fulfill({ status: 200, contentType: 'application/json', body: '{"bound": tru' });
      case 'timeout':
        return; // hang: never answered
    }
  };
  await page.route(path, handler);
  return () => page.unroute(path, handler);
}

/**
 * Advances the page's (installed) clock in 5-second jumps until `message` shows: the API
 * client's timeout fires without the test waiting for it in real time or knowing its value.
 */
export async function passClientTimeout(page: Page, message: Locator): Promise<void> {
  await expect(async () => {
    await page.clock.fastForward(5_000);
    await expect(message).toBeVisible({ timeout: 250 });
  }).toPass({ timeout: 20_000 });
}
