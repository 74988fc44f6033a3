/**
 * Two quarters set against each other: "this quarter so far vs Q3", "how does Q4 compare with Q3",
 * "compare Q3 and Q2". The later quarter is the range, compared with the quarter before it
 * (src/costs/time.ts compares whole months with as many months before); the quarter in progress is
 * its days so far, against the same days of the quarter before, as "this quarter vs last quarter"
 * is. Quarters further apart are no previous period and are left to be declined.
 */
import { iso, latestYear, utc, YEAR_RE, yearOf } from './date-words.ts';
import type { QuestionText } from './text.ts';
import type { TimeWords } from './time.ts';

/** "this quarter (so far)", "the current qtr", "Q4 (2026) (so far)". */
const QUARTER = `(?:(?:this|the\\s+current|current)\\s+(?:quarter|qtr)|q([1-4])(?:\\s+${YEAR_RE})?)(?:\\s+so\\s+far|\\s+to\\s+date)?`;
const AGAINST = '(?:vs\\.?|versus|compared?\\s+(?:to|with)|against|relative\\s+to)';
/**
 * "Q4 … vs Q3", a few words between; "compare Q4 and Q3". "and" is read before the look back for
 * "compare", and that look reaches a sentence back only: an unbounded one from every quarter
 * word made "q4 q4 q4 …" quadratic (5.6 s CPU at 40,000 characters).
 */
const PAIR = new RegExp(
  `\\b(?:compare\\s+(?:the\\s+)?)?${QUARTER}\\b((?:\\s+[a-z0-9.'-]+){0,6}?)\\s+(?:${AGAINST}|and(?<=\\bcompare\\s+\\S.{0,160}\\sand))\\s+(?:the\\s+)?q([1-4])(?:\\s+${YEAR_RE})?\\b`,
);

/** The quarter (0–3) and year asOf falls in. */
const quarterOf = (asOf: string): [number, number] => [Math.floor((Number(asOf.slice(5, 7)) - 1) / 3), Number(asOf.slice(0, 4))];

/** Reads a pair of quarters a quarter apart; false when there is none (or they are further apart). */
export function takeQuarterPair(t: QuestionText, out: TimeWords, asOf: string): boolean {
  const m = t.peek(PAIR);
  if (!m || /\b(?:and|to)\s*$/.test(m[3]!)) return false;
  const [nowQ, nowY] = quarterOf(asOf);
  const later = m[1] ? Number(m[1]) - 1 : nowQ;
  const laterY = m[1] ? (yearOf(m[2]) ?? latestYear(asOf, later * 3)) : nowY;
  const earlier = Number(m[4]) - 1;
  const earlierY = yearOf(m[5]) ?? (earlier < later ? laterY : laterY - 1);
  if (earlierY * 4 + earlier + 1 !== laterY * 4 + later) return false;
  const gapStart = m.index + m[0].indexOf(m[3]!, m[0].search(/q[1-4]|quarter|qtr/) + 2);
  t.mark({ start: m.index, end: gapStart });
  t.mark({ start: gapStart + m[3]!.length, end: m.index + m[0].length });
  const current = later === nowQ && laterY === nowY;
  out.time = current ? { period: 'this_quarter' } : { from: iso(utc(laterY, later * 3)), to: iso(utc(laterY, later * 3 + 3)) };
  out.label = current ? 'this quarter so far' : `Q${later + 1} ${laterY}`;
  out.compare = true;
  out.direction ??= 'either';
  return true;
}
