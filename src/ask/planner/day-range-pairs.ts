/**
 * Two spans of days compared: "May 15-28 vs May 1-14", "how did June 1 to 14 compare to May 1 to
 * 14", "compare Oct 1-7 and Oct 8-14", or two days: "nov 20 vs nov 19". Each span is a month's days (the second day may repeat the
 * month: "May 15 to May 28"); the later span is the range and the earlier the period compared
 * with (CostQuery.compareTo), and the how-line names both. Read before single spans (time.ts), which
 * would take the first and leave the second unplaced.
 */
import { addDays } from '../../schema/days.ts';
import { iso, latestYear, MONTH_RE, monthIndex, utc, YEAR_RE, yearOf } from './date-words.ts';
import type { QuestionText } from './text.ts';
import type { TimeWords } from './time.ts';

const DAY = String.raw`(\d{1,2})(?:st|nd|rd|th)?`;
/** "May 15-28", "may 15 to may 28", "Oct 1st through 7th, 2025", "nov 20" (one day): groups (month, first day, second month, last day, year). */
const SPAN = String.raw`${MONTH_RE}\s+${DAY}(?:\s*(?:-|–|to|through|thru|until)\s*(?:${MONTH_RE}\s+)?${DAY})?(?:,?\s+${YEAR_RE})?`;
const AGAINST = String.raw`vs\.?|versus|compared?\s+(?:to|with)|against|and|with|to`;
/** "compare" said before the spans. */
const COMPARE = /\bcompar(?:e|ing)\b/;
const PAIR = new RegExp(String.raw`\b(?<compare>compare\s+(?:the\s+)?)?${SPAN}\s+(?<against>${AGAINST})\s+(?:the\s+|on\s+)?${SPAN}\b`);

interface Span {
  from: string;
  to: string;
}

/** The span's days, or null when they are not days of one month in order (a day past the month's end, "May 28-15"). */
function span(month: string, first: string, second: string | undefined, last: string, year: string | undefined, other: string | undefined, asOf: string): Span | null {
  const m = monthIndex(month);
  if (second !== undefined && monthIndex(second) !== m) return null;
  const y = yearOf(year) ?? yearOf(other) ?? latestYear(asOf, m);
  const [a, b] = [Number(first), Number(last)];
  if (!(a >= 1 && a <= b && b <= new Date(utc(y, m + 1, 0)).getUTCDate())) return null;
  return { from: iso(utc(y, m, a)), to: addDays(iso(utc(y, m, b)), 1) };
}

const label = (s: Span) => `${s.from} to ${addDays(s.to, -1)}`;

/** Reads two spans of days compared; false when the question names no such pair. */
export function takeDayRangePair(t: QuestionText, out: TimeWords, asOf: string): boolean {
  const m = t.peek(PAIR);
  if (!m) return false;
  const [, , m1, a1, s1, b1, y1, , m2, a2, s2, b2, y2] = m;
  // "May 1-14 and May 15-28" lists two spans; they are compared when "compare" (before them: "compare
  // AWS May 1-7 and May 8-14") or a comparison word says so.
  const compared = m.groups!.compare !== undefined || COMPARE.test(t.text.slice(0, m.index));
  if (!compared && /^(?:and|with|to)$/.test(m.groups!.against!)) return false;
  const one = span(m1!, a1!, s1, b1 ?? a1!, y1, y2, asOf);
  const two = span(m2!, a2!, s2, b2 ?? a2!, y2, y1, asOf);
  if (!one || !two || one.from === two.from) return false;
  const [earlier, later] = one.from < two.from ? [one, two] : [two, one];
  if (later.from >= asOf) return false;
  t.mark({ start: m.index, end: m.index + m[0].length });
  out.time = { from: later.from, to: later.to };
  out.label = label(later);
  out.against = { from: earlier.from, to: earlier.to };
  out.compare = true;
  out.direction ??= 'either';
  out.note = `${label(later)} compared with ${label(earlier)}, the days named, not the days just before`;
  return true;
}
