// The README's screenshots of each step on a phone (direct path), zh-TW. iPhone project only.
import { test, expect, type Page } from '@playwright/test';
import * as path from 'node:path';
import { person } from '../helpers/identity';
import {
  TITLES, agreeAndStart, button, expectMaskedSummary, expectStep, fillEnrollForm, openApp, readNoticeToEnd, toEnrollForm,
} from '../helpers/app';
import type { Devices } from '../helpers/devices';

/** The device projects this spec runs on (playwright.config.ts reads this line). */
export const runsOn: Devices = ['phone-iphone'];

const dir = path.join(__dirname, '..', '..', '..', 'docs', 'screens');
const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true, animations: 'disabled', caret: 'hide' });

test('screenshots of each step (phone, direct path)', async ({ page }) => {
  const p = person({ letter: 'A', gender: '2' });
  await openApp(page);
  await shot(page, 'step1-phone');
  await toEnrollForm(page, p);
  await fillEnrollForm(page, p);
  await shot(page, 'step2-phone');
  await button(page, '送出').click();
  await expectMaskedSummary(page, p);
  await shot(page, 'step5-phone');
  await page.getByRole('button', { name: '使用者約定條款', exact: true })
    .or(page.getByRole('link', { name: '使用者約定條款', exact: true })).click();
  await expect(page.getByRole('dialog', { name: /使用者約定條款/ })).toBeVisible();
  await shot(page, 'step5-terms-phone');
  await page.keyboard.press('Escape');
  await agreeAndStart(page);
  await expectStep(page, TITLES.welcome);
  await shot(page, 'step6-phone');
  await readNoticeToEnd(page);
  await button(page, '開始使用').click();
  await expectStep(page, TITLES.home);
  await shot(page, 'home-phone');
});
