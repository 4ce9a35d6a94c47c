// WCAG 2.1 AA beyond a single axe pass (issue 9): every screen in light, dark and forced colours;
// reflow at 320 CSS px and at 400% zoom; text spacing; status messages and focus on each step
// change; the QR countdown announced each minute and at 30 s only; the spoken captcha; input
// help; the 無障礙聲明 page. Runs on the desktop (QR path) and on phones (direct path).
import { test, expect, type Page, type TestInfo } from '@playwright/test';
import { person, type Person } from './helpers/identity';
import { msg } from './helpers/messages';
import { EXPIRY_URL, SHORT_QR_VALIDITY_S } from './helpers/env';
import { expectNoAxeViolations as scan, tabTo } from './helpers/a11y';
import {
  TITLES, agreeAndStart, button, captchaField, expectMaskedSummary, expectStep, field, fillEnrollForm, fillLogin,
  openApp, openOnPhone, readNoticeToEnd, shown, stepHeading, submitId, toEnrollForm,
} from './helpers/app';
import { decodeQrFromScreen, qrImage } from './helpers/qr';

const SITE = '勞保局e化服務系統';
const STATEMENT = '無障礙聲明';
/** Both wordings of an expired QR code: the page's own countdown, or the backend's `expired`. */
const EXPIRED = '驗證有效時間已過';
/** The shell's polite live region (src/app.rs): step changes and timed announcements. */
const shellLive = (page: Page) => page.locator('.visually-hidden[role="status"][aria-live="polite"]');

const MODES = [
  { name: 'light', media: { colorScheme: 'light', forcedColors: 'none' } },
  { name: 'dark', media: { colorScheme: 'dark', forcedColors: 'none' } },
  { name: 'forced colours', media: { colorScheme: 'light', forcedColors: 'active' } },
] as const;

const slug = (s: string) => s.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').toLowerCase() || 'screen';

/**
 * 1.4.10: at `size` the page does not scroll sideways and nothing visible sits outside the
 * viewport (content pushed off-screen under `overflow: hidden` would not show in scrollWidth).
 * Tables inside their own scroll box are allowed (two-dimensional content, WCAG's exception).
 */
async function expectReflow(page: Page, state: string, label: string, info: TestInfo, fullPage: boolean) {
  const m = await page.evaluate(() => {
    const root = document.documentElement;
    const width = root.clientWidth;
    const offscreen: string[] = [];
    for (const el of Array.from(document.body.querySelectorAll<HTMLElement>('*'))) {
      if (el.closest('.visually-hidden, .skip-link, .table-wrap')) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      if (r.right > width + 1 || r.left < -1) offscreen.push(`${el.tagName.toLowerCase()}.${el.className}`);
    }
    return { scroll: root.scrollWidth, client: width, offscreen: offscreen.slice(0, 5) };
  });
  expect(m.scroll, `${state} at ${label}: the page scrolls sideways`).toBeLessThanOrEqual(m.client);
  expect(m.offscreen, `${state} at ${label}: content outside the viewport`).toEqual([]);
  await page.screenshot({ path: info.outputPath(`${slug(state)}-${slug(label)}.png`), fullPage });
}

/**
 * axe at WCAG 2.1 A/AA in each colour mode, then reflow at 320 CSS px and at 400% zoom: a
 * 1280×1024 window zoomed to 400% lays out as 320×256 CSS px, which is what is emulated.
 */
async function checkScreen(page: Page, state: string, info: TestInfo) {
  for (const mode of MODES) {
    await page.emulateMedia(mode.media);
    await scan(page, `${state} [${mode.name}]`);
  }
  await page.emulateMedia({ colorScheme: 'light', forcedColors: 'none' });
  const original = page.viewportSize();
  await page.setViewportSize({ width: 320, height: 640 });
  await expectReflow(page, state, '320px', info, true);
  await page.setViewportSize({ width: 320, height: 256 });
  await expectReflow(page, state, '400-percent-zoom', info, false);
  if (original) await page.setViewportSize(original);
}

