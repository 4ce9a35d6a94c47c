// 投保資料查詢 after login (issue 8), on a desktop (a real table) and a phone (cards):
// login → query → filter → CSV download (the file parsed and compared with what the screen
// shows) → print view, with axe scans; session expiry mid-query; and A can never read B's records.
import { type Page, type TestInfo } from '@playwright/test';
import * as fs from 'node:fs';
import { test, expect, isPhoneProject as isPhone } from '../helpers/fixtures';
import { msg } from '../helpers/messages';
import { expectNoAxeViolations as scan } from '../helpers/a11y';
import { TITLES, button, field, startUsing } from '../helpers/app';
import type { Devices } from '../helpers/devices';

/** The device projects this spec runs on (playwright.config.ts reads this line). */
export const runsOn: Devices = ['desktop', 'phones'];

const HEADINGS = ['保險別', '投保單位名稱', '保險證號', '投保薪資', '加保日期', '退保日期'];
const TYPES = ['勞工保險', '就業保險', '勞工職業災害保險'];

/** "王小明" → "王○明" (crates/core/src/mask.rs). */
const maskedName = (name: string) => [...name].map((c, i, a) => (i === 0 || (a.length >= 3 && i === a.length - 1) ? c : '○')).join('');
const maskedId = (id: string) => id.slice(0, 2) + '■'.repeat(8);

/** The visible count line (the live region repeats it for screen readers). */
const countLine = (page: Page) => page.locator('p.records-count');

async function openRecords(page: Page): Promise<void> {
  await button(page, '查詢投保資料').click();
  await expect(page.getByRole('heading', { name: '投保資料查詢', level: 2 })).toBeFocused();
  await expect(countLine(page)).toHaveText(/^符合條件的投保資料：\s*\d+\s*筆$/);
}

/** The records as the screen shows them, in the CSV's column order: the table, or the cards on a phone. */
async function shownRows(page: Page, info: TestInfo): Promise<string[][]> {
  if (isPhone(info)) {
    await expect(page.getByRole('table')).toBeHidden();
    const cards = page.getByRole('list', { name: /投保資料/ }).getByRole('listitem');
    const rows: string[][] = [];
    for (const card of await cards.all()) {
      const title = (await card.getByRole('heading', { level: 3 }).innerText()).trim();
      const dt = (await card.locator('dt').allInnerTexts()).map((s) => s.trim());
      const dd = (await card.locator('dd').allInnerTexts()).map((s) => s.trim());
      expect(dt).toEqual([HEADINGS[0], ...HEADINGS.slice(2)]);
      rows.push([dd[0], title, ...dd.slice(1)]);
    }
    return rows;
  }
  const table = page.getByRole('table');
  await expect(table).toBeVisible();
  await expect(page.getByRole('list', { name: /投保資料/ })).toBeHidden();
  const head = (await table.locator('thead th[scope="col"]').allInnerTexts()).map((s) => s.trim());
  expect(head).toEqual(HEADINGS);
  const rows: string[][] = [];
  for (const tr of await table.locator('tbody tr').all()) {
    await expect(tr.locator('th[scope="row"]')).toHaveCount(1);
    rows.push((await tr.locator('th, td').allInnerTexts()).map((s) => s.trim()));
  }
  return rows;
}

/** "112/05/01" → 1120501; 在保中 → open end. */
const dateNum = (s: string) => (s === '在保中' ? Infinity : Number(s.split('/').map((p, i) => (i ? p.padStart(2, '0') : p)).join('')));

