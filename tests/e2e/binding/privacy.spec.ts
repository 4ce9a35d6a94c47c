// What a shared office desktop keeps (issue 14): while a form is being filled the browser keeps
// what a reload needs, never a password; once the flow has ended (enrolled, logged in, 登出,
// back at step 1) web storage and IndexedDB hold nothing personal: only the device key and its id.
import { test, expect, type Page } from '@playwright/test';
import { person, type Person } from '../helpers/identity';
import {
  TITLES, button, expectStep, field, fillEnrollForm, fillLogin, openApp, openOnPhone, startUsing, submitId,
  toEnrollForm, verifyOnPhone,
} from '../helpers/app';
import { decodeQrFromScreen } from '../helpers/qr';
import type { Devices } from '../helpers/devices';

/** The device projects this spec runs on (playwright.config.ts reads this line). */
export const runsOn: Devices = ['desktop'];

/** Everything this origin's scripts can read back: sessionStorage, localStorage, IndexedDB. */
async function browserStorage(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const out: string[] = [];
    for (const store of [sessionStorage, localStorage]) {
      for (let i = 0; i < store.length; i++) {
        const key = store.key(i) ?? '';
        out.push(`${key}=${store.getItem(key)}`);
      }
    }
    for (const info of await indexedDB.databases()) {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open(info.name ?? '');
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      for (const name of Array.from(db.objectStoreNames)) {
        const rows = await new Promise<unknown[]>((resolve, reject) => {
          const req = db.transaction(name).objectStore(name).getAll();
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
        });
        const keys = await new Promise<unknown[]>((resolve, reject) => {
          const req = db.transaction(name).objectStore(name).getAllKeys();
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
        });
        // A CryptoKey serialises to its public description only (non-extractable).
        const describe = (v: unknown) => v instanceof CryptoKey
          ? `CryptoKey(${v.type},${v.extractable})`
          : JSON.stringify(v, (_k, x) => (x instanceof CryptoKey ? `CryptoKey(${x.type},${x.extractable})` : x));
        out.push(`${info.name}/${name}: ${keys.map(describe).join(',')} ${rows.map(describe).join(',')}`);
      }
      db.close();
    }
    return out.join('\n');
  });
}

/** The person's data in the forms a page could keep it (as typed, and ROC date digits). */
function personal(p: Person, withPassword = true): string[] {
  return [p.nationalId, p.mobile, p.nhiCard, p.birthDate, p.name, ...(withPassword ? [p.password] : [])];
}

async function expectNothingPersonal(page: Page, p: Person, when: string): Promise<void> {
  const kept = await browserStorage(page);
  for (const value of personal(p)) {
    expect(kept, `${when}: ${value} is still in the browser`).not.toContain(value);
  }
  // Private keys stay non-extractable wherever they are kept.
  expect(kept).not.toContain('CryptoKey(private,true)');
}

test('enrolling on a shared desktop leaves only the device key behind; 登出 and the return login too', async ({ page, browser }) => {
  const p = person();
  await toEnrollForm(page, p);
  await fillEnrollForm(page, p);
  // While the form is filled, a reload needs the fields, never the password.
  const filling = await browserStorage(page);
  expect(filling).toContain(p.mobile);
  expect(filling).not.toContain(p.password);

  await button(page, '送出').click();
  await expectStep(page, TITLES.qr);
  await expectNothingPersonal(page, p, 'waiting for the phone');
  const phone = await openOnPhone(browser, await decodeQrFromScreen(page));
  try {
    await verifyOnPhone(phone.page, p);
    await expectNothingPersonal(phone.page, p, 'the phone after verifying');
  } finally {
    await phone.context.close();
  }
  await expectStep(page, TITLES.welcome, 30_000);
  await expectNothingPersonal(page, p, 'enrolled');
  await startUsing(page);
  await expectNothingPersonal(page, p, 'logged in');
  await button(page, '登出').click();
  await expect(field(page, '身分證號')).toBeVisible();
  await expectNothingPersonal(page, p, 'after 登出');
  // The binding is what stays: a key, not extractable.
  expect(await browserStorage(page)).toContain('CryptoKey(private,false)');

  await openApp(page);
  await submitId(page, p.nationalId);
  await fillLogin(page, p);
  expect(await browserStorage(page)).not.toContain(p.password);
  await button(page, '送出').click();
  await expectStep(page, TITLES.welcome);
  await expectNothingPersonal(page, p, 'after the return login');
  await startUsing(page);
  await button(page, '登出').click();
  await expect(field(page, '身分證號')).toBeVisible();
  await expectNothingPersonal(page, p, 'after the second 登出');
  // Nothing typed is shown to the next person either.
  await expect(field(page, '身分證號')).toHaveValue('');
});
