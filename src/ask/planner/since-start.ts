/**
 * "What have we spent since last month", "spend since the start of last quarter", "since the
 * 15th", "since 1 Oct", "since Q3", "since yesterday": with no change asked, "since" a period or a day is a range from its start until today,
 * not a comparison and not a decline; the answer says how it was read. A change asked since a
 * period ("has spend gone up since last month") was made a comparison before (casual-words.ts).
 */
import { addDays } from '../../schema/days.ts';
import { iso, latestYear, mondayOf, MONTH_RE, monthIndex, utc, YEAR_RE, yearOf } from './date-words.ts';
import type { QuestionText } from './text.ts';
import type { TimeWords } from './time.ts';

/** "since last month", "since the start of the previous quarter", "since the beginning of last week". */
const SINCE_PERIOD = /\bsince\s+(?:the\s+(?:start|beginning)\s+of\s+)?(?:the\s+)?(?:last|previous|prior)\s+(week|month|quarter|year)\b/;
/** "since the 15th", "since the 3rd of last month", "since the 1st of this month". */
const SINCE_NTH = /\bsince\s+the\s+(\d{1,2})(?:st|nd|rd|th)\b(?:\s+of\s+(?:the\s+)?(this|current|last|previous|prior)\s+month\b)?/;

/** "since 1 Oct", "since the 3rd of October 2026": a day written before its month. */
const SINCE_DAY_MONTH = new RegExp(`\\bsince\\s+(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH_RE}(?:,?\\s+${YEAR_RE})?\\b`);
/** "since Q3", "since q2 2026": from the quarter's first day. */
const SINCE_QUARTER = new RegExp(`\\bsince\\s+(?:the\\s+(?:start|beginning)\\s+of\\s+)?q([1-4])(?:\\s+${YEAR_RE})?\\b`);
const SINCE_YESTERDAY = /\bsince\s+yesterday\b/;

/** The first day of the calendar period before asOf's. */
function startOfLast(unit: string, asOf: string): string {
  const [y, m] = asOf.split('-').map(Number) as [number, number];
  if (unit === 'week') return addDays(mondayOf(asOf), -7);
  if (unit === 'month') return iso(utc(y, m - 2));
  if (unit === 'quarter') return iso(utc(y, Math.floor((m - 1) / 3) * 3 - 3));
  return `${y - 1}-01-01`;
}

/** Day n of a month counted back from asOf's (0: this month), or null when that month has no such day. */
function dayOfMonth(n: number, back: number, asOf: string): string | null {
  const [y, m] = asOf.split('-').map(Number) as [number, number];
  const ms = utc(y, m - 1 - back, n);
  return new Date(ms).getUTCDate() === n ? iso(ms) : null;
}

/** The latest day n before asOf: this month's when it is past, else last month's (or the one before). */
function latestNth(n: number, asOf: string): string | null {
  for (const back of [0, 1, 2]) {
    const d = dayOfMonth(n, back, asOf);
    if (d && d < asOf) return d;
  }
  return null;
}

/** "since 1 Oct", "since Q3", "since yesterday": the day the range starts, its words taken; null when none is said or it is not past. */
function sinceDay(t: QuestionText, asOf: string): { from: string; said: string } | null {
  const yesterday = t.peek(SINCE_YESTERDAY);
  const dm = yesterday ? null : t.peek(SINCE_DAY_MONTH);
  const q = yesterday || dm ? null : t.peek(SINCE_QUARTER);
  const m = yesterday ?? dm ?? q;
  if (!m) return null;
  let from = addDays(asOf, -1);
  if (dm) {
    const month = monthIndex(dm[2]!);
    const ms = utc(yearOf(dm[3]) ?? latestYear(asOf, month), month, Number(dm[1]));
    if (new Date(ms).getUTCMonth() !== month) return null;
    from = iso(ms);
  } else if (q) {
    const month = (Number(q[1]) - 1) * 3;
    from = iso(utc(yearOf(q[2]) ?? latestYear(asOf, month), month));
  }
  if (from >= asOf) return null;
  t.mark({ start: m.index, end: m.index + m[0].length });
  return { from, said: m[0] };
}

function since(out: TimeWords, from: string, said: string, asOf: string): true {
  out.time = { from, to: asOf };
  out.label = `since ${from}`;
  out.note = `"${said}" read as the range from ${from} until today, not a change`;
  return true;
}

/** Takes "since <period or day>" as a range until today; false when the question says none (or a day not yet past). */
export function takeSinceStart(t: QuestionText, out: TimeWords, asOf: string): boolean {
  const period = t.peek(SINCE_PERIOD);
  if (period) {
    t.mark({ start: period.index, end: period.index + period[0].length });
    return since(out, startOfLast(period[1]!, asOf), period[0], asOf);
  }
  const other = sinceDay(t, asOf);
  if (other) return since(out, other.from, other.said, asOf);
  const nth = t.peek(SINCE_NTH);
  if (!nth) return false;
  const n = Number(nth[1]);
  const from = nth[2] ? dayOfMonth(n, /^(?:this|current)$/.test(nth[2]) ? 0 : 1, asOf) : latestNth(n, asOf);
  if (!from || from >= asOf) return false;
  t.mark({ start: nth.index, end: nth.index + nth[0].length });
  return since(out, from, nth[0], asOf);
}
