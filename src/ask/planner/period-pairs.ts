/**
 * Two named periods that are not next to each other, side by side: "compare March and May", "Q1 vs
 * Q3 AI spend", "January 2026 vs January 2025". The later one is the range, the earlier the period
 * compared with (CostQuery.compareTo), and the how-line names both. Pairs a month or a quarter apart
 * are left to month-pairs.ts and quarter-pairs.ts (the one before, with the same days so far when
 * the later is in progress). A later period in progress is its days so far, against as many days
 * from the start of the earlier one.
 */
import type { DateRange } from '../../costs/time.ts';
import { addDays, daysBetween } from '../../schema/days.ts';
import { iso, latestYear, MONTH_RE, monthIndex, utc, YEAR_RE, yearOf } from './date-words.ts';
import type { QuestionText } from './text.ts';
import type { TimeWords } from './time.ts';

const AGAINST = String.raw`vs\.?|versus|compared?\s+(?:to|with)|against|and|with|to`;
/** A month or a quarter, with its year when said: groups (month, quarter, year). */
const PERIOD = String.raw`(?:${MONTH_RE}|q([1-4]))(?:\s+${YEAR_RE})?`;
/** "compare March and May", "March vs May 2026", "Q1 vs Q3", "January 2026 vs January 2025": a few words may follow the first ("Q1 AI spend vs Q3"). */
const PAIR = new RegExp(String.raw`\b(?<compare>compare\s+(?:the\s+)?)?${PERIOD}(?<between>(?:\s+(?:spend|spending|costs?|ai|cloud|llm)){0,2})\s+(?<against>${AGAINST})\s+(?:the\s+)?${PERIOD}\b`, 'd');

interface Named {
  range: DateRange;
  label: string;
  /** Months since year 0, of its start: orders the two and tells whether they are next to each other. */
  at: number;
  months: number;
}

const monthName = (m: number) => new Date(utc(2000, m)).toLocaleString('en-US', { month: 'long', timeZone: 'UTC' });

function named(month: string | undefined, quarter: string | undefined, year: number | null, asOf: string): Named {
  const start = month ? monthIndex(month) : (Number(quarter) - 1) * 3;
  const y = year ?? latestYear(asOf, start);
  const months = month ? 1 : 3;
  return { range: { from: iso(utc(y, start)), to: iso(utc(y, start + months)) }, label: month ? `${monthName(start)} ${y}` : `Q${quarter} ${y}`, at: y * 12 + start, months };
}

/** Reads a pair of named periods not next to each other; false when there is none. */
export function takePeriodPair(t: QuestionText, out: TimeWords, asOf: string): boolean {
  const m = t.peek(PAIR);
  if (!m) return false;
  const [, , m1, q1, y1, , , m2, q2, y2] = m;
  const g = m.groups!;
  // "from March to May", "March and May" list a range or two months; a pair is compared when "compare" or a comparison word says so.
  if (!g.compare && /^(?:and|with|to)$/.test(g.against!)) return false;
  if (Boolean(m1) !== Boolean(m2)) return false;
  // A year said once is both's: "March and May 2025".
  const [a, b] = [named(m1, q1, yearOf(y1) ?? yearOf(y2), asOf), named(m2, q2, yearOf(y2) ?? yearOf(y1), asOf)];
  const [earlier, later] = a.at < b.at ? [a, b] : [b, a];
  if (later.at - earlier.at <= earlier.months || later.range.from >= asOf) return false;
  // The words between ("AI spend") are left for the other readers.
  const [from, to] = m.indices!.groups!.between!;
  t.mark({ start: m.index, end: from });
  t.mark({ start: to, end: m.index + m[0].length });
  const soFar = later.range.to > asOf;
  out.time = soFar ? { from: later.range.from, to: asOf } : later.range;
  out.label = soFar ? `${later.label} so far` : later.label;
  const days = daysBetween(later.range.from, asOf);
  out.against = soFar ? { from: earlier.range.from, to: addDays(earlier.range.from, days) } : earlier.range;
  out.compare = true;
  out.direction ??= 'either';
  // The label is read again after the comparison words (time.ts): the how-line names both periods.
  out.note = `${out.label} compared with ${earlier.label}${soFar ? ' (as many days from its start)' : ''}, the periods named, not the one just before`;
  return true;
}
