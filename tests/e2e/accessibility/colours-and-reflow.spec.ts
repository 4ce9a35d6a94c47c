// Every screen as people with low vision or other settings meet it (WCAG 2.1 AA beyond a single
// axe pass): axe in light, dark and forced colours; reflow at 320 CSS px and at 400% zoom; text
// spacing (1.4.12); and on each step change the focus, the page title and the announcement. The
// desktop takes the QR path, phones the direct path.
import { type Page, type TestInfo } from '@playwright/test';
import { test, expect } from '../helpers/fixtures';
import { person, type Person } from '../helpers/identity';
import { msg } from '../helpers/messages';
import { STATEMENT, SITE, expectNoAxeViolations as scan, expectStepChange, recordAnnouncements } from '../helpers/a11y';
import {
  TITLES, agreeAndStart, button, expectMaskedSummary, fillEnrollForm, fillLogin, openApp, openOnPhone,
  readNoticeToEnd, shown, submitEnrollment, submitId, toEnrollForm,
} from '../helpers/app';
import { decodeQrFromScreen } from '../helpers/qr';
import type { Devices } from '../helpers/devices';

/** The device projects this spec runs on (playwright.config.ts reads this line). */
export const runsOn: Devices = ['desktop', 'phone-pixel'];

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
      if (el.closest('.visually-hidden, .skip-link, .guide-tile, .table-wrap')) continue;
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

// Two tests (the enrollment's screens; the return login's), so that on a slow machine neither
// runs near its time limit and the two share the workers.
test('every screen of the enrollment in light, dark and forced colours, at 320 px and 400% zoom, with focus and announcements', async ({ page, browser }, info) => {
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
});

test('the return login in light, dark and forced colours, at 320 px and 400% zoom, with focus and announcements', async ({ page, enrolled: p }, info) => {
  test.setTimeout(120_000);
  await recordAnnouncements(page);
  await readNoticeToEnd(page);
  await button(page, '開始使用').click();
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
