/**
 * A day written with slashes, as people type it in chat: "11/20", "20/11", "11/20/2026", "11/20/26".
 * Spelt as "nov 20" (", 2026") for the time words. Month and day are told apart only when one of
 * them cannot be a month: "3/4" may be March 4 or April 3, so it is left as typed and declined.
 */
import { MONTHS } from './date-words.ts';

/** Not inside a path, an id or a fraction of a longer number ("projects/1/20", "v1.2/3"). */
const SLASHED = /(?<![\w./-])(\d{1,2})\/(\d{1,2})(?:\/(\d{4}|\d{2}))?(?![\w/.-]|%)/g;

function spelt(whole: string, a: string, b: string, year: string | undefined): string {
  const [first, second] = [Number(a), Number(b)];
  const [month, day] = second > 12 && first <= 12 ? [first, second] : first > 12 && second <= 12 ? [second, first] : [0, 0];
  if (month < 1 || day < 1 || day > 31) return whole;
  const y = year === undefined ? '' : `, ${year.length === 2 ? `20${year}` : year}`;
  return `${MONTHS[month - 1]} ${day}${y}`;
}

/** The question with its slashed days spelt out; the question itself when it has none. */
export function spellSlashDates(question: string): string {
  return question.includes('/') ? question.replace(SLASHED, (whole, a: string, b: string, year: string | undefined) => spelt(whole, a, b, year)) : question;
}
