// Fresh, valid identities for each test, so tests never share a person in the sandbox's database.
import { randomInt } from 'node:crypto';

const LETTER_VALUE: Record<string, number> = {
  A: 10, B: 11, C: 12, D: 13, E: 14, F: 15, G: 16, H: 17, I: 34, J: 18, K: 19, L: 20, M: 21,
  N: 22, O: 35, P: 23, Q: 24, R: 25, S: 26, T: 27, U: 28, V: 29, W: 32, X: 30, Y: 31, Z: 33,
};
const LETTERS = Object.keys(LETTER_VALUE);

function digits(n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String(randomInt(10));
  return s;
}

/** Weighted sum of the letter and the next eight characters (no check digit). */
function partialSum(first9: string): number {
  const v = LETTER_VALUE[first9[0]];
  let sum = Math.floor(v / 10) * 1 + (v % 10) * 9;
  for (let i = 1; i <= 8; i++) sum += Number(first9[i]) * (9 - i);
  return sum;
}

/** The check digit that makes letter + 8 digits a valid ID. */
export function checkDigit(first9: string): number {
  return (10 - (partialSum(first9) % 10)) % 10;
}

/** Whether a citizen ID passes the rule (letter, 1 or 2, 8 digits, weighted sum % 10 == 0). */
export function isValidNationalId(id: string): boolean {
  if (!/^[A-Z][12]\d{8}$/.test(id)) return false;
  return (partialSum(id.slice(0, 9)) + Number(id[9])) % 10 === 0;
}

/** A random valid citizen ID; `letter`/`gender` fix the first two characters. */
export function nationalId(opts: { letter?: string; gender?: '1' | '2' } = {}): string {
  const letter = opts.letter ?? LETTERS[randomInt(LETTERS.length)];
  const gender = opts.gender ?? (randomInt(2) ? '1' : '2');
  const first9 = letter + gender + digits(7);
  const id = first9 + checkDigit(first9);
  if (!isValidNationalId(id)) throw new Error(`generator bug: ${id}`);
  return id;
}

/** The same ID with a wrong check digit. */
export function withBadChecksum(id: string): string {
  const wrong = (Number(id[9]) + 1 + randomInt(9)) % 10;
  return id.slice(0, 9) + String(wrong);
}

/** A 2021-format resident certificate number (second digit 8), with a valid check digit. */
export function residentCertificate(): string {
  const first9 = 'A8' + digits(7);
  return first9 + checkDigit(first9);
}

/**
 * A mobile number 09[0-8]XXXXXNN; NN picks the sandbox carrier outcome (00–89 verified, 90–99
 * the failures of docs/contract.md).
 */
export function mobile(outcome: number = randomInt(90)): string {
  if (outcome < 0 || outcome > 99) throw new Error('outcome is two digits');
  return '09' + String(randomInt(9)) + digits(5) + String(outcome).padStart(2, '0');
}

/** A 12-digit NHI card number. */
export function nhiCard(): string {
  return '0000' + digits(8);
}

/** A valid ROC birth date, 7 digits (民國 50–90). */
export function rocBirthDate(): string {
  const year = 50 + randomInt(41);
  const month = 1 + randomInt(12);
  const day = 1 + randomInt(28);
  return String(year).padStart(3, '0') + String(month).padStart(2, '0') + String(day).padStart(2, '0');
}

const SURNAMES = ['王', '陳', '林', '張', '李', '黃', '吳', '劉', '蔡', '楊'];
const GIVEN = ['小明', '美玲', '志豪', '淑芬', '家豪', '雅婷', '冠宇', '怡君', '俊傑', '佳穎'];

export interface Person {
  nationalId: string;
  carrier: string; // display name in zh-TW, as the 電信業者 select shows it
  mobile: string;
  nhiCard: string;
  birthDate: string;
  name: string;
  password: string;
}

/** A fresh applicant; `outcome` is the sandbox outcome the mobile number asks for. */
export function person(opts: { outcome?: number; letter?: string; gender?: '1' | '2' } = {}): Person {
  return {
    nationalId: nationalId(opts),
    carrier: '中華電信',
    mobile: mobile(opts.outcome),
    nhiCard: nhiCard(),
    birthDate: rocBirthDate(),
    name: SURNAMES[randomInt(SURNAMES.length)] + GIVEN[randomInt(GIVEN.length)],
    password: 'abc' + digits(5),
  };
}

/** Half-width ASCII → full-width (what a Chinese IME in full-width mode types). */
export function toFullWidth(s: string): string {
  return [...s].map((c) => {
    const code = c.charCodeAt(0);
    return code >= 0x21 && code <= 0x7e ? String.fromCharCode(code + 0xfee0) : c;
  }).join('');
}
