// Field rules (issue 4 §3–4): each bad value gets its own message (crates/core/src/error.rs),
// the error summary links focus the field, nothing reaches the backend while a field is invalid,
// full-width input is accepted, and 清空輸入區 clears the form.
import { test, expect, type Page, type Request } from '@playwright/test';
import { person, residentCertificate, toFullWidth, withBadChecksum } from '../helpers/identity';
import { msg } from '../helpers/messages';
import {
  TITLES, button, captchaField, confirmBox, expectStep, field, fillEnrollForm, openApp, shown, submitId, toEnrollForm,
} from '../helpers/app';
import type { Devices } from '../helpers/devices';

/** The device projects this spec runs on (playwright.config.ts reads this line). */
export const runsOn: Devices = ['desktop'];

/** Records the API requests of a page whose path matches. */
function watch(page: Page, path: string): Request[] {
  const seen: Request[] = [];
  page.on('request', (r) => { if (new URL(r.url()).pathname.startsWith(`/api/v1/${path}`)) seen.push(r); });
  return seen;
}

test.describe('step 1: 身分證號', () => {
  const cases: [string, () => string, string][] = [
    ['empty', () => '', 'id_required'],
    ['too short', () => 'A12345', 'id_format'],
    ['third gender digit', () => 'A323456789', 'id_format'],
    ['wrong check digit', () => withBadChecksum(person().nationalId), 'id_checksum'],
    ['resident certificate (A8…)', residentCertificate, 'id_not_citizen'],
    ['old resident certificate (AB…)', () => 'AB12345678', 'id_not_citizen'],
  ];
  for (const [what, value, code] of cases) {
    test(`${what} → ${code}, and no ID check is sent`, async ({ page }) => {
      const idChecks = watch(page, 'id-check');
      await openApp(page);
      await submitId(page, value());
      await expect(shown(page, msg(code).zh)).toBeVisible();
      await expect(field(page, '身分證號')).toHaveAttribute('aria-invalid', 'true');
      expect(idChecks).toHaveLength(0);
    });
  }

  test('限本國自然人使用 is said for a resident certificate number', async ({ page }) => {
    await openApp(page);
    await submitId(page, residentCertificate());
    await expect(shown(page, '限本國自然人使用')).toBeVisible();
  });

  test('full-width and lower-case input is accepted', async ({ page }) => {
    const p = person();
    await openApp(page);
    await submitId(page, toFullWidth(p.nationalId.toLowerCase()));
    await expectStep(page, TITLES.enroll);
    await expect(field(page, '身分證號')).toHaveValue(p.nationalId);
  });
});

