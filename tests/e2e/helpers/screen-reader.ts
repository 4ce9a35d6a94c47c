// A screen reader in the page (issue 29): @guidepup/virtual-screen-reader's browser build, put in
// by the test and never shipped. A journey is driven only the way its user drives it: move
// through what it reads (next item, next heading, landmark, link), act on the item it is on,
// type, press keys, and listen. Everything it says, live regions included, is kept as the test's
// output (`attach`).
import { expect, type Page, type TestInfo } from '@playwright/test';
import * as fs from 'node:fs';
import { escapeRe } from './app';
import { CAPTCHA } from './env';
import type { Person } from './identity';

type Command =
  | 'moveToNextHeading' | 'moveToPreviousHeading' | 'moveToNextLandmark' | 'moveToNextMain'
  | 'moveToNextForm' | 'moveToNextLink' | 'moveToNextNavigation' | 'moveToNextContentinfo'
  | 'moveToNextBanner' | 'moveToNextRegion';

/** The browser build, an ES module, as a classic script that leaves the reader on `window`. */
function script(): string {
  const file = require.resolve('@guidepup/virtual-screen-reader/browser.js');
  const source = fs.readFileSync(file, 'utf8');
  const exported = /export\s*\{([^}]*)\};?/.exec(source);
  if (!exported) throw new Error(`${file}: no export list (a new build layout?)`);
  const names = exported[1].split(',').map((pair) => pair.trim().split(/\s+as\s+/));
  const reader = names.find(([, as]) => as === 'virtual');
  if (!reader) throw new Error(`${file}: exports no \`virtual\``);
  return `(() => {${source.replace(exported[0], '')}\nwindow.__sr = ${reader[0]};\n})();`;
}

/** A live region's update, as the reader logs it ("polite: …", "assertive: …"). */
export const isLive = (phrase: string) => /^(polite|assertive): /.test(phrase);

export class ScreenReader {
  private constructor(private readonly page: Page) {}

  /** Puts the reader into every document `page` loads; `start` turns it on. */
  static async install(page: Page): Promise<ScreenReader> {
    // Through the DevTools protocol, so the app's script-src CSP is not what lets it in.
    await page.addInitScript({ content: script() });
    return new ScreenReader(page);
  }

  /** Turns it on over the whole page (after a load: a new document has a new reader). */
  async start(): Promise<void> {
    await this.page.evaluate(() => (window as any).__sr.start({ container: document.body }));
  }

  private async run(what: string, arg?: string): Promise<void> {
    await this.page.evaluate(([w, a]) => {
      const sr = (window as any).__sr;
      return w === 'perform' ? sr.perform(sr.commands[a as string]) : sr[w as string](a);
    }, [what, arg] as const);
  }

  next = () => this.run('next');
  previous = () => this.run('previous');
  /** The item's default action: a link followed, a button pressed, a box checked, a field entered. */
  act = () => this.run('act');
  perform = (command: Command) => this.run('perform', command);
  /** Typed into the item it is on. */
  type = (text: string) => this.run('type', text);
  press = (key: string) => this.run('press', key);

  /** Everything said since `start`, in order. */
  async log(): Promise<string[]> {
    return this.page.evaluate(() => (window as any).__sr.spokenPhraseLog());
  }

  /** What it says about the item it is on now. */
  async current(): Promise<string> {
    const said = (await this.log()).filter((p) => !isLive(p));
    return said.at(-1) ?? '';
  }

  /** Its position in the log, to ask later what was said after it. */
  async mark(): Promise<number> {
    return (await this.log()).length;
  }

  async since(mark: number): Promise<string[]> {
    return (await this.log()).slice(mark);
  }

  /**
   * Moves on (`next` item by default, or by a quick-navigation command) until what it says
   * matches `want`, as a user listens for it; fails with what it said on the way.
   */
  async moveTo(want: RegExp | string, by: 'next' | 'previous' | Command = 'next', max = 300): Promise<string> {
    const matches = (s: string) => (typeof want === 'string' ? s.includes(want) : want.test(s));
    const heard: string[] = [];
    for (let i = 0; i < max; i++) {
      if (by === 'next') await this.next();
      else if (by === 'previous') await this.previous();
      else await this.perform(by);
      const now = await this.current();
      if (matches(now)) return now;
      if (now === (by === 'previous' ? 'document' : 'end of document')) break;
      heard.push(now);
    }
    throw new Error(`never heard ${want} (by ${by}); heard:\n  ${heard.slice(-40).join('\n  ')}`);
  }

