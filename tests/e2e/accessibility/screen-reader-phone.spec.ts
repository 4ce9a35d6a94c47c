// A screen-reader user's enrollment on the phone itself (issue 29), step 1 to 步驟6, found and
// done only by what a screen reader says and its own moves (helpers/screen-reader.ts): the step
// heading on arrival, each field's label and its error after an empty submit, the error summary,
// the captcha's spoken alternative, the carrier's answer. The spoken log is the test's output.
import { test, expect } from '@playwright/test';
import { person } from '../helpers/identity';
import { msg } from '../helpers/messages';
import { TITLES } from '../helpers/app';
import { FIELDS, answer, fillByEar, giveId, heading, isLive, item, openWithReader } from '../helpers/screen-reader';
import type { Devices } from '../helpers/devices';

/** The device projects this spec runs on (playwright.config.ts reads this line). */
export const runsOn: Devices = ['phones'];

test('enrollment on the phone, by ear: errors, captcha audio, carrier answer, 步驟6', async ({ page }, info) => {
  test.setTimeout(120_000);
  const sr = await openWithReader(page);
  const p = person();
  try {
    await giveId(page, sr, p);
    await sr.hears(heading(TITLES.enroll));

    // An empty submit: the summary is read first and lists every problem.
    let mark = await sr.mark();
    await sr.moveTo(item('button', '送出'));
    await sr.act();
    await sr.hears(/請修正以下問題/, mark);
    for (const f of FIELDS) await sr.moveTo(item('link', msg(f.error).zh));
    // Its first link takes the user to that field; each field then says its name and what is
    // wrong with it, and is put right there.
    await sr.perform('moveToPreviousHeading');
    await sr.moveTo(item('link', msg(FIELDS[0].error).zh));
    await sr.act();
    for (const [i, f] of FIELDS.entries()) {
      const said = i === 0 ? await sr.current() : await sr.moveTo(f.said);
      expect(said, 'the field by its name').toMatch(f.said);
      expect(said, 'and its error').toContain(`錯誤： ${msg(f.error).zh}`);
      // The label's "*" is not read: the field itself says it must be filled in. (This reader
      // gives a password field no role, and so reads none of its states.)
      if (/^(textbox|combobox|checkbox), /.test(said)) {
        expect(said, 'and that it is required').toMatch(/, required(,|$)/);
      }
      if (f.error === 'captcha_required') {
        // The captcha says it can be heard, and the buttons that play it follow the picture.
        expect(said).toContain('看不清楚可按「語音播放」聽取');
        await answer(page, sr, f.fill(p));
        await sr.moveTo(item('image', '驗證碼圖片'));
        await sr.moveTo(item('button', '語音播放'));
        await sr.moveTo(item('button', '以英語播放'));
      } else {
        await answer(page, sr, f.fill(p));
      }
    }

    mark = await sr.mark();
    await sr.moveTo(item('button', '送出'));
    await sr.act();
    await sr.hears(heading(TITLES.phoneVerify), mark);
    await sr.moveTo(`09■■■■■■${p.mobile.slice(-2)}`);
    await sr.moveTo(/^checkbox, .*我已閱讀並同意/);
    await sr.act();
    mark = await sr.mark();
    await sr.moveTo(item('button', '開始驗證'));
    await sr.act();
    await sr.hears(heading(TITLES.welcome), mark, 30_000);
    // The carrier's yes is the step change, said in the polite live region as well.
    expect((await sr.since(mark)).filter(isLive)).toContain(`polite: 目前步驟：${TITLES.welcome}`);
  } finally {
    await sr.attach(info, 'phone enrollment');
  }
});

test('a carrier refusal is heard as an error with what to do, and a way to try again', async ({ page }, info) => {
  test.setTimeout(120_000);
  const sr = await openWithReader(page);
  const p = person({ outcome: 95 });
  try {
    await giveId(page, sr, p);
    await sr.hears(heading(TITLES.enroll));
    await fillByEar(page, sr, p);
    await sr.moveTo(item('button', '送出'));
    await sr.act();
    await sr.hears(heading(TITLES.phoneVerify));
    await sr.moveTo(/^checkbox, .*我已閱讀並同意/);
    await sr.act();
    await sr.moveTo(item('button', '開始驗證'));
    await sr.act();
    // The answer is put above the button, where the focus goes; reading back from the button
    // the user hears it as an error, with what to do, and the way to try again after it.
    await expect(page.getByRole('alert')).toContainText(msg('wifi').zh, { timeout: 30_000 });
    await sr.moveTo(msg('wifi').zh, 'previous', 20);
    await sr.previous();
    expect(await sr.current()).toBe('錯誤：');
    await sr.previous();
    expect(await sr.current()).toBe('alert');
    await sr.moveTo(item('button', '重試'));
  } finally {
    await sr.attach(info, 'phone, carrier refusal');
  }
});