/** A step change: the heading has the focus, the title names the step, and it was announced. */
async function expectStepChange(page: Page, title: string, timeout?: number) {
  await expectStep(page, title, timeout);
  await expect(stepHeading(page, title)).toBeFocused();
  await expect(page).toHaveTitle(`${title} - ${SITE}`);
  await expect.poll(() => announced(page), { message: `step change to ${title} announced` })
    .toContain(`目前步驟：${title}`);
}

/**
 * Records every text that a live region (`aria-live`, `role=status|alert`) takes, with the page's
 * clock, from now on: what a screen reader would be told.
 */
async function recordAnnouncements(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as { __said: { t: number; text: string; alert: boolean }[] };
    w.__said = [];
    const last = new WeakMap<Element, string>();
    const look = () => {
      for (const el of Array.from(document.querySelectorAll('[aria-live]:not([aria-live="off"]), [role="status"], [role="alert"]'))) {
        const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
        if (text === (last.get(el) ?? '')) continue;
        last.set(el, text);
        if (text) w.__said.push({ t: Date.now(), text, alert: el.getAttribute('role') === 'alert' });
      }
    };
    look();
    new MutationObserver(look).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
}

async function said(page: Page): Promise<{ t: number; text: string; alert: boolean }[]> {
  return page.evaluate(() => (window as unknown as { __said?: { t: number; text: string; alert: boolean }[] }).__said ?? []);
}

async function announced(page: Page): Promise<string[]> {
  return (await said(page)).map((s) => s.text);
}

/** Step 2 → the QR screen or (phones) step 5 on this device; answers which. */
async function submitEnrollment(page: Page): Promise<'qr' | 'direct'> {
  await button(page, '送出').click();
  const qr = stepHeading(page, TITLES.qr);
  await expect(qr.or(stepHeading(page, TITLES.phoneVerify))).toBeVisible();
  return (await qr.isVisible()) ? 'qr' : 'direct';
}

/** Makes this browser take the QR path whatever device it is (the 裝置類型 correction). */
async function chooseComputer(page: Page) {
  await page.getByLabel('裝置類型不正確？請選擇').selectOption('desktop');
}

test('every screen in light, dark and forced colours, at 320 px and 400% zoom, with focus and announcements', async ({ page, browser }, info) => {
  test.setTimeout(180_000);
  const p: Person = person();
  await openApp(page);
  await recordAnnouncements(page);
  await checkScreen(page, 'step 1', info);
  await submitId(page, 'A123456788');
  await expect(shown(page, msg('id_checksum').zh)).toBeVisible();
  await expect(page).toHaveTitle(/^錯誤：/);
  await checkScreen(page, 'step 1 with an error', info);

  await submitId(page, p.nationalId);
  await expectStepChange(page, TITLES.enroll);
  await expect(page).toHaveTitle(`${TITLES.enroll} - ${SITE}`);
  await checkScreen(page, 'step 2', info);
  await button(page, '送出').click();
  await expect(page.getByRole('link', { name: msg('mobile_required').zh })).toBeVisible();
  await expect(page).toHaveTitle(`錯誤：${TITLES.enroll} - ${SITE}`);
  await checkScreen(page, 'step 2 with errors', info);

  await fillEnrollForm(page, p);
  const path = await submitEnrollment(page);
  if (path === 'qr') {
    await expectStepChange(page, TITLES.qr);
    await checkScreen(page, 'step 4 QR', info);
    // Forced colours must leave the QR code black on white: a phone still reads it.
    await page.emulateMedia({ forcedColors: 'active', colorScheme: 'dark' });
    const url = await decodeQrFromScreen(page);
    await page.emulateMedia({ forcedColors: 'none', colorScheme: 'light' });
    const phone = await openOnPhone(browser, url);
    try {
      await expectMaskedSummary(phone.page, p);
      await checkScreen(phone.page, 'step 5 on the phone', info);
      await recordAnnouncements(phone.page);
      await agreeAndStart(phone.page);
      await expectStepChange(phone.page, TITLES.phoneDone);
      await checkScreen(phone.page, 'step 5 done on the phone', info);
    } finally {
      await phone.context.close();
    }
    await expectStepChange(page, TITLES.welcome, 30_000);
  } else {
    await expectStepChange(page, TITLES.phoneVerify);
    await checkScreen(page, 'step 5 on this phone', info);
    await agreeAndStart(page);
    await expectStepChange(page, TITLES.welcome, 30_000);
  }
  await checkScreen(page, 'step 6', info);
  await readNoticeToEnd(page);
  await button(page, '開始使用').click();
  await expectStepChange(page, TITLES.home);
  await checkScreen(page, 'home', info);

  await page.getByRole('link', { name: STATEMENT, exact: true }).click();
  await expectStepChange(page, STATEMENT);
  await checkScreen(page, 'accessibility statement', info);
  await page.getByRole('link', { name: '返回', exact: true }).click();
  await expectStepChange(page, TITLES.home);
  await button(page, '登出').click();

  await openApp(page);
  await recordAnnouncements(page);
  await submitId(page, p.nationalId);
  await expectStepChange(page, TITLES.login);
  await fillLogin(page, p, 'wrong123');
  await checkScreen(page, 'step 7 login', info);
  await button(page, '送出').click();
  await expect(shown(page, msg('login_failed').zh)).toBeVisible();
  await expect(page).toHaveTitle(/^錯誤：/);
  await checkScreen(page, 'step 7 login error', info);
});

