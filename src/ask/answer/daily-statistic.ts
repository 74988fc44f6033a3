/**
 * The answer to a statistic over a period's days (planner/daily-statistics.ts): each day's total,
 * a day with no rows counted as 0 as the daily average counts it, then the median or percentile
 * (interpolated between the two nearest days, as Postgres's percentile_cont) or the sample
 * standard deviation (as stddev_samp). Money in several currencies has no one daily total.
 */
import { daysBetween, addDays } from '../../schema/days.ts';
import type { CostResult } from '../../costs/run.ts';
import type { DailyStatistic } from '../planner/daily-statistics.ts';
import { formatValue, metricName, scopeText } from './format.ts';
import { capital, when } from './summary.ts';

function percentile(sorted: number[], p: number): number {
  const at = p * (sorted.length - 1);
  const lo = Math.floor(at);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}

function sampleStdDev(values: number[]): number | null {
  if (values.length < 2) return null;
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  return Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1));
}

/** The statistic's sentence and value, or why there is none. */
export function dailyStatistic(result: CostResult, stat: DailyStatistic, period: string): { text: string; value: number | null } | { refusal: string } {
  const m = result.metric;
  if (new Set(result.rows.map((r) => r.currency ?? null)).size > 1)
    return { refusal: `The ${metricName(m)} here is in several currencies, so no day has one total to take the ${stat.name} of; ask for it in one currency.` };
  const byDay = new Map<string, number>();
  for (const r of result.rows) byDay.set(String(r.period).slice(0, 10), (byDay.get(String(r.period).slice(0, 10)) ?? 0) + Number(r[m] ?? 0));
  const days = daysBetween(result.range.from, result.range.to);
  const values = Array.from({ length: days }, (_, i) => byDay.get(addDays(result.range.from, i)) ?? 0);
  const value =
    stat.p === null
      ? sampleStdDev(values)
      : values.length > 0
        ? percentile(
            [...values].sort((a, b) => a - b),
            stat.p,
          )
        : null;
  const unit = result.unit;
  const what = stat.p === null ? 'Standard deviation (sample)' : capital(stat.name);
  const text = `${what} of daily ${metricName(m)}${scopeText(result.query)}, ${when(result, period)}: ${formatValue(value, unit)} over ${days} days (each day's total; a day with none counts as 0).`;
  return { text, value };
}
