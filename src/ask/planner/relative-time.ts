/**
 * Relative time words: periods counted back from asOf ("the last 3 months", "last week", "the week
 * before last") and named running periods ("month to date", "since the start of the quarter").
 */
import type { TimeSpec } from '../../costs/query.ts';
import { addDays } from '../../schema/days.ts';
import { iso, mondayOf, numberWord, utc } from './date-words.ts';
import type { QuestionText } from './text.ts';
import type { TimeWords } from './time.ts';

const UNITS: Record<string, string> = { h: 'hour', d: 'day', w: 'week', m: 'month', q: 'quarter', y: 'year' };

/**
 * "last weekend", "the week before last", "the month before last": calendar periods counted back.
 * "Over the weekend" and "this past weekend" (one weekend, said on a Monday) are last weekend too.
 */
function takeBeforeLast(t: QuestionText, out: TimeWords, asOf: string): boolean {
  const m = t.takeOne(/\b(?:the\s+)?(?:(last|previous)\s+weekend|(week|month)\s+before\s+last)\b|\b(?:(?:over|during)\s+the|this\s+past)\s+(week[\s-]?end)\b(?!s)/);
  if (!m) return false;
  if (m[1] || m[3]) {
    // The Saturday and Sunday before asOf's week: the latest weekend wholly before asOf.
    const saturday = addDays(mondayOf(asOf), -2);
    out.time = { from: saturday, to: addDays(saturday, 2) };
    out.label = 'last weekend';
  } else if (m[2] === 'week') {
    const from = addDays(mondayOf(asOf), -14);
    out.time = { from, to: addDays(from, 7) };
    out.label = 'the week before last';
  } else {
    const [y, mo] = asOf.split('-').map(Number) as [number, number];
    out.time = { from: iso(utc(y, mo - 3)), to: iso(utc(y, mo - 2)) };
    out.label = 'the month before last';
  }
  return true;
}

/** One day as the range. */
function oneDay(out: TimeWords, day: string): true {
  out.time = { from: day, to: addDays(day, 1) };
  out.label = `on ${day}`;
  return true;
}

/**
 * One day counted back from asOf: "the day before yesterday", "3 days ago", or "the 15th" with no
 * month, the latest 15th before asOf (this month's when it is past, else last month's).
 */
function takeDayBack(t: QuestionText, out: TimeWords, asOf: string): boolean {
  if (t.takeOne(/\b(?:on\s+)?(?:the\s+)?day\s+before\s+yesterday\b/)) return oneDay(out, addDays(asOf, -2));
  const ago = t.takeOne(/\b(\d+|two|three|four|five|six|seven|eight|nine|ten)\s+days?\s+ago\b/);
  if (ago) return oneDay(out, addDays(asOf, -numberWord(ago[1]!)!));
  // "the 2nd biggest team" ranks; "the 15th" before a month or another day was read by time.ts.
  const nth = t.takeOne(/\b(?:on\s+)?the\s+(\d{1,2})(?:st|nd|rd|th)\b(?!\s+(?:most|least|biggest|largest|highest|lowest|cheapest|top|priciest|costliest)\b)/);
  if (!nth) return false;
  const [y, m, d] = asOf.split('-').map(Number) as [number, number, number];
  const n = Number(nth[1]);
  for (const back of n < d ? [0, 1, 2] : [1, 2]) {
    const ms = utc(y, m - 1 - back, n);
    if (new Date(ms).getUTCDate() === n) return oneDay(out, iso(ms));
  }
  return false;
}

/** The `count` whole weeks, quarters or years before the one holding asOf. */
function wholeUnits(out: TimeWords, unit: 'week' | 'quarter' | 'year', count: number, asOf: string): void {
  const [y, m] = asOf.split('-').map(Number) as [number, number];
  const start = unit === 'week' ? mondayOf(asOf) : unit === 'quarter' ? iso(utc(y, Math.floor((m - 1) / 3) * 3)) : `${y}-01-01`;
  const from = unit === 'week' ? addDays(start, -7 * count) : iso(utc(Number(start.slice(0, 4)), Number(start.slice(5, 7)) - 1 - (unit === 'quarter' ? 3 : 12) * count));
  out.time = { from, to: start };
  out.label = `the last ${count} whole ${unit}s`;
}