test('the QR countdown is announced each minute and at 30 s, never every second', async ({ page }) => {
  test.setTimeout(120_000);
  // The page's clock is driven by the test, so five minutes of countdown take seconds.
  await page.clock.install();
  const p = person();
  await toEnrollForm(page, p);
  await chooseComputer(page);
  await fillEnrollForm(page, p);
  await recordAnnouncements(page);
  await submitEnrollment(page);
  await expectStepChange(page, TITLES.qr);
  // The countdown's first value does not overwrite the step change in the live region.
  await page.clock.runFor(1500);
  await expect(shellLive(page)).toHaveText(`目前步驟：${TITLES.qr}`);
  const start = await page.evaluate(() => Date.now());
  const expired = shown(page, EXPIRED);
  for (let s = 0; s < 400 && !(await expired.isVisible()); s++) await page.clock.runFor(1000);
  await expect(expired).toBeVisible();
  await expect(page.getByText(/驗證有效時間：\s*00:00/)).toBeVisible();

  const times = (await said(page)).filter((x) => x.t >= start && /驗證有效時間剩餘/.test(x.text));
  const texts = times.map((x) => x.text);
  expect(texts, 'the last 30 seconds are announced').toContain('驗證有效時間剩餘 30 秒');
  expect(texts.some((t) => /剩餘\s*\d+\s*分鐘/.test(t)), `minute marks announced: ${texts.join(' | ')}`).toBe(true);
  // Each minute plus the 30-second mark: about seven in five minutes, never a ticking clock.
  expect(texts.length).toBeLessThanOrEqual(8);
  for (const x of times) {
    const inMinute = times.filter((y) => y.t >= x.t && y.t < x.t + 60_000).length;
    expect(inMinute, `announcements in the minute from ${x.text}`).toBeLessThanOrEqual(3);
  }
  expect(texts.some((t) => /\d{2}:\d{2}/.test(t)), 'no mm:ss readouts').toBe(false);
  // Expiry is said once, as an alert; focus was not moved.
  expect((await said(page)).filter((x) => x.alert && x.text.includes(EXPIRED))).toHaveLength(1);
  await expect(stepHeading(page, TITLES.qr)).toBeFocused();
  // A new code is one key press on one button away (Tab reaches it, Enter makes the code).
  await tabTo(page, button(page, '重新產生QRCode'));
  await page.keyboard.press('Enter');
  await expect(expired).toBeHidden();
  await expect(qrImage(page)).toBeVisible();
  await expect(page.getByText(/驗證有效時間：\s*0[45]:\d{2}/)).toBeVisible();
});

