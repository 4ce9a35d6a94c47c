// Device detection (issue 4 §5), asserted for each device project: the kind the user is shown.
import { test, expect } from '@playwright/test';
import { person } from '../helpers/identity';
import { toEnrollForm } from '../helpers/app';
import type { Devices } from '../helpers/devices';

/** The device projects this spec runs on (playwright.config.ts reads this line). */
export const runsOn: Devices = ['desktop', 'tablets', 'phones'];

function expectedKind(project: string): string {
  if (project.startsWith('desktop')) return '電腦';
  if (project.startsWith('tablet')) return '平板電腦';
  return '手機';
}

test('shows the detected device kind, and asks about a SIM card only on tablets', async ({ page }, info) => {
  const kind = expectedKind(info.project.name);
  await toEnrollForm(page, person());
  const detected = page.getByText(/偵測到您使用/).first();
  await expect(detected).toBeVisible();
  await expect(detected).toContainText(kind);
  if (kind === '電腦') await expect(detected).not.toContainText('平板電腦');
  // 裝置有無SIM卡 (有4G/5G網路連線) belongs to tablets only.
  await expect(page.getByRole('radio', { name: '有', exact: true })).toHaveCount(kind === '平板電腦' ? 1 : 0);
  await expect(page.getByRole('radio', { name: '無', exact: true })).toHaveCount(kind === '平板電腦' ? 1 : 0);
});
