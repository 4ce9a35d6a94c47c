// The 無障礙聲明 page: linked from every screen's footer, its sections, both languages, and a
// direct link to it.
import { test, expect } from '@playwright/test';
import { STATEMENT, expectStepChange, recordAnnouncements } from '../helpers/a11y';
import { expectStep, field, openApp } from '../helpers/app';
import type { Devices } from '../helpers/devices';

/** The device projects this spec runs on (playwright.config.ts reads this line). */
export const runsOn: Devices = ['desktop', 'phones'];

test('the 無障礙聲明 page: reachable from every screen, in both languages', async ({ page }) => {
  await openApp(page);
  await recordAnnouncements(page);
  await page.getByRole('link', { name: STATEMENT, exact: true }).click();
  await expectStepChange(page, STATEMENT);
  for (const h of ['遵循的標準', '快速鍵（導盲磚）', '測試範圍與方式', '已知限制', '回報問題']) {
    await expect(page.getByRole('heading', { name: h, exact: true })).toBeVisible();
  }
  await expect(page.getByText(/WCAG 2\.2 AA/).first()).toBeVisible();
  await expect(page.getByText(/網站無障礙檢測規範」115\.11 版.*AAA 等級/).first()).toBeVisible();
  // The page's access keys, each with the region it goes to (src/app.rs GuideTile).
  await expect(page.getByText(/Alt\+U 上方功能區塊、Alt\+C 中央內容區塊、Alt\+Z 下方功能區塊/)).toBeVisible();
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await expect(page.getByRole('heading', { name: 'Accessibility statement' })).toBeVisible();
  await expect(page).toHaveTitle('Accessibility statement - BLI e-Service System');
  await expect(page.getByRole('heading', { name: 'Report a problem', exact: true })).toBeVisible();
  await page.getByRole('button', { name: '切換為中文' }).click();
  await page.getByRole('link', { name: '返回', exact: true }).click();
  await expect(field(page, '身分證號')).toBeVisible();
  // A direct link works too (hash route, no server rewrite).
  await page.goto('/#/accessibility');
  await expectStep(page, STATEMENT);
});