test('a short-lived QR code announces politely, in real time, without chatter', async ({ page }) => {
  const p = person();
  await toEnrollForm(page, p, EXPIRY_URL);
  await chooseComputer(page);
  await fillEnrollForm(page, p);
  await recordAnnouncements(page);
  const before = (await said(page)).length;
  await submitEnrollment(page);
  await expectStepChange(page, TITLES.qr);
  await expect(shown(page, EXPIRED)).toBeVisible({ timeout: (SHORT_QR_VALIDITY_S + 10) * 1000 });
  const all = (await said(page)).slice(before);
  // Over the whole validity: the step change, 等待手機驗證中… once, the expiry — nothing per second.
  const texts = all.map((x) => x.text);
  expect(texts.length, texts.join(' | ')).toBeLessThanOrEqual(3);
  expect(texts.filter((t) => t.includes('等待手機驗證中')), 'said once').toHaveLength(1);
  expect(all.some((x) => /\d{2}:\d{2}/.test(x.text)), 'no mm:ss readouts').toBe(false);
  await expect(shellLive(page)).not.toHaveText(/\d{2}:\d{2}/);
});

test('語音播放 plays the captcha as audio in zh-TW or English; a new captcha replaces it', async ({ page, request }) => {
  const p = person();
  await toEnrollForm(page, p);
  const play = button(page, '語音播放');
  await expect(play).toBeVisible();
  const [res] = await Promise.all([
    page.waitForResponse((r) => /\/api\/v1\/captchas\/[^/]+\/audio\?lang=zh-TW$/.test(r.url())),
    play.click(),
  ]);
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toBe('audio/wav');
  const firstUrl = res.url();
  // The browser can decode and play it: metadata loaded, no media error, a few seconds long.
  const player = page.locator('audio.captcha__player');
  await expect.poll(() => player.evaluate((a: HTMLAudioElement) => a.error === null && a.readyState >= 1 && a.duration))
    .toBeGreaterThan(4);
  // The fixed test code has 5 characters: ~0.3–0.6 s of speech and ~0.7 s of pause each.
  const duration = await player.evaluate((a: HTMLAudioElement) => a.duration);
  expect(duration).toBeLessThan(5 * 1.6 + 1);
  await expect(page.getByText('無法播放語音')).toHaveCount(0);
  // The WAV header a player relies on: RIFF/WAVE, PCM, and a data chunk the size of the rest.
  const wav = await (await request.get(firstUrl)).body();
  expect(wav.subarray(0, 4).toString()).toBe('RIFF');
  expect(wav.subarray(8, 12).toString()).toBe('WAVE');
  expect(wav.readUInt16LE(20)).toBe(1);
  expect(wav.readUInt32LE(40)).toBe(wav.length - 44);
  // The code is never on the page as text, and the audio URL does not carry it.
  expect(firstUrl).not.toContain('TEST1');
  await expect(page.locator('body')).not.toContainText('TEST1');

  const [en] = await Promise.all([
    page.waitForResponse((r) => /\/audio\?lang=en$/.test(r.url())),
    button(page, '以英語播放').click(),
  ]);
  expect(en.status()).toBe(200);

  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/captchas') && r.request().method() === 'POST'),
    button(page, '重新產生驗證碼').click(),
  ]);
  const [again] = await Promise.all([
    page.waitForResponse((r) => /\/audio\?lang=zh-TW$/.test(r.url())),
    button(page, '語音播放').click(),
  ]);
  expect(again.url()).not.toBe(firstUrl);
  // Listening three times did not use the captcha up: the form still goes through with it.
  await captchaField(page).fill('TEST1');
  await fillEnrollForm(page, p, { skip: ['驗證碼'] });
  await chooseComputer(page);
  await submitEnrollment(page);
});

