// The words the UI shows for each failure, read from the one catalogue both the SPA and the
// sandbox use (crates/core/src/error.rs), so a test asserts exactly what a user reads.
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface Message { code: string; retryable: boolean; zh: string; en: string }

const source = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'crates', 'core', 'src', 'error.rs'), 'utf8');

function parse(): Map<string, Message> {
  const block = source.slice(source.indexOf('codes! {'));
  const re = /(\w+)\s*=\s*"(\w+)",\s*(true|false),\s*"((?:[^"\\]|\\.)*)",\s*"((?:[^"\\]|\\.)*)";/g;
  const map = new Map<string, Message>();
  for (const m of block.matchAll(re)) {
    map.set(m[2], { code: m[2], retryable: m[3] === 'true', zh: m[4], en: m[5] });
  }
  if (map.size < 40) throw new Error(`messages: parsed only ${map.size} codes from error.rs`);
  return map;
}

const MESSAGES = parse();

/** The message for a contract code, e.g. msg('wifi').zh. */
export function msg(code: string): Message {
  const m = MESSAGES.get(code);
  if (!m) throw new Error(`no such error code in error.rs: ${code}`);
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
