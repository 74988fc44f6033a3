/**
 * Resolves a CostQuery time spec to concrete UTC date ranges against an `asOf` date ("evaluate as if
 * today were asOf", docs/design.md): ranges are [from, to) in ISO dates, and `to` never passes asOf, so
 * data on or after asOf is ignored. "last month" is the calendar month before asOf's month, "last 30
 * days" ends the day before asOf, and the latest complete day is the day before asOf.
 *
 * The previous period (for compare) has the same shape: the calendar unit before for whole units
 * (last month → the month before it; October → September), and the same number of days from the
 * previous unit's start for to-date periods (Nov 1–22 → Oct 1–22), so partial periods compare like
 * with like. A comparison with the same dates a week, month or year earlier shifts the range instead.
 */
import type { Comparison, TimeSpec } from './query.ts';
import { DAY_MS, dayStartMs, isIsoDay, isoDay } from '../schema/days.ts';

export interface DateRange {
  from: string;
  /** Exclusive. */
  to: string;
}

export interface ResolvedTime extends DateRange {
  previous: DateRange;
}

function toMs(iso: string): number {
  if (!isIsoDay(iso)) throw new RangeError(`asOf must be a date YYYY-MM-DD, got ${JSON.stringify(iso)}`);
  return dayStartMs(iso);
}

const iso = isoDay;
const addDays = (ms: number, n: number) => ms + n * DAY_MS;
const ymd = (ms: number) => {
  const d = new Date(ms);
  return { y: d.getUTCFullYear(), m: d.getUTCMonth() };
};
/** Date.UTC normalises month overflow, so month -1 is last December. */
const monthStart = (y: number, m: number) => Date.UTC(y, m, 1);

/** Today's date in UTC, the default asOf. */
export function todayUtc(now = new Date()): string {
  return isoDay(now);
}

/** The latest day whose data is complete as of asOf: the day before it. */
export function latestCompleteDay(asOf: string): string {
  return iso(addDays(toMs(asOf), -1));
}

/** A to-date range [start, asOf) and the same number of days from the previous unit's start, capped at start. */
function toDate(start: number, prevStart: number, asOf: number): ResolvedTime {
  const days = Math.round((asOf - start) / DAY_MS);
  return { from: iso(start), to: iso(asOf), previous: { from: iso(prevStart), to: iso(Math.min(addDays(prevStart, days), start)) } };
}

function whole(prevStart: number, start: number, end: number): ResolvedTime {
  return { from: iso(start), to: iso(end), previous: { from: iso(prevStart), to: iso(start) } };
}

export function resolveTime(time: TimeSpec, asOf: string): ResolvedTime {
  const now = toMs(asOf);
  const { y, m } = ymd(now);
  const q = Math.floor(m / 3) * 3;
  // ISO weeks start on Monday; getUTCDay() is 0 for Sunday.
  const monday = addDays(now, -((new Date(now).getUTCDay() + 6) % 7));
  if ('last_n_days' in time) {
    const from = addDays(now, -time.last_n_days);
    return { from: iso(from), to: asOf, previous: { from: iso(addDays(from, -time.last_n_days)), to: iso(from) } };
  }
  if ('from' in time) {
    const to = Math.min(toMs(time.to), now);
    const from = Math.min(toMs(time.from), to);
    // Whole calendar months (October, Q3, 2025) compare with as many months before: October with September, not its last 31 days.
    const [a, b] = [new Date(from), new Date(to)];
    if (to === toMs(time.to) && to > from && a.getUTCDate() === 1 && b.getUTCDate() === 1) {
      const months = (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + b.getUTCMonth() - a.getUTCMonth();
      return whole(monthStart(a.getUTCFullYear(), a.getUTCMonth() - months), from, to);
    }
    const days = Math.round((to - from) / DAY_MS);
    return { from: iso(from), to: iso(to), previous: { from: iso(addDays(from, -days)), to: iso(from) } };
  }
  switch (time.period) {
    case 'this_week':
      return toDate(monday, addDays(monday, -7), now);
    case 'last_week':
      return whole(addDays(monday, -14), addDays(monday, -7), monday);
    case 'this_month':
    case 'month_to_date':
      return toDate(monthStart(y, m), monthStart(y, m - 1), now);
    case 'last_month':
      return whole(monthStart(y, m - 2), monthStart(y, m - 1), monthStart(y, m));
    case 'this_quarter':
      return toDate(monthStart(y, q), monthStart(y, q - 3), now);
    case 'last_quarter':
      return whole(monthStart(y, q - 6), monthStart(y, q - 3), monthStart(y, q));
    case 'year_to_date':
      return toDate(monthStart(y, 0), monthStart(y - 1, 0), now);
  }
}

/** A day `months` calendar months before, on the last day of that month when it is shorter (March 31 → February 28). */
function monthsBefore(day: number, months: number): number {
  const d = new Date(day);
  const start = monthStart(d.getUTCFullYear(), d.getUTCMonth() - months);
  const { y, m } = ymd(start);
  return Math.min(addDays(start, d.getUTCDate() - 1), addDays(monthStart(y, m + 1), -1));
}

/** resolveTime, with `previous` the range a comparison reads: the period before, or the same dates shifted back. */
export function resolveCompared(time: TimeSpec, asOf: string, compare: Comparison | undefined, compareTo?: DateRange): ResolvedTime {
  const r = resolveTime(time, asOf);
  // A period named to compare with ("March" in "compare March and May"), not one counted back.
  if (compare !== undefined && compareTo) return { ...r, previous: compareTo };
  if (compare === undefined || compare === 'previous_period') return r;
  const [from, to] = [toMs(r.from), toMs(r.to)];
  if (compare === 'week_before') return { ...r, previous: { from: iso(addDays(from, -7)), to: iso(Math.min(addDays(to, -7), from)) } };
  const months = compare === 'month_before' ? 1 : 12;
  return { ...r, previous: { from: iso(monthsBefore(from, months)), to: iso(Math.min(monthsBefore(to, months), from)) } };
}