/** "last 3 months", "past week", "this quarter so far", "yesterday", "2025": periods counted from asOf. */
export function takeRelative(t: QuestionText, out: TimeWords, asOf: string): void {
  if (takeBeforeLast(t, out, asOf) || takeDayBack(t, out, asOf)) return;
  const fortnight = t.takeOne(/\b(?:(?:in\s+|over\s+|during\s+)?the\s+)?(?:last|previous|prior|past)\s+fortnight\b/);
  if (fortnight) {
    out.time = { last_n_days: 14 };
    out.label = 'the last 14 days';
    return;
  }
  const n = t.takeOne(
    /\b(?:(?:in\s+|over\s+|during\s+)?the\s+)?(last|previous|prior|past|trailing|recent)\s+(\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fourteen|thirty|ninety)?\s*(?:(full|whole|complete|calendar)\s+)?(hours?|hrs?|h|days?|d|weeks?|wks?|w|months?|mos?|quarters?|qtrs?|years?|yrs?|y)\b/,
  );
  // "ai spend 7d", "24h": chat's count glued to a unit letter is the last so many, as "past 7d" is.
  const glued = n ? null : t.takeOne(/\b(?:(?:in|over|for|during)\s+(?:the\s+)?)?(\d{1,4})(h|d|w)\b/);
  const said = n ? [n[1]!, n[2], n[4]!] : glued ? ['past', glued[1], glued[2]!] : null;
  if (said) {
    const [word, number, unitWord] = said as [string, string | undefined, string];
    // "last week" is the calendar week before this one; "past week" the 7 days before today.
    const calendar = ['last', 'previous', 'prior'].includes(word) && !number;
    // "the last 2 full weeks", "the past three complete quarters": whole calendar units before the one under way.
    const whole = Boolean(n?.[3]);
    const unitOf = UNITS[unitWord[0]!]!;
    if (whole && number && (unitOf === 'week' || unitOf === 'quarter' || unitOf === 'year')) return wholeUnits(out, unitOf, numberWord(number)!, asOf);
    const count = number ? numberWord(number)! : 1;
    // "7d", "2wks", "3mo": a unit by its first letter.
    const unit = UNITS[unitWord[0]!]!;
    const plural = `${count === 1 ? '' : `${count} `}${unit}${count === 1 ? '' : 's'}`;
    if (count >= 1 && count <= 3660) {
      if (unit === 'hour') out.time = { last_n_days: Math.max(1, Math.ceil(count / 24)) };
      else if (unit === 'day') out.time = { last_n_days: count };
      else if (unit === 'week') out.time = calendar ? { period: 'last_week' } : { last_n_days: count * 7 };
      else if (unit === 'month' && !calendar && !number) out.time = { last_n_days: 30 };
      else if (unit === 'month' && calendar) out.time = { period: 'last_month' };
      else if (unit === 'quarter' && calendar) out.time = { period: 'last_quarter' };
      else {
        // N whole months (quarters, years) before the current month.
        const [y, m] = asOf.split('-').map(Number) as [number, number];
        const months = unit === 'month' ? count : unit === 'quarter' ? count * 3 : count * 12;
        if (unit === 'year' && calendar) out.time = { from: `${y - 1}-01-01`, to: `${y}-01-01` };
        else out.time = { from: iso(utc(y, m - 1 - months)), to: iso(utc(y, m - 1)) };
      }
      out.label = calendar ? `last ${unit}` : `the last ${plural}`;
      return;
    }
  }
  const named: Array<[RegExp, TimeSpec, string]> = [
    [/\b(?:this|current)\s+(?:week|wk)(?:\s+so\s+far)?\b|\bweek[\s-]+to[\s-]+date\b|\bwtd\b|\bthe\s+week\s+so\s+far\b|\bso\s+far\s+this\s+week\b/, { period: 'this_week' }, 'this week so far'],
    [
      /\b(?:this|current)\s+(?:month|mo)(?:\s+so\s+far)?\b|\bmonth[\s-]+to[\s-]+date\b|\bmtd\b|\bso\s+far\s+this\s+month\b|\bthe\s+month\s+so\s+far\b|\b(?:for|in)\s+the\s+month\b/,
      { period: 'month_to_date' },
      'this month so far',
    ],
    [
      // "the quarter so far", "for the quarter": the one under way, as "for the month" is.
      /\b(?:this|current)\s+(?:quarter|qtr)(?:\s+so\s+far)?\b|\bquarter[\s-]+to[\s-]+date\b|\bqtd\b|\bthe\s+(?:quarter|qtr)\s+so\s+far\b|\bso\s+far\s+this\s+(?:quarter|qtr)\b|\b(?:for|in)\s+the\s+(?:quarter|qtr)\b/,
      { period: 'this_quarter' },
      'this quarter so far',
    ],
    [/\b(?:this|current)\s+(?:year|yr)(?:\s+so\s+far)?\b|\byear[\s-]+to[\s-]+date\b|\bytd\b|\bthe\s+year\s+so\s+far\b|\bso\s+far\s+this\s+year\b/, { period: 'year_to_date' }, 'this year so far'],
    [/\b(?:yesterday|today)\b/, { last_n_days: 1 }, 'yesterday'],
    // "what jumped overnight" (asked in the morning): costs are kept by day, so the latest whole day, said.
    [/\b(?:overnight|over\s+night)\b/, { last_n_days: 1 }, 'overnight, read as yesterday'],
    [/\bsince\s+the\s+(?:start|beginning)\s+of\s+the\s+week\b/, { period: 'this_week' }, 'this week so far'],
    [/\bsince\s+the\s+(?:start|beginning)\s+of\s+the\s+month\b/, { period: 'month_to_date' }, 'this month so far'],
    [/\bsince\s+the\s+(?:start|beginning)\s+of\s+the\s+quarter\b/, { period: 'this_quarter' }, 'this quarter so far'],
    [/\bsince\s+the\s+(?:start|beginning)\s+of\s+the\s+year\b/, { period: 'year_to_date' }, 'this year so far'],
    // The longest range a query takes: all the data anyone keeps; "since we started (using it)", "since day one" too.
    [
      /\b(?:(?:of|in|for|over)\s+)?all[\s-]+time\b|\bsince\s+(?:the\s+)?(?:beginning|start)\b|\bsince\s+(?:we|i)\s+(?:started|began|begun)(?:\s+using\b)?|\bsince\s+day\s+(?:one|1)\b/,
      { last_n_days: 3660 },
      'all time',
    ],
  ];
  for (const [re, spec, label] of named) {
    if (t.takeOne(re)) {
      out.time = spec;
      out.label = label;
      return;
    }
  }
  // Never a year inside an id: "INV-2026-05-0002", "backup-2026".
  const year = t.takeOne(/\b(?:in|for|during|of)?\s*(?<![\w-])((?:19|20)\d{2})(?![\w-])/);
  if (year) {
    const y = Number(year[1]);
    out.time = { from: `${y}-01-01`, to: `${y + 1}-01-01` };
    out.label = String(y);
  }
}
