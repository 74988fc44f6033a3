/**
 * Two months set against each other: "compare October and September", "October vs September",
 * "in October compared to September", "how did it change from September to October". The later
 * month is the range, compared with the month before it (src/costs/time.ts compares whole months
 * with as many months before); months further apart are no previous period and are declined.
 */
import { iso, latestYear, MONTH_RE, monthIndex, utc, YEAR_RE, yearOf } from './date-words.ts';
import type { QuestionText } from './text.ts';
import type { TimeWords } from './time.ts';

/** The later of two months a month apart (either order), or null when they are further apart. */
function laterOf(a: number, b: number): number | null {
  return (a - b + 12) % 12 === 1 ? a : (b - a + 12) % 12 === 1 ? b : null;
}

/**
 * The month `later` of year `y` as the range, compared with the month before it; the month in
 * progress is its days so far, against the same days of the month before.
 */
function monthAgainstPrevious(out: TimeWords, y: number, later: number, asOf: string): void {
  const [from, to] = [iso(utc(y, later)), iso(utc(y, later + 1))];
  const current = from < asOf && asOf < to;
  out.time = current ? { period: 'month_to_date' } : { from, to };
  out.label = current ? 'this month so far' : `${new Date(utc(y, later)).toLocaleString('en-US', { month: 'long', timeZone: 'UTC' })} ${y}`;
  out.compare = true;
  out.direction ??= 'either';
}

/**
 * "compare October and September", "October vs September", and once a change is asked about,
 * "from September to October": the later month against the one before it. Months further apart
 * are not a previous period: 'apart' leaves them to be declined rather than read as one range.
 */
export function takeMonthPair(t: QuestionText, out: TimeWords, asOf: string): boolean | 'apart' {
  const m = t.peek(
    new RegExp(`\\b(?:compare\\s+(?:the\\s+)?|(?:from|between)\\s+)?${MONTH_RE}(?:\\s+(?:spend|spending|costs?))?\\s+(?:and|with|to|vs\\.?|versus|against)\\s+${MONTH_RE}(?:,?\\s+${YEAR_RE})?\\b`),
  );
  const change = out.compare && /^(?:from|between)\s/.test(m?.[0] ?? '');
  if (!m || !(/^compare\b/.test(m[0]) || /\b(?:vs\.?|versus|against)\s/.test(m[0]) || change)) return false;
  const later = laterOf(monthIndex(m[1]!), monthIndex(m[2]!));
  if (later === null) return change ? 'apart' : false;
  t.mark({ start: m.index, end: m.index + m[0].length });
  monthAgainstPrevious(out, yearOf(m[3]) ?? latestYear(asOf, later), later, asOf);
  return true;
}

/**
 * "in October compared to September", "October spend for ml against September", "more in October
 * than September": a month, a few
 * words, a comparison word and the month before it. Read before the comparison words are taken;
 * the words between are left for the other readers.
 */
export function takeMonthAgainst(t: QuestionText, out: TimeWords, asOf: string): void {
  const m = t.peek(
    new RegExp(
      `\\b(?:in\\s+|for\\s+)?${MONTH_RE}\\b((?:\\s+[a-z0-9.'-]+){0,6}?)\\s+(?:vs\\.?|versus|compared?\\s+(?:to|with)|against|relative\\s+to|(than))\\s+(?:the\\s+month\\s+of\\s+|in\\s+)?${MONTH_RE}(?:,?\\s+${YEAR_RE})?\\b`,
    ),
  );
  const later = m ? laterOf(monthIndex(m[1]!), monthIndex(m[4]!)) : null;
  if (!m || later === null || /\b(?:and|to)\s*$/.test(m[2]!)) return;
  const gapStart = m.index + m[0].indexOf(m[2]!, m[0].indexOf(m[1]!) + m[1]!.length);
  t.mark({ start: m.index, end: gapStart });
  t.mark({ start: gapStart + m[2]!.length, end: m.index + m[0].length });
  // "how much more did data spend in October than September": the "more" is the comparison.
  if (m[3]) t.takeOne(/\b(?:more|less)\b/);
  monthAgainstPrevious(out, yearOf(m[5]) ?? latestYear(asOf, later), later, asOf);
}
