// The binding survives, and its loss is explained (issue 19). Each way a binding goes missing is
// produced in a real browser — IndexedDB cleared alone, localStorage cleared alone, the same ID
// enrolled again from another browser — and must lead to its own message, with the ID kept and
// 重新申請行動電話認證 working. After enrollment the browser is asked once to keep the site's
// data, and its answer is shown; iOS Safari is offered the home screen.
import { devices, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { test, expect } from '../helpers/fixtures';
import { person, type Person } from '../helpers/identity';
import { text } from '../helpers/messages';
import {
  TITLES, button, enrollDirect, enrollToQr, expectStep, field, fillEnrollForm, fillLogin, logOut, openApp,
  startUsing, submitId, toEnrollForm, verifyQrOnPhone,
} from '../helpers/app';
import type { Devices } from '../helpers/devices';

/** The device projects this spec runs on (playwright.config.ts reads this line). */
export const runsOn: Devices = ['desktop'];

/** The UI strings exactly as src/i18n.rs has them (zh-TW, English), as the build printed them. */
const t = text;

const lostPanel = (page: Page) => page.locator('#binding-lost');
const reapply = (page: Page) => button(page, t('ReapplyBinding').zh);

/** Deletes the app's IndexedDB database (the keys) and nothing else. */
async function clearIndexedDb(page: Page): Promise<void> {
  await page.evaluate(() => new Promise<void>((resolve, reject) => {
    const req = indexedDB.deleteDatabase('mobile-auth');
    req.onsuccess = () => resolve();
    req.onerror = () => reject(req.error);
    req.onblocked = () => reject(new Error('deleteDatabase blocked'));
  }));
}

/** How many entries the key store holds (keys and the bound mark). */
async function keyStoreSize(page: Page): Promise<number> {
  return page.evaluate(() => new Promise<number>((resolve, reject) => {
    const open = indexedDB.open('mobile-auth');
    open.onupgradeneeded = () => open.result.createObjectStore('device-keys');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const req = db.transaction('device-keys').objectStore('device-keys').count();
      req.onsuccess = () => { db.close(); resolve(req.result); };
      req.onerror = () => reject(req.error);
    };
  }));
}

const boundKeyId = (page: Page) => page.evaluate(() => localStorage.getItem('mobile-auth.bound_key_id'));

/** Step 1 says what happened, keeps the ID, and focuses the message. */
async function expectLoss(page: Page, p: Person, title: string, body: string): Promise<void> {
  await submitId(page, p.nationalId);
  await expect(lostPanel(page)).toBeVisible();
  await expect(lostPanel(page).getByRole('heading', { name: title })).toBeVisible();
  await expect(lostPanel(page)).toContainText(body);
  await expect(lostPanel(page)).toContainText(t('BindingFix').zh);
  await expect(lostPanel(page)).toBeFocused();
  await expect(field(page, '身分證號')).toHaveValue(p.nationalId);
  await expect(page.getByRole('heading', { name: TITLES.enroll })).toHaveCount(0);
}

/** 重新申請行動電話認證 → step 2 with the ID kept → the QR path → 步驟6. */
async function applyAgain(browser: Browser, page: Page, p: Person): Promise<void> {
  await reapply(page).click();
  await expectStep(page, TITLES.enroll);
  await expect(field(page, '身分證號')).toHaveValue(p.nationalId);
  await fillEnrollForm(page, p);
  await button(page, '送出').click();
  await expectStep(page, TITLES.qr);
  await verifyQrOnPhone(browser, page, p);
}

/** The four-field login works again in this browser. */
async function expectLoginWorks(page: Page, p: Person): Promise<void> {
  await openApp(page);
  await submitId(page, p.nationalId);
  await fillLogin(page, p);
  await button(page, '送出').click();
  await expectStep(page, TITLES.welcome);
}

test('a first visit goes to the enrollment form without any word of a lost binding', async ({ page }) => {
  const p = person();
  await toEnrollForm(page, p);
  await expect(lostPanel(page)).toHaveCount(0);
  await expect(page.getByText(t('BindingLostTitle').zh)).toHaveCount(0);
});

test('a browser that names no bound key sends the ID check at once, without waiting for IndexedDB', async ({ page }) => {
  // IndexedDB held back by 3 s (each open's success comes late): the ID check's request carries
  // no key id here whatever IndexedDB holds, so it must not wait for it (issue 27: an open costs a
  // phone 40-60 ms on the way to step 2).
  await page.addInitScript(() => {
    const open = IDBFactory.prototype.open;
    IDBFactory.prototype.open = function (...args: [string, number?]) {
      const req = open.apply(this, args);
      let handler: ((e: Event) => void) | null = null;
      req.addEventListener('success', (e) => { setTimeout(() => handler?.call(req, e), 3000); });
      Object.defineProperty(req, 'onsuccess', { get: () => handler, set: (f) => { handler = f; } });
      return req;
    };
  });
  const p = person();
  await openApp(page);
  // Let the app start first: its download is not what is measured.
  await field(page, '身分證號').fill(p.nationalId);
  await page.waitForFunction(() => !document.getElementById('boot-shell'));
  const sent = page.waitForRequest((r) => r.url().endsWith('/id-check'));
  const pressed = Date.now();
  await button(page, '驗證').click();
  await sent;
  expect(Date.now() - pressed, 'ms from 驗證 until the ID check left').toBeLessThan(1500);
  // The binding is still read before anything is decided: step 2, once IndexedDB has answered.
  await expectStep(page, TITLES.enroll);
  await expect(lostPanel(page)).toHaveCount(0);
});

