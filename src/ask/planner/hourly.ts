/**
 * "spend by hour yesterday", "hourly AI cost today": a timeline by hour is a row per hour, so it is
 * kept to a short range: a week at most (168 hours), which an answer and a chart can still show.
 * A longer range is declined, offering hours over fewer days or a daily trend.
 */
import type { TimeSpec } from '../../costs/query.ts';
import { resolveTime } from '../../costs/time.ts';
import { daysBetween } from '../../schema/days.ts';

/** The most days an hourly timeline covers. */
export const MAX_HOURLY_DAYS = 7;

/** The refusal of an hourly timeline over more than a week, or null. */
export function hourlyTooLong(time: TimeSpec, period: string, asOf: string): string | null {
  const r = resolveTime(time, asOf);
  const days = daysBetween(r.from, r.to);
  if (days <= MAX_HOURLY_DAYS) return null;
  return `An hourly breakdown covers at most ${MAX_HOURLY_DAYS} days (${MAX_HOURLY_DAYS * 24} hours); ${period || 'that period'} is ${days} days. Ask for hours over a week or less (e.g. "spend by hour yesterday"), or by day over the longer period.`;
}
