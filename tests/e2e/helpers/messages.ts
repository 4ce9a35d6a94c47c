// The words the UI shows for each failure, from the one catalogue both the SPA and the sandbox
// use (crates/core/src/error.rs) as the build printed it (`cargo xtask build` writes
// target/xtask-build/app-manifest.json from the app's own code), so a test asserts exactly what
// a user reads and never parses Rust source.
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface Message { code: string; retryable: boolean; zh: string; en: string }

const MANIFEST = path.join(__dirname, '..', '..', '..', 'target', 'xtask-build', 'app-manifest.json');

function manifest(): {
  errors: Message[]; texts: Record<string, { zh: string; en: string }>; app: { global: Record<string, string> };
} {
  if (!fs.existsSync(MANIFEST)) throw new Error(`messages: ${MANIFEST} is missing: run \`cargo xtask build\` first`);
  return JSON.parse(fs.readFileSync(MANIFEST, 'utf8'));
}

/** A UI string of src/i18n.rs by its name (`T::…`), in both languages. */
export function text(key: string): { zh: string; en: string } {
  const s = manifest().texts[key];
  if (!s) throw new Error(`no such string in src/i18n.rs: ${key}`);
  return s;
}

/** A `window` property the page's scripts and the app share (src/startup.rs), by its manifest key. */
export function startupGlobal(key: string): string {
  const name = manifest().app.global[key];
  if (!name) throw new Error(`no such global in src/startup.rs: ${key}`);
  return name;
}

function parse(): Map<string, Message> {
  const errors = manifest().errors;
  const map = new Map(errors.map((m) => [m.code, m]));
  if (map.size < 40) throw new Error(`messages: only ${map.size} codes in ${MANIFEST}`);
  return map;
}

const MESSAGES = parse();

/** The message for a contract code, e.g. msg('wifi').zh. */
export function msg(code: string): Message {
  const m = MESSAGES.get(code);
  if (!m) throw new Error(`no such error code in the catalogue: ${code}`);
  return m;
}

/** Sandbox carrier outcomes by the mobile number's last two digits (docs/contract.md). */
export const OUTCOMES: Record<number, string> = {
  90: 'not_holder',
  91: 'prepaid',
  92: 'family_card',
  93: 'mvno',
  94: 'enterprise',
  95: 'wifi',
  96: 'roaming',
  97: 'carrier_unavailable',
  98: 'carrier_mismatch',
  99: 'data_mismatch',
};
