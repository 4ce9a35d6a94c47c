// Languages (issue 4 "Throughout"): switching to English and back on a mid-flow screen keeps what
// was typed, and sets the page language.
import { test, expect, type Page } from '@playwright/test';
import { person } from '../helpers/identity';
import { msg } from '../helpers/messages';
import { TITLES, confirmBox, expectStep, fillEnrollForm, shown, toEnrollForm } from '../helpers/app';
import type { Devices } from '../helpers/devices';

/** The device projects this spec runs on (playwright.config.ts reads this line). */
export const runsOn: Devices = ['desktop'];

function languageSwitch(page: Page, to: 'en' | 'zh') {
  const name = to === 'en' ? /English/ : /中文/;
  return page.getByRole('button', { name }).or(page.getByRole('link', { name })).first();
}

test('step 2 in English and back keeps every value and the error', async ({ page }) => {
  const p = person();
  await toEnrollForm(page, p);
  await fillEnrollForm(page, p, { skip: ['驗證碼'] });
  await page.getByLabel('出生日期', { exact: true }).fill('0880229');
  await page.getByLabel('出生日期', { exact: true }).blur();
  await expect(shown(page, msg('birth_invalid').zh)).toBeVisible();

  await languageSwitch(page, 'en').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expectStep(page, 'Mobile number held in your own name');
  await expect(page.getByLabel('National ID number', { exact: true })).toHaveValue(p.nationalId);
  await expect(page.getByLabel('Mobile number', { exact: true })).toHaveValue(p.mobile);
  await expect(page.getByLabel('NHI card number', { exact: true })).toHaveValue(p.nhiCard);
  await expect(page.getByLabel('Date of birth', { exact: true })).toHaveValue('0880229');
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue(p.name);
  await expect(page.getByLabel('Set credential password', { exact: true })).toHaveValue(p.password);
  await expect(page.getByLabel('Confirm credential password', { exact: true })).toHaveValue(p.password);
  await expect(page.getByRole('checkbox', { name: /monthly-plan number is held by me/ })).toBeChecked();
  await expect(shown(page, msg('birth_invalid').en)).toBeVisible();
  await expect(page.getByText(msg('birth_invalid').zh)).toHaveCount(0);

  await languageSwitch(page, 'zh').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hant-TW');
  await expectStep(page, TITLES.enroll);
  await expect(page.getByLabel('手機門號', { exact: true })).toHaveValue(p.mobile);
  await expect(page.getByLabel('姓名', { exact: true })).toHaveValue(p.name);
  await expect(page.getByLabel('出生日期', { exact: true })).toHaveValue('0880229');
  await expect(page.getByLabel('設定憑證密碼', { exact: true })).toHaveValue(p.password);
  await expect(confirmBox(page)).toBeChecked();
  await expect(shown(page, msg('birth_invalid').zh)).toBeVisible();
});
