/**
 * Which days of a question the monthly rollup (cost_rollup_monthly) can stand in for: whole
 * calendar months of its ranges, read as one row per month and key set, with the part months at
 * either end left to the daily rollup. A month row holds its charge days' sums, so it answers only
 * what does not need the day: a total or a monthly timeline, in the rows' own currencies (a
 * conversion takes each day's rate). Selected by billing period, no charge day is read at all,
 * and the monthly rollup answers every range and step the daily one does.
 */
import type { CostQuery } from './query.ts';
import type { DateRange } from './time.ts';

/** The first day of the month `day` (YYYY-MM-DD) falls in. */
export function monthOf(day: string): string {
  return `${day.slice(0, 7)}-01`;
}

/** The first day of the month after the one `day` falls in. */
export function nextMonth(day: string): string {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  return month === 12 ? `${String(year + 1).padStart(4, '0')}-01-01` : `${day.slice(0, 4)}-${String(month + 1).padStart(2, '0')}-01`;
}

/**
 * The rows of the daily rollup a row of `table` stands for: a month row its days' rows (day_rows),
 * any other row itself. A query reading months counts rows (its `nr`) by this, as the daily rollup would.
 */
export const ROW_WEIGHT = (table: string) => (table === 'cost_rollup_monthly' ? 'day_rows' : '1::bigint');

/** A question's ranges, split into the days the daily rollup reads and the whole months the monthly one does. */
export interface MonthSplit {
  days: DateRange[];
  months: DateRange[];
}

/**
 * Each range as its whole months and the days before and after them; undefined when no range
 * holds a whole month, or when ranges overlap (a day must be read once).
 */
export function splitByMonths(ranges: readonly DateRange[]): MonthSplit | undefined {
  const sorted = ranges.filter((r) => r.from < r.to).sort((a, b) => (a.from < b.from ? -1 : 1));
  if (sorted.some((r, i) => i > 0 && sorted[i - 1]!.to > r.from)) return undefined;
  const split: MonthSplit = { days: [], months: [] };
  for (const r of sorted) {
    const first = monthOf(r.from) === r.from ? r.from : nextMonth(r.from);
    const end = monthOf(r.to);
    if (first >= end) {
      split.days.push(r);
      continue;
    }
    if (r.from < first) split.days.push({ from: r.from, to: first });
    split.months.push({ from: first, to: end });
    if (end < r.to) split.days.push({ from: end, to: r.to });
  }
  return split.months.length > 0 ? split : undefined;
}

/**
 * How a rolled-up branch over `ranges` reads the monthly rollup, or undefined when it reads the
 * daily one alone. By billing period the monthly rollup answers all of it.
 */
export function monthlyReading(q: CostQuery, ranges: readonly DateRange[]): MonthSplit | undefined {
  if (q.periodBasis === 'billing') return { days: [], months: [...ranges] };
  if ((q.granularity !== 'total' && q.granularity !== 'month') || q.currency !== undefined) return undefined;
  return splitByMonths(ranges);
}
