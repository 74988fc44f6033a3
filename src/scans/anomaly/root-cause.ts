/**
 * Root cause of an anomaly: which sub-dimensions (service, account, region, SKU, model, feature,
 * resource…) explain the change, each with its $ impact, like AWS Cost Anomaly Detection reports.
 * Pure: the scan passes each contributor's daily series; each gets its own seasonal baseline, and
 * a contributor with no history (a new SKU, a new model) is expected at 0, so all of it counts.
 */
import { baselineSeries, DAILY_BASELINE, median, type BaselineOptions } from './baseline.ts';
import type { DailyPoint } from './calendar.ts';
import type { Direction } from './detector.ts';
import { daysBetween } from '../../schema/days.ts';

export interface ContributorSeries<K> {
  /** The sub-dimension values, e.g. { ServiceName: 'Amazon EC2', RegionId: 'us-east-1' }. */
  key: K;
  points: readonly DailyPoint[];
}

export interface Contribution<K> {
  key: K;
  expected: number;
  actual: number;
  /** actual − expected: the $ impact on the day. */
  delta: number;
  /** This contributor's share of the net change of all contributors (1 = explains all of it). */
  share: number;
}

/**
 * Rank contributors by $ impact in the anomaly's direction (largest first). Contributors that
 * moved the other way are left out; `limit` keeps the top ones (AWS shows ten).
 */
export function rankContributors<K>(items: readonly { key: K; expected: number; actual: number }[], direction: Direction, limit = 10): Contribution<K>[] {
  const sign = direction === 'spike' ? 1 : -1;
  const net = items.reduce((sum, c) => sum + (c.actual - c.expected), 0);
  return items
    .map((c) => ({ ...c, delta: c.actual - c.expected }))
    .filter((c) => c.delta * sign > 0)
    .sort((a, b) => (b.delta - a.delta) * sign)
    .slice(0, limit)
    .map(({ key, expected, actual, delta }) => ({ key, expected, actual, delta, share: net !== 0 ? delta / net : 0 }));
}

/** Expected and actual of every contributor on `date` from its own history, then ranked. */
export function rootCause<K>(series: readonly ContributorSeries<K>[], date: string, direction: Direction, options: { baseline?: Partial<BaselineOptions>; limit?: number } = {}): Contribution<K>[] {
  const bo = { ...DAILY_BASELINE, ...options.baseline };
  const items = series.map(({ key, points }) => {
    const history = points.filter((p) => p.date < date).sort((a, b) => a.date.localeCompare(b.date));
    const actual = points.filter((p) => p.date === date).reduce((sum, p) => sum + p.value, 0);
    if (history.length === 0) return { key, expected: 0, actual };
    // Lay the history out day by day up to `date`, then read the baseline of `date` itself.
    const first = history[0]!.date;
    const length = daysBetween(first, date) + 1;
    const values: (number | null)[] = new Array(length).fill(null);
    for (const p of history) {
      const k = daysBetween(first, p.date);
      values[k] = (values[k] ?? 0) + p.value;
    }
    const b = baselineSeries(values, bo)[length - 1];
    // Too young for a seasonal baseline: the median of what there is.
    return { key, expected: b ? b.expected : median(history.map((p) => p.value)), actual };
  });
  return rankContributors(items, direction, options.limit);
}
