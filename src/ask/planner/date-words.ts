/**
 * Words and arithmetic of dates the time words share: month and year names, a day as written
 * ("Oct 20", "2026-10-20", "October 20th, 2026") and the year a month without one falls in.
 */
import { addDays, isIsoDay, isoDay } from '../../schema/days.ts';

export const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
export const MONTH_RE = '(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\\.?';
export const YEAR_RE = "((?:19|20)\\d{2}|'\\d{2})";
export const NUMBER_WORDS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  twelve: 12,
  fourteen: 14,
  thirty: 30,
  ninety: 90,
};
// Never part of a longer id: "INV-2026-05-0001" holds no day.
const ISO_RE = '(?<![\\w-])(\\d{4}-\\d{2}-\\d{2})(?![\\w-])';
export const DAY_RE = `(?:${ISO_RE}|${MONTH_RE}\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b(?:,?\\s+${YEAR_RE})?)`;

export const iso = isoDay;
export const utc = (y: number, m: number, d = 1) => Date.UTC(y, m, d);

export function numberWord(w: string): number | null {
  if (/^\d+$/.test(w)) return Number(w);
  return NUMBER_WORDS[w] ?? null;
}

export function monthIndex(word: string): number {
  return MONTHS.indexOf(word.slice(0, 3));
}

export function yearOf(word: string | undefined): number | null {
  if (!word) return null;
  return word.startsWith("'") ? 2000 + Number(word.slice(1)) : Number(word);
}

/** The latest start of a recurring unit (month m, quarter q) that is before asOf, when no year is said. */
export function latestYear(asOf: string, month: number): number {
  const [y, m] = asOf.split('-').map(Number) as [number, number];
  return month <= m - 1 ? y : y - 1;
}

export function dayOf(m: RegExpExecArray, at: number, asOf: string): string | null {
  if (m[at]) return isIsoDay(m[at]!) ? m[at]! : null;
  if (!m[at + 1]) return null;
  const month = monthIndex(m[at + 1]!);
  const year = yearOf(m[at + 3]) ?? latestYear(asOf, month);
  const ms = utc(year, month, Number(m[at + 2]));
  return new Date(ms).getUTCMonth() === month ? iso(ms) : null;
}

export const lastDayOf = (y: number, m: number) => iso(utc(y, m + 1, 0));

/** Monday of the week holding `date`. */
export const mondayOf = (date: string) => addDays(date, -((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7));