  /** Waits until it has said something matching `want` since `mark` (live regions, focus moves). */
  async hears(want: RegExp | string, mark = 0, timeout = 15_000): Promise<string> {
    let found = '';
    await expect.poll(async () => {
      found = (await this.since(mark)).find((s) => (typeof want === 'string' ? s.includes(want) : want.test(s))) ?? '';
      return found;
    }, { message: `the screen reader says ${want}`, timeout }).not.toBe('');
    return found;
  }

  /** The spoken log as the test's output: a file in its output folder, attached to its result. */
  async attach(info: TestInfo, name: string): Promise<void> {
    const file = info.outputPath(`${name.replace(/[^a-z0-9]+/gi, '-')}.spoken.txt`);
    fs.writeFileSync(file, (await this.log()).join('\n') + '\n');
    await info.attach(`${name} (spoken)`, { path: file, contentType: 'text/plain' });
  }
}

// The app's screens by ear, for the journeys.

/** What the reader says on an item: its role, then its name. */
export const item = (role: string, name: string) => new RegExp(`^${role}, ${escapeRe(name)}`);
export const heading = (title: string) => new RegExp(`^heading, ${escapeRe(title)}.*, level \\d$`);

/**
 * The fields of step 2 in the order the reader meets them: what it says on each (a password
 * field has no role to say, only its name and description), the error an empty submit gives it,
 * and what the user puts in.
 */
export const FIELDS: { said: RegExp; error: string; fill: (p: Person) => string | 'choose' | 'check' }[] = [
  { said: /^combobox, 電信業者/, error: 'carrier_required', fill: () => 'choose' },
  { said: /^textbox, 手機門號/, error: 'mobile_required', fill: (p) => p.mobile },
  { said: /^textbox, 健保卡號/, error: 'nhi_required', fill: (p) => p.nhiCard },
  { said: /^textbox, 出生日期/, error: 'birth_required', fill: (p) => p.birthDate },
  { said: /^textbox, 姓名/, error: 'name_required', fill: (p) => p.name },
  { said: /^checkbox, 確認為本人且本國自然人持有月租型門號/, error: 'confirm_required', fill: () => 'check' },
  { said: /^textbox, 請輸入下圖中的字/, error: 'captcha_required', fill: () => CAPTCHA },
  { said: /^設定憑證密碼, /, error: 'password_required', fill: (p) => p.password },
  { said: /^確認憑證密碼, /, error: 'password_confirm_required', fill: (p) => p.password },
];

/** Puts the value in the field the reader is on, as its user would: arrows, Space (by act), typing. */
export async function answer(page: Page, sr: ScreenReader, value: string): Promise<void> {
  // A closed select takes the arrow keys: the first carrier after the prompt.
  if (value === 'choose') {
    await sr.act();
    await page.keyboard.press('ArrowDown');
  } else if (value === 'check') await sr.act();
  else await sr.type(value);
}

export async function openWithReader(page: Page): Promise<ScreenReader> {
  const sr = await ScreenReader.install(page);
  await page.goto('/');
  // On index.html's static step 1: the reader's first move starts the app (public/boot.js).
  await sr.start();
  return sr;
}

/**
 * Goes to a field by its name and into it: the name is said on its label and on the field (a
 * password field has no role of its own to say), and either takes the user into the field.
 * Answers what the reader says there.
 */
export async function enter(sr: ScreenReader, name: RegExp): Promise<string> {
  const said = new RegExp(`^((textbox|combobox), )?${name.source}`);
  if (!said.test(await sr.current())) await sr.moveTo(said);
  await sr.act();
  return sr.current();
}

/** Step 1 by ear: the 身分證號 field, typed into, and 驗證; answers the log's position before 驗證. */
export async function giveId(page: Page, sr: ScreenReader, p: Person): Promise<number> {
  await enter(sr, /身分證號/);
  // The first touch starts the app, which takes the static copy's place (src/boot_shell.rs); the
  // reader goes on in the app's own page.
  await expect(page.locator('#boot-shell')).toHaveCount(0);
  await enter(sr, /身分證號/);
  await page.keyboard.type(p.nationalId);
  await sr.moveTo(item('button', '驗證'));
  const mark = await sr.mark();
  await sr.act();
  return mark;
}

/** Fills step 2 field by field, each found by what the reader says about it. */
export async function fillByEar(page: Page, sr: ScreenReader, p: Person): Promise<void> {
  for (const f of FIELDS) {
    // Before any error, 確認憑證密碼 has no description: its name alone, as on its label.
    await sr.moveTo(f.error === 'password_confirm_required' ? /^確認憑證密碼/ : f.said);
    await answer(page, sr, f.fill(p));
  }
}

