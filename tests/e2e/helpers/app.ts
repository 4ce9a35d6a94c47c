// The user's actions on each screen, written once with the manual's zh-TW labels (issue 4).
import { expect, devices, type Browser, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { CAPTCHA } from './env';
import type { Person } from './identity';
import { decodeQrFromScreen } from './qr';

/** Step headings (crates/core/src/flow.rs `Step::title`, zh-TW). */
export const TITLES = {
  enroll: '限定本人持有的手機門號資料',
  qr: '使用手機掃QRcode',
  phoneVerify: '核對資料並開始驗證',
  phoneDone: '請回到您的電腦確認認證結果',
  welcome: '成功登入',
  login: '請輸入以下欄位',
  home: '查詢服務',
} as const;

export function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A form field by its label, exactly (a show/hide toggle "顯示身分證號" must not match). */
export function field(page: Page, label: string): Locator {
  return page.getByLabel(label, { exact: true });
}

export function captchaField(page: Page): Locator {
  return page.getByLabel(/請輸入下圖中的字/);
}

export function button(page: Page, name: string): Locator {
  return page.getByRole('button', { name, exact: true });
}

export function stepHeading(page: Page, title: string): Locator {
  return page.getByRole('heading', { name: new RegExp(escapeRe(title)) });
}

/** Waits until the step with this title is shown. */
export async function expectStep(page: Page, title: string, timeout?: number): Promise<void> {
  await expect(stepHeading(page, title)).toBeVisible({ timeout });
}

/** The text a user reads, anywhere on the page (first occurrence: inline and summary may repeat it). */
export function shown(page: Page, text: string): Locator {
  return page.getByText(text, { exact: false }).first();
}

export const confirmBox = (page: Page) =>
  page.getByRole('checkbox', { name: '確認為本人且本國自然人持有月租型門號' });
export const termsBox = (page: Page) =>
  page.getByRole('checkbox', { name: /我已閱讀並同意\s*使用者約定條款/ });

/** Step 1: the app's start page with the 行動電話認證 tab and the 身分證號 field. */
export async function openApp(page: Page, base = ''): Promise<void> {
  await page.goto(base + '/');
  // index.html's static copy of step 1 shows at once; the app is downloaded when the user starts
  // using the page, and takes its place (public/boot.js, src/boot_shell.rs).
  await expect(field(page, '身分證號')).toBeVisible();
}

export async function submitId(page: Page, id: string): Promise<void> {
  await field(page, '身分證號').fill(id);
  await button(page, '驗證').click();
}

/** Step 1 → step 2 for an ID this browser has no binding for. */
export async function toEnrollForm(page: Page, p: Person, base = ''): Promise<void> {
  await openApp(page, base);
  await submitId(page, p.nationalId);
  await expectStep(page, TITLES.enroll);
}

export interface FillOptions {
  /** Tablets only: 裝置有無SIM卡. */
  hasSim?: boolean;
  captcha?: string;
  passwordConfirm?: string;
  /** Labels to leave untouched. */
  skip?: string[];
}

/** Fills every step-2 field (the ID is kept from step 1). */
export async function fillEnrollForm(page: Page, p: Person, o: FillOptions = {}): Promise<void> {
  const skip = new Set(o.skip ?? []);
  if (!skip.has('電信業者')) await field(page, '電信業者').selectOption({ label: p.carrier });
  if (!skip.has('手機門號')) await field(page, '手機門號').fill(p.mobile);
  if (!skip.has('健保卡號')) await field(page, '健保卡號').fill(p.nhiCard);
  if (!skip.has('出生日期')) await field(page, '出生日期').fill(p.birthDate);
  if (!skip.has('姓名')) await field(page, '姓名').fill(p.name);
  if (!skip.has('確認')) await confirmBox(page).check();
  if (o.hasSim !== undefined) {
    await page.getByRole('radio', { name: o.hasSim ? '有' : '無', exact: true }).check();
  }
  if (!skip.has('驗證碼')) await captchaField(page).fill(o.captcha ?? CAPTCHA);
  if (!skip.has('設定憑證密碼')) await field(page, '設定憑證密碼').fill(p.password);
  if (!skip.has('確認憑證密碼')) await field(page, '確認憑證密碼').fill(o.passwordConfirm ?? p.password);
}

/** The values the step-2 form shows, to prove nothing typed was lost. */
export async function expectEnrollValues(page: Page, p: Person, o: { captcha?: boolean } = {}): Promise<void> {
  await expect(field(page, '身分證號')).toHaveValue(p.nationalId);
  await expect(field(page, '電信業者').locator('option:checked')).toHaveText(p.carrier);
  await expect(field(page, '手機門號')).toHaveValue(p.mobile);
  await expect(field(page, '健保卡號')).toHaveValue(p.nhiCard);
  await expect(field(page, '出生日期')).toHaveValue(p.birthDate);
  await expect(field(page, '姓名')).toHaveValue(p.name);
  await expect(confirmBox(page)).toBeChecked();
  await expect(field(page, '設定憑證密碼')).toHaveValue(p.password);
  await expect(field(page, '確認憑證密碼')).toHaveValue(p.password);
  if (o.captcha) await expect(captchaField(page)).toHaveValue(CAPTCHA);
}

/** Step 2 → the QR screen or (phones) step 5 on this device; answers which. */
export async function submitEnrollment(page: Page): Promise<'qr' | 'direct'> {
  await button(page, '送出').click();
  const qr = stepHeading(page, TITLES.qr);
  await expect(qr.or(stepHeading(page, TITLES.phoneVerify))).toBeVisible();
  return (await qr.isVisible()) ? 'qr' : 'direct';
}

/** Makes this browser take the QR path whatever device it is (the 裝置類型 correction). */
export async function chooseComputer(page: Page) {
  await page.getByLabel('裝置類型不正確？請選擇').selectOption('desktop');
}

/** Step 1 → step 4 on a desktop: the QR screen. */
export async function enrollToQr(page: Page, p: Person, base = ''): Promise<void> {
  await toEnrollForm(page, p, base);
  await fillEnrollForm(page, p);
  await button(page, '送出').click();
  await expectStep(page, TITLES.qr);
  await expect(page.getByText(/驗證有效時間：\s*\d{1,2}:\d{2}/)).toBeVisible();
}

export interface PhoneSide { context: BrowserContext; page: Page }

/** Opens a URL in a second browser context that is an iPhone (in Chromium). */
export async function openOnPhone(browser: Browser, url: string, prepare?: (page: Page) => Promise<void>): Promise<PhoneSide> {
  const { defaultBrowserType: _ignored, ...iphone } = devices['iPhone 13'];
  const context = await browser.newContext({ ...iphone, locale: 'zh-TW', timezoneId: 'Asia/Taipei' });
  const page = await context.newPage();
  if (prepare) await prepare(page);
  await page.goto(url);
  return { context, page };
}

/** Step 5 summary, masked as the manual shows it. */
export async function expectMaskedSummary(page: Page, p: Person): Promise<void> {
  await expectStep(page, TITLES.phoneVerify);
  await expect(page.getByText('門號資訊', { exact: true })).toBeVisible();
  await expect(page.getByText(`09■■■■■■${p.mobile.slice(-2)}`, { exact: true })).toBeVisible();
  await expect(page.getByText('身分證號', { exact: true })).toBeVisible();
  await expect(page.getByText(`${p.nationalId.slice(0, 2)}■■■■■■■■`, { exact: true })).toBeVisible();
  await expect(page.getByText('行動電話驗證', { exact: true })).toBeVisible();
  await expect(page.getByText(p.carrier, { exact: true })).toBeVisible();
  // Nothing unmasked leaks to the phone.
  await expect(page.getByText(p.mobile)).toHaveCount(0);
  await expect(page.getByText(p.nationalId)).toHaveCount(0);
}

/** Step 5: agree to the terms and press 開始驗證 (enabled only once agreed). */
export async function agreeAndStart(page: Page): Promise<void> {
  const start = button(page, '開始驗證');
  await expect(start).toBeDisabled();
  await termsBox(page).check();
  await expect(start).toBeEnabled();
  await start.click();
}

/** Step 6: reads the notice to its end with the mouse wheel; 開始使用 becomes enabled. */
export async function readNoticeToEnd(page: Page): Promise<void> {
  const start = button(page, '開始使用');
  await expect(start).toBeVisible();
  const notice = noticeRegion(page);
  if (await notice.count()) await notice.hover();
  await expect(async () => {
    await page.mouse.wheel(0, 800);
    await expect(start).toBeEnabled({ timeout: 250 });
  }).toPass({ timeout: 20_000 });
}

/** The step-6 notice that must be read to its end (a focusable scrolling region). */
export function noticeRegion(page: Page): Locator {
  return page.getByRole('region', { name: /須知|注意事項|公告|說明/ });
}

/** Step 6 → home. */
export async function startUsing(page: Page): Promise<void> {
  await expectStep(page, TITLES.welcome, 30_000);
  await readNoticeToEnd(page);
  await button(page, '開始使用').click();
  await expectStep(page, TITLES.home);
}

/** On the phone: the masked summary is right, agree to the terms, 開始驗證, and be sent back
 * to the computer (the QR path's end on the phone). */
export async function verifyOnPhone(phonePage: Page, p: Person): Promise<void> {
  await expectMaskedSummary(phonePage, p);
  await agreeAndStart(phonePage);
  await expectStep(phonePage, TITLES.phoneDone);
}

export interface QrPhoneOptions {
  /** The link the phone opens; by default the QR code read from the desktop's screen. */
  url?: string;
  /** Run on the phone's page before it opens the link (e.g. to record CSP violations). */
  prepare?: (page: Page) => Promise<void>;
}

/**
 * From the QR screen (步驟4) on: a phone opens the link and verifies (`verifyOnPhone`), and the
 * desktop, untouched, moves on to 步驟6 by itself.
 */
export async function verifyQrOnPhone(browser: Browser, page: Page, p: Person, o: QrPhoneOptions = {}): Promise<void> {
  const phone = await openOnPhone(browser, o.url ?? await decodeQrFromScreen(page), o.prepare);
  try {
    await verifyOnPhone(phone.page, p);
  } finally {
    await phone.context.close();
  }
  await expectStep(page, TITLES.welcome, 30_000);
}

/**
 * The whole two-device enrollment from a desktop page: returns once the desktop shows 步驟6.
 * The QR is read from the screen, as a phone camera would.
 */
export async function enrollViaQr(browser: Browser, page: Page, p: Person): Promise<void> {
  await enrollToQr(page, p);
  await verifyQrOnPhone(browser, page, p);
}

/** The direct path on a phone itself (步驟3 → 步驟5 → 步驟6): returns once it shows 步驟6. */
export async function enrollDirect(page: Page, p: Person): Promise<void> {
  await toEnrollForm(page, p);
  await fillEnrollForm(page, p);
  await button(page, '送出').click();
  await expectMaskedSummary(page, p);
  await agreeAndStart(page);
  await expectStep(page, TITLES.welcome, 30_000);
}

/** 登出, and step 1 is shown again. */
export async function logOut(page: Page): Promise<void> {
  await button(page, '登出').click();
  await expect(field(page, '身分證號')).toBeVisible();
}

/** Step 7: the four-field login of a bound browser. */
export async function fillLogin(page: Page, p: Person, password = p.password): Promise<void> {
  await expectStep(page, TITLES.login);
  await expect(field(page, '憑證密碼')).toBeVisible();
  await field(page, '身分證號').fill(p.nationalId);
  await field(page, '出生日期').fill(p.birthDate);
  await field(page, '姓名').fill(p.name);
  await field(page, '憑證密碼').fill(password);
}