test('驗證\'s request leaves in the press\'s own handler, before the app re-renders anything', async ({ page }) => {
  // Spawned as a task, the request waited behind the effects the press woke (the busy button,
  // the errors, the saved form): a re-render at a phone's speed before the one round trip. So
  // when the request leaves, 驗證 is not yet shown busy (disabled) — the first of those effects.
  await page.addInitScript(() => {
    const w = window as unknown as { __verifyBusyWhenSent?: boolean };
    const fetch = window.fetch;
    window.fetch = function (input: RequestInfo | URL, init?: RequestInit) {
      const url = input instanceof Request ? input.url : String(input);
      if (url.endsWith('/id-check')) {
        const verify = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === '驗證');
        w.__verifyBusyWhenSent = verify?.disabled;
      }
      return fetch.call(this, input, init);
    };
  });
  await openApp(page);
  await field(page, '身分證號').fill(person().nationalId);
  await page.waitForFunction(() => !document.getElementById('boot-shell'));
  await button(page, '驗證').click();
  await expectStep(page, TITLES.enroll);
  expect(await page.evaluate(() => (window as unknown as { __verifyBusyWhenSent?: boolean }).__verifyBusyWhenSent)).toBe(false);
});

test('IndexedDB cleared alone: the id without its key is named and removed; later the trace is named; applying again works', async ({ page, browser, enrolled: p }) => {
  await startUsing(page);
  await logOut(page);
  await clearIndexedDb(page);

  await openApp(page);
  await expectLoss(page, p, t('BindingLostTitle').zh, t('BindingKeyDeleted').zh);
  expect(await boundKeyId(page), 'the id whose key is gone is removed').toBeNull();

  // Next visit: only the remembered enrollment is left, and it is still explained.
  await openApp(page);
  await expectLoss(page, p, t('BindingLostTitle').zh, t('BindingCleared').zh);

  // Editing the ID hides the message (it was about the ID checked); 驗證 brings it back.
  await field(page, '身分證號').fill(p.nationalId.slice(0, 9));
  await expect(lostPanel(page)).toHaveCount(0);
  await expectLoss(page, p, t('BindingLostTitle').zh, t('BindingCleared').zh);

  await applyAgain(browser, page, p);
  await startUsing(page);
  await logOut(page);
  await expectLoginWorks(page, p);
});

test('localStorage cleared alone: the key without its id is named and removed; applying again works', async ({ page, browser, enrolled: p }) => {
  await startUsing(page);
  await logOut(page);
  expect(await keyStoreSize(page)).toBe(2); // the key and the mark naming it
  await page.evaluate(() => localStorage.clear());

  await openApp(page);
  await expectLoss(page, p, t('BindingLostTitle').zh, t('BindingIdDeleted').zh);
  expect(await keyStoreSize(page), 'the key whose id is gone is removed').toBe(0);

  await applyAgain(browser, page, p);
  await startUsing(page);
  await logOut(page);
  await expectLoginWorks(page, p);
});

test('enrolled again from another browser: the old binding is named as not recognised, kept, and applying again works', async ({ page, browser, enrolled: p, enroll }) => {
  await startUsing(page);
  await logOut(page);
  const keyBefore = await boundKeyId(page);

  const other = await browser.newContext();
  try {
    await enroll(await other.newPage(), p);
  } finally {
    await other.close();
  }

  await openApp(page);
  await expectLoss(page, p, t('BindingNotRecognisedTitle').zh, t('BindingNotRecognised').zh);
  // Not removed: a key the backend does not bind to this ID may be bound to another one.
  expect(await boundKeyId(page)).toBe(keyBefore);
  expect(await keyStoreSize(page)).toBe(2);

  // The same message in English.
  await page.getByRole('button', { name: /English/ }).or(page.getByRole('link', { name: /English/ })).first().click();
  await expect(lostPanel(page).getByRole('heading', { name: t('BindingNotRecognisedTitle').en })).toBeVisible();
  await expect(button(page, t('ReapplyBinding').en)).toBeVisible();
  await page.getByRole('button', { name: /中文/ }).or(page.getByRole('link', { name: /中文/ })).first().click();

  await applyAgain(browser, page, p);
  await startUsing(page);
  expect(await boundKeyId(page)).not.toBe(keyBefore);
  expect(await keyStoreSize(page), 'the replaced key is deleted').toBe(2);
  await logOut(page);
  await expectLoginWorks(page, p);
});