test.describe('step 2: the enrollment form', () => {
  const cases: [string, string, string, string][] = [
    ['手機門號', 'not starting with 09', '0812345678', 'mobile_format'],
    ['手機門號', 'too short', '091234567', 'mobile_format'],
    ['健保卡號', 'too short', '12345', 'nhi_format'],
    ['出生日期', '29 Feb of a common year', '0880229', 'birth_invalid'],
    ['出生日期', 'month 13', '0801301', 'birth_invalid'],
    ['出生日期', 'six digits', '800101', 'birth_format'],
    ['出生日期', 'in the future', '1991231', 'birth_future'],
    ['姓名', 'symbols', '王<小明>', 'name_chars'],
    ['設定憑證密碼', 'short', 'ab123', 'password_length'],
    ['設定憑證密碼', 'long', 'abcdefghij12345', 'password_length'],
    ['設定憑證密碼', 'symbols', 'abc123!@', 'password_chars'],
    ['設定憑證密碼', 'letters only', 'abcdefgh', 'password_mix'],
  ];
  for (const [label, what, value, code] of cases) {
    test(`${label}: ${what} (${value}) → ${code}; nothing is sent`, async ({ page }) => {
      const applications = watch(page, 'applications');
      const p = person();
      await toEnrollForm(page, p);
      await fillEnrollForm(page, p, label === '設定憑證密碼' ? { passwordConfirm: value } : {});
      await field(page, label).fill(value);
      await field(page, label).blur();
      // Inline, on blur.
      await expect(shown(page, msg(code).zh)).toBeVisible();
      await button(page, '送出').click();
      // The summary links to the field; following it puts the cursor there.
      const link = page.getByRole('link', { name: msg(code).zh });
      await expect(link).toBeVisible();
      await link.click();
      await expect(field(page, label)).toBeFocused();
      await expect(field(page, label)).toHaveAttribute('aria-invalid', 'true');
      expect(applications).toHaveLength(0);
    });
  }

  test('mismatched confirmation → password_mismatch; nothing is sent', async ({ page }) => {
    const applications = watch(page, 'applications');
    const p = person();
    await toEnrollForm(page, p);
    await fillEnrollForm(page, p, { passwordConfirm: p.password + 'x' });
    await button(page, '送出').click();
    await page.getByRole('link', { name: msg('password_mismatch').zh }).click();
    await expect(field(page, '確認憑證密碼')).toBeFocused();
    expect(applications).toHaveLength(0);
  });

  test('an empty submit lists every field in the summary, which takes the focus', async ({ page }) => {
    const applications = watch(page, 'applications');
    await toEnrollForm(page, person());
    await button(page, '送出').click();
    const expected: [string, string][] = [
      ['carrier_required', '電信業者'],
      ['mobile_required', '手機門號'],
      ['nhi_required', '健保卡號'],
      ['birth_required', '出生日期'],
      ['name_required', '姓名'],
      ['captcha_required', ''],
      ['password_required', '設定憑證密碼'],
      ['password_confirm_required', '確認憑證密碼'],
    ];
    for (const [code] of expected) await expect(page.getByRole('link', { name: msg(code).zh })).toBeVisible();
    await expect(page.getByRole('link', { name: msg('confirm_required').zh })).toBeVisible();
    // Focus moves to the summary (GOV.UK pattern): the focused element contains the first link.
    await expect(page.locator(':focus')).toContainText(msg('carrier_required').zh);
    for (const [code, label] of expected) {
      await page.getByRole('link', { name: msg(code).zh }).click();
      await expect(label ? field(page, label) : captchaField(page)).toBeFocused();
    }
    await page.getByRole('link', { name: msg('confirm_required').zh }).click();
    await expect(confirmBox(page)).toBeFocused();
    expect(applications).toHaveLength(0);
  });

  test('the date of birth is echoed in the western calendar once valid', async ({ page }) => {
    await toEnrollForm(page, person());
    await field(page, '出生日期').fill('0800101');
    await field(page, '出生日期').blur();
    await expect(page.getByText(/1991/).first()).toBeVisible();
  });

  test('full-width mobile, NHI and date are accepted and the application goes through', async ({ page }) => {
    const p = person();
    await toEnrollForm(page, p);
    await fillEnrollForm(page, p);
    await field(page, '手機門號').fill(toFullWidth(p.mobile));
    await field(page, '健保卡號').fill(toFullWidth(p.nhiCard));
    await field(page, '出生日期').fill(toFullWidth(p.birthDate));
    await button(page, '送出').click();
    await expectStep(page, TITLES.qr);
  });

  test('a wrong captcha is refused by the backend; a new picture, the data kept, then it passes', async ({ page }) => {
    const p = person();
    await toEnrollForm(page, p);
    await fillEnrollForm(page, p, { captcha: 'WRONG' });
    await button(page, '送出').click();
    await expect(shown(page, msg('captcha_wrong').zh)).toBeVisible();
    await expect(field(page, '手機門號')).toHaveValue(p.mobile);
    await expect(field(page, '姓名')).toHaveValue(p.name);
    await captchaField(page).fill('test1'); // 不分大小寫
    await button(page, '送出').click();
    await expectStep(page, TITLES.qr);
  });

  test('送出 pressed while the new picture is still coming: what was typed is kept and sent when it comes', async ({ page }) => {
    const p = person();
    await toEnrollForm(page, p);
    await fillEnrollForm(page, p, { captcha: 'WRONG' });
    // The picture after the refusal takes a moment (a slow connection).
    await page.route('**/api/v1/captchas', async (route) => {
      await new Promise((r) => setTimeout(r, 1500));
      await route.continue();
    });
    await button(page, '送出').click();
    await expect(shown(page, msg('captcha_wrong').zh)).toBeVisible();
    await captchaField(page).fill('test1');
    await button(page, '送出').click();
    await expectStep(page, TITLES.qr);
  });

  test('清空輸入區 clears everything typed', async ({ page }) => {
    const p = person();
    await toEnrollForm(page, p);
    await fillEnrollForm(page, p);
    await button(page, '清空輸入區').click();
    for (const label of ['手機門號', '健保卡號', '出生日期', '姓名', '設定憑證密碼', '確認憑證密碼']) {
      await expect(field(page, label)).toHaveValue('');
    }
    await expect(captchaField(page)).toHaveValue('');
    await expect(confirmBox(page)).not.toBeChecked();
    await expect(field(page, '電信業者').locator('option:checked')).toHaveText('請選擇');
  });
});

test('a name typed as letters and combining marks is the same name: accepted, and enrolled as NFC', async ({ page }) => {
  const p = { ...person(), name: 'Nguye\u0302\u0303n Van' };
  await toEnrollForm(page, p);
  await fillEnrollForm(page, p);
  await field(page, '手機門號').focus();
  await expect(shown(page, msg('name_chars').zh)).toHaveCount(0);
  const sent: string[] = [];
  page.on('request', (r) => { if (r.url().endsWith('/api/v1/applications')) sent.push(r.postDataJSON().name); });
  await button(page, '送出').click();
  await expectStep(page, TITLES.qr);
  expect(sent).toEqual(['Nguy\u1ec5n Van']);
});