test('input help: autocomplete tokens, numeric keyboards, hints tied to their fields', async ({ page }) => {
  const p = person();
  await toEnrollForm(page, p);
  await expect(field(page, '手機門號')).toHaveAttribute('autocomplete', 'tel-national');
  await expect(field(page, '姓名')).toHaveAttribute('autocomplete', 'name');
  for (const label of ['手機門號', '健保卡號', '出生日期']) {
    await expect(field(page, label)).toHaveAttribute('inputmode', 'numeric');
  }
  // ROC dates are not what `bday` autofill gives: no token, and the hint says why.
  await expect(field(page, '出生日期')).not.toHaveAttribute('autocomplete', /bday/);
  await expect(field(page, '出生日期')).toHaveAccessibleDescription(/0000101.*西元/);
  await expect(field(page, '手機門號')).toHaveAccessibleDescription(/09 開頭的 10 位數字/);
  await expect(field(page, '設定憑證密碼')).toHaveAttribute('autocomplete', 'new-password');
  // WCAG 2.2 3.3.8: the masked ID is the login's username, so password managers can fill it.
  await expect(field(page, '身分證號')).toHaveAttribute('autocomplete', 'username');
  // MODA GN1240103E / GN1240500E: the help links and the footer are navigation landmarks.
  await expect(page.getByRole('navigation', { name: '行動電話認證說明' }).getByRole('link')).toHaveCount(4);
  await expect(page.getByRole('navigation', { name: '說明與網站資訊' }).getByRole('link', { name: '無障礙聲明' })).toBeVisible();
  // The captcha's description points to the audio alternative.
  await expect(captchaField(page)).toHaveAccessibleDescription(/不分大小寫.*語音播放/);
  // An error names the fix and joins the hint in the field's description.
  await field(page, '出生日期').fill('123');
  await field(page, '姓名').focus();
  await expect(field(page, '出生日期')).toHaveAccessibleDescription(new RegExp(msg('birth_format').zh.slice(0, 12)));
  await expect(field(page, '出生日期')).toHaveAttribute('aria-invalid', 'true');
});

test('text spacing overrides (1.4.12) clip nothing', async ({ page }, info) => {
  // A same-origin stylesheet, so the page's CSP (style-src 'self') lets it in.
  await page.route('**/__text-spacing.css', (route) => route.fulfill({
    contentType: 'text/css',
    body: '* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }'
      + ' p { margin-bottom: 2em !important; }',
  }));
  const p = person();
  const check = async (state: string) => {
    await page.addStyleTag({ url: '/__text-spacing.css' });
    const clipped = await page.evaluate(() => Array.from(document.querySelectorAll<HTMLElement>('main *, header *'))
      .filter((el) => !el.closest('.visually-hidden, .notice-region, .table-wrap'))
      .filter((el) => {
        const s = getComputedStyle(el);
        const hides = (v: string) => v === 'hidden' || v === 'clip';
        return (hides(s.overflowX) && el.scrollWidth > el.clientWidth + 1)
          || (hides(s.overflowY) && el.scrollHeight > el.clientHeight + 1);
      })
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}`));
    expect(clipped, `${state}: clipped with larger text spacing`).toEqual([]);
    const original = page.viewportSize();
    await page.setViewportSize({ width: 320, height: 640 });
    await expectReflow(page, `${state} text spacing`, '320px', info, true);
    if (original) await page.setViewportSize(original);
  };
  await toEnrollForm(page, p);
  await check('step 1');
  await button(page, '送出').click();
  await expect(page.getByRole('link', { name: msg('mobile_required').zh })).toBeVisible();
  await check('step 2 with errors');
});

test('the 無障礙聲明 page: reachable from every screen, in both languages', async ({ page }) => {
  await openApp(page);
  await recordAnnouncements(page);
  await page.getByRole('link', { name: STATEMENT, exact: true }).click();
  await expectStepChange(page, STATEMENT);
  for (const h of ['遵循的標準', '測試範圍與方式', '已知限制', '回報問題']) {
    await expect(page.getByRole('heading', { name: h, exact: true })).toBeVisible();
  }
  await expect(page.getByText(/WCAG 2\.1 AA/).first()).toBeVisible();
  await expect(page.getByText(/網站無障礙規範/).first()).toBeVisible();
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