/** Replaces navigator.storage.persist with one that answers `granted` and counts its calls. */
async function stubPersist(context: BrowserContext, granted: boolean): Promise<() => number> {
  let calls = 0;
  await context.exposeBinding('__persistCalled', () => { calls += 1; });
  await context.addInitScript((answer: boolean) => {
    const w = window as unknown as { __persistCalled: () => Promise<void> };
    Object.defineProperty(StorageManager.prototype, 'persist', {
      configurable: true,
      value: async () => { await w.__persistCalled(); return answer; },
    });
  }, granted);
  return () => calls;
}

for (const granted of [true, false]) {
  test(`persistence is requested once after enrollment and its answer is shown (${granted ? 'granted' : 'denied'})`, async ({ page, browser }) => {
    const calls = await stubPersist(page.context(), granted);
    const p = person();
    await enrollToQr(page, p);
    expect(calls(), 'not asked before the enrollment succeeds').toBe(0);
    await verifyQrOnPhone(browser, page, p);
    await expect.poll(calls, { message: 'asked once, on the enrolled browser' }).toBe(1);
    await startUsing(page);

    const said = granted ? t('BindingKept') : t('BindingMayBeCleared');
    const section = page.getByRole('region', { name: t('BindingHeading').zh });
    await expect(section).toContainText(said.zh);
    expect(calls()).toBe(1);
    expect(await page.evaluate(() => localStorage.getItem('mobile-auth.storage_persistence')))
      .toBe(granted ? 'granted' : 'denied');
    // A desktop Chrome is not offered the home screen.
    await expect(page.getByRole('heading', { name: t('HomeScreenTitle').zh })).toHaveCount(0);

    // A later login shows the recorded answer without asking again.
    await logOut(page);
    await expectLoginWorks(page, p);
    await startUsing(page);
    await expect(section).toContainText(said.zh);
    expect(calls()).toBe(1);
  });
}

/** An iPhone (Safari's UA, in Chromium); `standalone` as if opened from the home screen. */
async function iphone(browser: Browser, standalone = false): Promise<BrowserContext> {
  const { defaultBrowserType: _ignored, ...descriptor } = devices['iPhone 13'];
  const context = await browser.newContext({ ...descriptor, locale: 'zh-TW', timezoneId: 'Asia/Taipei' });
  if (standalone) {
    await context.addInitScript(() => {
      Object.defineProperty(Navigator.prototype, 'standalone', { configurable: true, get: () => true });
    });
  }
  return context;
}

/** The direct path on the phone itself, to the home page. */
async function enrollOnPhone(page: Page, p: Person): Promise<void> {
  await enrollDirect(page, p);
  await startUsing(page);
}

test('iOS Safari is offered the home screen after enrollment, with the reason, until dismissed', async ({ browser }) => {
  const context = await iphone(browser);
  try {
    const page = await context.newPage();
    const p = person();
    await enrollOnPhone(page, p);
    const offer = page.getByRole('region', { name: t('HomeScreenTitle').zh });
    await expect(offer).toBeVisible();
    for (const key of ['HomeScreenWhy', 'HomeScreenHow', 'HomeScreenOnce']) {
      await expect(offer).toContainText(t(key).zh);
    }
    // The outlook names Safari's 7-day rule, whatever the persistence answer.
    await expect(page.getByRole('region', { name: t('BindingHeading').zh })).toContainText(t('BindingSafari').zh);

    await button(page, t('HomeScreenDismiss').zh).click();
    await expect(offer).toHaveCount(0);
    await expect(page.getByRole('heading', { name: '查詢功能' })).toBeFocused();
    expect(await page.evaluate(() => localStorage.getItem('mobile-auth.home_screen_offer'))).toBe('dismissed');

    // Not shown again: not after a reload, not after the next login.
    await page.reload();
    await expectStep(page, TITLES.home);
    await expect(offer).toHaveCount(0);
    await logOut(page);
    await expectLoginWorks(page, p);
    await startUsing(page);
    await expect(offer).toHaveCount(0);
  } finally {
    await context.close();
  }
});

test('iOS opened from the home screen is not offered it', async ({ browser }) => {
  const context = await iphone(browser, true);
  try {
    const page = await context.newPage();
    await enrollOnPhone(page, person());
    await expect(page.getByRole('heading', { name: TITLES.home })).toBeVisible();
    await expect(page.getByRole('heading', { name: t('HomeScreenTitle').zh })).toHaveCount(0);
    await expect(page.getByText(t('BindingSafari').zh)).toHaveCount(0);
  } finally {
    await context.close();
  }
});
