// A screen-reader user on a computer (issue 29), by ear only (helpers/screen-reader.ts): the QR
// path to the QR code and its countdown, said now and then, never every second; then the return
// login of an enrolled browser, the records query, and the session-expiry warning. The spoken
// log of each journey is the test's output.
import { test, expect } from '../helpers/fixtures';
import { person } from '../helpers/identity';
import { TITLES, logOut, startUsing } from '../helpers/app';
import { ScreenReader, enter, fillByEar, giveId, heading, isLive, item, openWithReader } from '../helpers/screen-reader';
import type { Devices } from '../helpers/devices';

/** The device projects this spec runs on (playwright.config.ts reads this line). */
export const runsOn: Devices = ['desktop'];

/** Moves to a button by its name and presses it; answers the log's position before the press. */
async function press(sr: ScreenReader, name: string): Promise<number> {
  await sr.moveTo(item('button', name));
  const mark = await sr.mark();
  await sr.act();
  return mark;
}

test('the QR path by ear: the code is named, its countdown said each minute, not each second', async ({ page }, info) => {
  test.setTimeout(180_000);
  await page.clock.install();
  const p = person();
  const sr = await openWithReader(page);
  try {
    await giveId(page, sr, p);
    await sr.hears(heading(TITLES.enroll));
    await fillByEar(page, sr, p);
    let mark = await press(sr, '送出');
    await sr.hears(heading(TITLES.qr), mark);
    await sr.moveTo(/^image, QR code/);

    // Five minutes of the code's life on the page's clock: what the reader is told meanwhile.
    mark = await sr.mark();
    for (let s = 0; s < 330; s++) await page.clock.runFor(1000);
    const told = (await sr.since(mark)).filter(isLive);
    const countdown = told.filter((t) => /剩餘/.test(t));
    expect(countdown.join(' | '), 'the last 30 seconds are said').toMatch(/剩餘 30 秒/);
    expect(countdown.length, countdown.join(' | ')).toBeGreaterThanOrEqual(3);
    expect(countdown.length, countdown.join(' | ')).toBeLessThanOrEqual(8);
    expect(told.some((t) => /\d{2}:\d{2}/.test(t)), 'no mm:ss readouts').toBe(false);
    // The expiry takes the code's place, as an alert with the way to a new code after it.
    await expect(page.getByRole('alert')).toContainText('驗證有效時間已過');
    await sr.moveTo('驗證有效時間已過');
    await sr.moveTo(item('button', '重新產生QRCode'));
  } finally {
    await sr.attach(info, 'desktop QR path');
  }
});

test('return login, records and the session warning, by ear', async ({ page, enroll }, info) => {
  test.setTimeout(180_000);
  // The page's clock is driven by the test (the sandbox's idle period is 15 minutes).
  await page.clock.install();
  const p = await enroll(page);
  await startUsing(page);
  await logOut(page);
  const sr = await openWithReader(page);
  try {
    await sr.hears(heading(TITLES.login), await giveId(page, sr, p));
    // Only the four fields of the return login.
    for (const [name, value] of [[/出生日期/, p.birthDate], [/姓名/, p.name], [/憑證密碼/, p.password]] as const) {
      await enter(sr, name);
      await sr.type(value);
    }
    let mark = await press(sr, '送出');
    await sr.hears(heading(TITLES.welcome), mark);

    // 開始使用 waits until the notice is read to its end; the reader says why while it waits.
    const start = await sr.moveTo(item('button', '開始使用'));
    expect(start).toContain('請先閱讀使用須知至最後');
    await sr.perform('moveToPreviousHeading');
    await sr.moveTo('（使用須知結束）');
    await sr.act();
    mark = await press(sr, '開始使用');
    await sr.hears(heading(TITLES.home), mark);

    mark = await press(sr, '查詢投保資料');
    await sr.hears(/^heading, 投保資料查詢/, mark);
    mark = await press(sr, '查詢');
    await sr.hears(/符合條件的投保資料：\s*\d+\s*筆/, mark);

    // Near the end of the idle period a warning appears (an alert, put above the records), and
    // reading back the user finds it, with the way to stay.
    await page.clock.fastForward('13:10');
    const warning = page.getByRole('alert').filter({ hasText: '您的登入即將逾時' });
    await expect(warning).toBeVisible();
    await sr.moveTo('您的登入即將逾時', 'previous');
    await press(sr, '延長登入時間');
    await expect(warning).toBeHidden();
  } finally {
    await sr.attach(info, 'desktop return login and records');
  }
});
