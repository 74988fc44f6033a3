/**
 * Budget period arithmetic and the weekday-aware forecast, pure. The forecast is the actual spend
 * to date plus, for each remaining day of the period, the average of the same weekday over the
 * run-rate window: a team that spends little at weekends is not projected as if every day were a
 * Tuesday, and a quiet first week does not drag the projection the way a straight line from the
 * 1st would.
 */
import { addDays, daysBetween, isoDay } from '../../schema/days.ts';

export interface Period {
  /** `2026-11` for monthly budgets. */
  label: string;
  start: string;
  /** Exclusive. */
  end: string;
}

/** The monthly period that holds the latest complete day before `asOf`. */
export function monthlyPeriod(asOf: string): Period {
  const last = addDays(asOf, -1);
  const [y, m] = last.split('-').map(Number) as [number, number];
  const start = `${last.slice(0, 7)}-01`;
  const end = isoDay(Date.UTC(y, m, 1));
  return { label: last.slice(0, 7), start, end };
}

const weekday = (iso: string) => new Date(`${iso}T00:00:00Z`).getUTCDay();

/**
 * Forecast of the period's total from daily values (`daily` by ISO date, missing = 0 on days after
 * the first day with data), as of `asOf`: actual over [period.start, asOf) plus weekday averages
 * over the `runRateDays` before asOf for each day of [asOf, period.end).
 */
export function forecastPeriod(daily: ReadonlyMap<string, number>, period: Period, asOf: string, runRateDays: number) {
  let actual = 0;
  for (let d = period.start; d < asOf && d < period.end; d = addDays(d, 1)) actual += daily.get(d) ?? 0;
  const firstData = [...daily.keys()].reduce<string | null>((a, b) => (a === null || b < a ? b : a), null);
  const sums = new Array<number>(7).fill(0);
  const counts = new Array<number>(7).fill(0);
  for (let d = addDays(asOf, -runRateDays); d < asOf; d = addDays(d, 1)) {
    if (firstData === null || d < firstData) continue;
    sums[weekday(d)]! += daily.get(d) ?? 0;
    counts[weekday(d)]!++;
  }
  const days = counts.reduce((a, b) => a + b, 0);
  const overall = days ? sums.reduce((a, b) => a + b, 0) / days : 0;
  const rate = (w: number) => (counts[w]! > 0 ? sums[w]! / counts[w]! : overall);
  let rest = 0;
  const from = asOf > period.start ? asOf : period.start;
  for (let d = from; d < period.end; d = addDays(d, 1)) rest += rate(weekday(d));
  return { actual, forecast: actual + rest, remainingDays: Math.max(0, daysBetween(from, period.end)), dailyRate: overall };
}
