/**
 * "this week" asked on a Monday, "this month" on the 1st: a period so far that holds no day yet
 * (today's costs are not stored until tomorrow) would answer $0.00, or compare nothing with the
 * week before. It is read as the last whole period instead, and the answer says so: the planner's
 * reading of the words, and the agent's of the period its model chose (src/ask/agent/query-tool.ts).
 */
import type { TimeSpec } from '../../costs/query.ts';
import { resolveTime } from '../../costs/time.ts';
import type { TimeWords } from './time.ts';

const LAST_WHOLE: Record<string, { unit: string; spec: (year: number) => TimeSpec }> = {
  this_week: { unit: 'week', spec: () => ({ period: 'last_week' }) },
  this_month: { unit: 'month', spec: () => ({ period: 'last_month' }) },
  month_to_date: { unit: 'month', spec: () => ({ period: 'last_month' }) },
  this_quarter: { unit: 'quarter', spec: () => ({ period: 'last_quarter' }) },
  year_to_date: { unit: 'year', spec: (y) => ({ from: `${y - 1}-01-01`, to: `${y}-01-01` }) },
};

/** Moves a period so far that has not begun to the last whole one; the reading to say, or null. */
export function readJustBegun(when: Pick<TimeWords, 'time' | 'label'>, asOf: string): string | null {
  const period = when.time && 'period' in when.time ? when.time.period : undefined;
  const last = period ? LAST_WHOLE[period] : undefined;
  if (!last || !when.time) return null;
  const r = resolveTime(when.time, asOf);
  if (r.from < r.to) return null;
  when.time = last.spec(Number(asOf.slice(0, 4)));
  when.label = `last ${last.unit}, as this ${last.unit} has just begun`;
  return `this ${last.unit} has just begun (${asOf} is its first day and its costs are not in yet), so this is last ${last.unit}`;
}