/** RFC 4180, CRLF only; fails on a bare LF outside quotes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let f = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { f += '"'; i++; } else if (c === '"') quoted = false; else f += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(f); f = ''; }
    else if (c === '\r' && text[i + 1] === '\n') { row.push(f); rows.push(row); row = []; f = ''; i++; }
    else if (c === '\n' || c === '\r') throw new Error(`bare line break at ${i}`);
    else f += c;
  }
  expect(f === '' && row.length === 0, 'the file ends with CRLF').toBe(true);
  return rows;
}

test('login → query → filter → CSV → print, with axe scans', async ({ page, enrolled: p }, info) => {
  test.setTimeout(120_000);
  await startUsing(page);

  // Home: masked name and 登出 in its header, time left, the query functions marked read-only.
  await expect(page.getByText(`您好，${maskedName(p.name)}`)).toBeVisible();
  await expect(page.getByText(p.name, { exact: true })).toHaveCount(0);
  await expect(button(page, '登出')).toBeVisible();
  await expect(page.getByText(/登入剩餘時間：\s*\d{2}:\d{2}/)).toBeVisible();
  await expect(page.getByRole('heading', { name: /投保資料查詢\s*唯讀/, level: 3 })).toBeVisible();
  await scan(page, 'home');

  // Query: everything, newest first.
  await openRecords(page);
  await expect(page.getByText('唯讀查詢：本頁只顯示資料，不會異動您的投保資料。')).toBeVisible();
  const all = await shownRows(page, info);
  expect(all.length).toBeGreaterThanOrEqual(3);
  await expect(countLine(page)).toHaveText(`符合條件的投保資料：${all.length} 筆`);
  for (const r of all) {
    expect(TYPES).toContain(r[0]);
    expect(r[2]).toMatch(/^\d{8}[A-Z]$/);
    expect(r[3]).toMatch(/^\d{1,3}(,\d{3})*$/);
    expect(r[4]).toMatch(/^\d{1,3}\/\d{2}\/\d{2}$/);
    expect(r[5]).toMatch(/^(\d{1,3}\/\d{2}\/\d{2}|在保中)$/);
  }
  const starts = all.map((r) => dateNum(r[4]));
  expect(starts).toEqual([...starts].sort((a, b) => b - a));
  expect(all.filter((r) => r[5] === '在保中').length, 'a current enrollment').toBeGreaterThan(0);
  await scan(page, 'records');

  // A wrong period: the GOV.UK error pattern, nothing filtered.
  await field(page, '期間起日').fill('113');
  await field(page, '期間迄日').fill('1121399');
  await button(page, '查詢').click();
  const summary = page.locator('#records-errors');
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('link', { name: '期間迄日不是有效的日期，請檢查月份與日期' })).toBeVisible();
  await expect(field(page, '期間迄日')).toHaveAttribute('aria-invalid', 'true');
  await expect(page).toHaveTitle(/^錯誤：/);
  await scan(page, 'records, period error');
  await field(page, '期間迄日').fill('112');
  await button(page, '查詢').click();
  await expect(summary.getByRole('link', { name: '期間迄日不可早於起日' })).toBeVisible();

  // Filter: 勞工保險 in the year the oldest record started (ROC year), as a user would ask.
  const year = all[all.length - 1][4].split('/')[0];
  await field(page, '期間起日').fill(year);
  await field(page, '期間迄日').fill(year);
  await field(page, '保險別').selectOption({ label: '勞工保險' });
  await button(page, '查詢').click();
  await expect(summary).toHaveCount(0);
  await expect(page).not.toHaveTitle(/^錯誤：/);
  const lo = Number(`${year}0101`);
  const hi = Number(`${year}1231`);
  const expected = all.filter((r) => r[0] === '勞工保險' && dateNum(r[4]) <= hi && dateNum(r[5]) >= lo);
  expect(expected.length).toBeGreaterThan(0);
  await expect(countLine(page)).toHaveText(`符合條件的投保資料：${expected.length} 筆`);
  const filtered = await shownRows(page, info);
  expect(filtered).toEqual(expected);
  await expect(page.getByText(new RegExp(`投保資料（新到舊）：${year}/01/01 至 ${year}/12/31；保險別：勞工保險`)).first()).toBeAttached();

  // CSV: made in the browser (no request leaves the page), BOM + CRLF, the same cells as shown.
  const sent: string[] = [];
  page.on('request', (r) => { if (!r.url().startsWith('blob:')) sent.push(r.url()); });
  const [download] = await Promise.all([page.waitForEvent('download'), button(page, '下載 CSV').click()]);
  expect(download.suggestedFilename()).toMatch(/^勞保投保資料_\d{7}\.csv$/);
  const bytes = fs.readFileSync(await download.path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const csv = parseCsv(bytes.subarray(3).toString('utf8'));
  expect(csv[0]).toEqual(HEADINGS);
  expect(csv.slice(1)).toEqual(filtered);
  expect(sent, 'the download sent nothing').toEqual([]);
  await expect(page.getByRole('status').filter({ hasText: /已下載：勞保投保資料_\d{7}\.csv/ })).toBeAttached();

  // Print: the button calls window.print(); the print stylesheet shows the print-only header with
  // the query date and the masked ID, the table at any width, and none of the controls.
  await page.evaluate(() => {
    (window as unknown as { printed: number }).printed = 0;
    window.print = () => { (window as unknown as { printed: number }).printed++; };
  });
  await button(page, '列印／另存 PDF').click();
  expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
  const printHeader = page.locator('.print-header');
  await expect(printHeader).toBeHidden();
  await page.emulateMedia({ media: 'print' });
  await expect(printHeader).toBeVisible();
  await expect(printHeader).toContainText('勞工保險、就業保險及勞工職業災害保險投保資料');
  await expect(printHeader).toContainText(/查詢日期\s*民國\d{2,3}年\d{1,2}月\d{1,2}日/);
  await expect(printHeader).toContainText(maskedId(p.nationalId));
  await expect(printHeader).toContainText(maskedName(p.name));
  await expect(printHeader).toContainText(`${year}/01/01 至 ${year}/12/31；保險別：勞工保險`);
  await expect(page.locator('body')).not.toContainText(p.nationalId);
  await expect(page.getByRole('table')).toBeVisible();
  await expect(page.getByRole('table').locator('tbody tr')).toHaveCount(filtered.length);
  for (const hidden of [button(page, '查詢'), button(page, '登出'), button(page, '下載 CSV'), page.getByText(/登入剩餘時間/)]) {
    await expect(hidden).toBeHidden();
  }
  await page.emulateMedia({ media: 'screen' });
  await expect(printHeader).toBeHidden();

  // 清除條件 brings every record back; 返回查詢服務 goes home with focus on its heading.
  await button(page, '清除條件').click();
  await expect(countLine(page)).toHaveText(`符合條件的投保資料：${all.length} 筆`);
  await expect(field(page, '期間起日')).toHaveValue('');
  await button(page, '返回查詢服務').click();
  await expect(page.getByRole('heading', { name: '查詢功能', level: 2 })).toBeFocused();
});

test('session expiry mid-query: a warning first, then back to the login with the reason', async ({ page, enroll }) => {
  test.setTimeout(120_000);
  // The page's clock is driven by the test; the sandbox's idle period is 15 minutes.
  await page.clock.install();
  const p = await enroll(page);
  await startUsing(page);
  await openRecords(page);
  await field(page, '期間起日').fill('100');

  await page.clock.fastForward('13:10');
  const warning = page.getByRole('alert').filter({ hasText: '您的登入即將逾時' });
  await expect(warning).toBeVisible();
  await scan(page, 'records, session warning');
  await button(page, '延長登入時間').click();
  await expect(warning).toBeHidden();
  await expect(page.getByText(/登入剩餘時間：\s*1[45]:\d{2}/)).toBeVisible();

  await page.clock.fastForward('13:10');
  await expect(warning).toBeVisible();
  await page.clock.fastForward('02:30');
  await expect(field(page, '身分證號')).toBeVisible();
  await expect(page.getByText(msg('session_expired').zh).first()).toBeVisible();
  await expect(page.getByRole('heading', { name: TITLES.home })).toHaveCount(0);
  await expect(page.getByText(p.name)).toHaveCount(0);
});

test('logged in as A, the API never gives B\'s records; without a session it answers 401', async ({ page, browser, enroll }) => {
  test.setTimeout(150_000);
  await enroll(page);
  await startUsing(page);
  const other = await browser.newContext();
  try {
    const pageB = await other.newPage();
    const b = await enroll(pageB);
    await startUsing(pageB);

    /** What a script on the page could get from the API, with the page's own cookie. */
    const ask = (pg: Page, query = '', headers: Record<string, string> = {}) =>
      pg.evaluate(async ([q, h]) => {
        const r = await fetch(`api/v1/records${q}`, { headers: { Accept: 'application/json', ...h }, credentials: 'same-origin' });
        return { status: r.status, body: await r.json() };
      }, [query, headers] as const);

    const ownA = await ask(page);
    const ownB = await ask(pageB);
    expect(ownA.status).toBe(200);
    expect(ownB.status).toBe(200);
    expect(ownA.body.records.length).toBeGreaterThan(0);
    expect(ownA.body).not.toEqual(ownB.body);

    // Every way of naming B from A's session still gives A's own records.
    for (const [q, h] of [
      [`?national_id=${b.nationalId}`, {}],
      [`?id=${b.nationalId}&birth_date=${b.birthDate}`, {}],
      ['', { 'X-National-Id': b.nationalId }],
      [`/../records?national_id=${b.nationalId}`, {}],
    ] as const) {
      const got = await ask(page, q, h);
      if (got.status === 200) expect(got.body, `A asking with ${q} ${JSON.stringify(h)}`).toEqual(ownA.body);
      else expect(got.status).toBe(401);
    }

    // After B logs out, B's cookie is worthless; a browser with no session gets 401 too.
    await button(pageB, '登出').click();
    await expect(field(pageB, '身分證號')).toBeVisible();
    const afterLogout = await ask(pageB);
    expect(afterLogout.status).toBe(401);
    expect(afterLogout.body.code).toBe('session_expired');
    const anon = await browser.newContext();
    try {
      const res = await anon.request.get('/api/v1/records');
      expect(res.status()).toBe(401);
      expect((await res.json()).code).toBe('session_expired');
    } finally {
      await anon.close();
    }
    // A is unaffected.
    expect(await ask(page)).toEqual(ownA);
  } finally {
    await other.close();
  }
  await expect(page.getByRole('heading', { name: TITLES.home })).toBeVisible();
});
