// Languages (issue 4 "Throughout"): switching to English and back on a mid-flow screen keeps what
// was typed, and sets the page language. English is a table the app fetches when it is first
// chosen (issue 27, src/i18n.rs): the switch waits for it, and says so when it cannot.
import { test, expect, type Page } from '@playwright/test';
import { person } from '../helpers/identity';
import { expectNoAxeViolations } from '../helpers/a11y';
import { msg, text } from '../helpers/messages';
import { TITLES, confirmBox, expectStep, field, fillEnrollForm, openApp, shown, toEnrollForm } from '../helpers/app';
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

/** The English table's requests (`texts-en-<hash>.json`, beside the app's files). */
const ENGLISH = /\/texts-en-[0-9a-f]{16}\.json$/;

test.describe('English fetched when chosen', () => {
  // The page's own requests only: a worker controlling the page would answer them unseen.
  test.use({ serviceWorkers: 'block' });

  test('the switch is busy while English downloads, typing goes on, and a reload starts in English', async ({ page }) => {
    const fetched: string[] = [];
    page.on('request', (r) => { if (ENGLISH.test(r.url())) fetched.push(r.url()); });
    let release = () => {};
    const held = new Promise<void>((r) => { release = r; });
    await page.route(ENGLISH, async (route) => { await held; await route.continue(); });
    const p = person();
    await toEnrollForm(page, p);
    await field(page, '手機門號').fill(p.mobile);
    // Who reads zh-TW never downloads the English.
    expect(fetched).toEqual([]);

    await languageSwitch(page, 'en').click();
    const button = page.locator('button.lang-switch');
    await expect(button).toHaveAttribute('aria-busy', 'true');
    await expect(button).toHaveText(text('Loading').en);
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hant-TW');
    await field(page, '姓名').fill(p.name);
    release();

    await expectStep(page, 'Mobile number held in your own name');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(button).not.toHaveAttribute('aria-busy');
    await expect(page.getByLabel('Mobile number', { exact: true })).toHaveValue(p.mobile);
    await expect(page.getByLabel('Name', { exact: true })).toHaveValue(p.name);
    expect(fetched).toHaveLength(1);

    // English was chosen: a reload opens in English, the table fetched with the start.
    await page.reload();
    await expectStep(page, 'Mobile number held in your own name');
    await expect(page.getByLabel('Name', { exact: true })).toHaveValue(p.name);
    await expect(page.getByText(TITLES.enroll)).toHaveCount(0);
    expect(fetched).toHaveLength(2);
  });

  test('English that cannot be downloaded: zh-TW stays with a message in both languages, nothing typed is lost, and the next press works', async ({ page }) => {
    let fail = true;
    await page.route(ENGLISH, (route) => (fail ? route.abort() : route.continue()));
    await openApp(page);
    await field(page, '身分證號').fill('A123456789');
    await languageSwitch(page, 'en').click();

    const unavailable = text('EnglishUnavailable');
    const alert = page.getByRole('alert').filter({ hasText: unavailable.zh });
    await expect(alert).toContainText(unavailable.en);
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hant-TW');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('請選擇登入方式');
    await expect(field(page, '身分證號')).toHaveValue('A123456789');
    await expectNoAxeViolations(page, 'English could not be downloaded');

    fail = false;
    await languageSwitch(page, 'en').click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Choose how to log in');
    await expect(alert).toHaveCount(0);
    await expect(page.getByLabel('National ID number', { exact: true })).toHaveValue('A123456789');
  });

  test('opened in English with the table unreachable: the app starts in zh-TW and says why', async ({ page }) => {
    let fail = false;
    await page.route(ENGLISH, (route) => (fail ? route.abort() : route.continue()));
    await openApp(page);
    await languageSwitch(page, 'en').click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Choose how to log in');
    fail = true;
    await page.reload();
    await expect(page.getByRole('alert').filter({ hasText: text('EnglishUnavailable').en })).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('請選擇登入方式');
    await expect(field(page, '身分證號')).toBeVisible();
  });
});
