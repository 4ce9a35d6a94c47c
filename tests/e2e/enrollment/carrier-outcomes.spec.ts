// Every carrier outcome of the sandbox (last two digits 90–99, docs/contract.md) shows its own
// message from crates/core/src/error.rs; wifi (95) and carrier_unavailable (97) can be retried
// in place, without typing anything again, and then succeed. Run on a phone (the direct path).
import { test, expect } from '@playwright/test';
import { person } from '../helpers/identity';
import { OUTCOMES, msg } from '../helpers/messages';
import {
  TITLES, agreeAndStart, button, expectMaskedSummary, fillEnrollForm, shown, startUsing, toEnrollForm,
} from '../helpers/app';
import type { Devices } from '../helpers/devices';

/** The device projects this spec runs on (playwright.config.ts reads this line). */
export const runsOn: Devices = ['phone-pixel'];

for (const [digits, code] of Object.entries(OUTCOMES)) {
  const m = msg(code);
  test(`number ending ${digits} → ${code}${m.retryable ? ' (retry succeeds)' : ''}`, async ({ page }) => {
    const p = person({ outcome: Number(digits) });
    await toEnrollForm(page, p);
    await fillEnrollForm(page, p);
    await button(page, '送出').click();
    await expectMaskedSummary(page, p);
    await agreeAndStart(page);
    await expect(shown(page, m.zh)).toBeVisible();
    // Only this outcome's words: no other outcome's message is on screen.
    for (const other of Object.values(OUTCOMES).filter((c) => c !== code)) {
      await expect(page.getByText(msg(other).zh)).toHaveCount(0);
    }
    const retry = button(page, '重試');
    if (m.retryable) {
      await expect(retry).toBeVisible();
      const typed: string[] = [];
      page.on('request', (r) => { if (r.url().includes('/api/v1/applications') && r.method() === 'POST') typed.push(r.url()); });
      await retry.click();
      await startUsing(page);
      expect(typed, 'a retry must not send the form again').toEqual([]);
    } else {
      await expect(retry).toHaveCount(0);
      await expect(page.getByRole('heading', { name: TITLES.welcome })).toHaveCount(0);
    }
  });
}
