/**
 * What a question leaves unsaid, filled in by the planner: the period when none is named, and the
 * dimension a change is broken down by.
 */
import type { Filter, TimeSpec } from '../../costs/query.ts';
import { addDays, isoDay } from '../../schema/days.ts';
import type { Dataset } from './measure.ts';
import type { Granularity } from './time.ts';

/** The dimension to break a change down by, one level below what the question filters on. */
export function drillDown(dataset: Dataset, filters: Filter[]): string {
  const on = new Set(filters.map((f) => f.dimension));
  if (dataset === 'cloud') return on.has('ServiceName') ? 'ResourceId' : 'ServiceName';
  if (dataset === 'ai') return on.has('feature') ? 'model' : 'feature';
  return on.has('team') ? 'provider' : 'team';
}

/** The longest range a query takes ("all time" in time.ts): every billing period stored. */
export const ALL_TIME: TimeSpec = { last_n_days: 3660 };

/** A period when the question gives none: a week for a change, enough periods for a trend (hours: yesterday's), else 30 days. */
export function defaultTime(compare: boolean, granularity: Granularity | 'auto' | null, asOf: string): { time: TimeSpec; period: string } {
  if (granularity === 'hour') return { time: { from: addDays(asOf, -1), to: asOf }, period: 'yesterday' };
  if (granularity === 'month') {
    const [y, m] = asOf.split('-').map(Number) as [number, number];
    return { time: { from: isoDay(Date.UTC(y, m - 6, 1)), to: asOf }, period: 'the last 6 months' };
  }
  if (granularity === 'week') return { time: { last_n_days: 84 }, period: 'the last 12 weeks' };
  return compare && !granularity ? { time: { last_n_days: 7 }, period: 'the last 7 days' } : { time: { last_n_days: 30 }, period: 'the last 30 days' };
}
