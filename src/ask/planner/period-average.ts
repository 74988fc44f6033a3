/**
 * Averages over several periods: "average monthly spend over the last three full months", "avg
 * weekly AI cost this quarter", "what do we spend per month on average this year", "mean daily
 * spend in October". A daily average is the range's total over its days (summary.ts). A weekly or
 * monthly one is the total over the whole weeks (Monday to Sunday) or calendar months inside the
 * range, divided by their count: a part-period at either end (the month under way) would pull the
 * average down, so it is left out and the answer says so; a range holding no whole one is declined.
 * Periods the data does not cover are left out when answering (answer/period-average.ts).
 */
import type { TimeSpec } from '../../costs/query.ts';
import { resolveTime } from '../../costs/time.ts';
import { rangeText } from '../answer/format.ts';
import { DAILY_AVERAGE } from './question-words.ts';
import type { QuestionText } from './text.ts';
import { wholePeriods } from './time.ts';

export type AverageUnit = 'day' | 'week' | 'month';

const AVERAGE = '(?:average|avg|mean)';
const UNIT_WORD: Record<string, AverageUnit> = { daily: 'day', weekly: 'week', monthly: 'month', day: 'day', week: 'week', month: 'month' };

/** "average monthly", "weekly average", "an average month": the average's words and its unit. */
const ADJECTIVE = new RegExp(`\\b${AVERAGE}\\s+(weekly|monthly)\\b|\\b(weekly|monthly)\\s+${AVERAGE}\\b|\\b(?:an?|the|our)\\s+${AVERAGE}\\s+(week|month)\\b`);
/** "average spend per month", "avg AI cost a week": "average" here, the unit after the words other readers take. */
const BEFORE_PER = new RegExp(`\\b${AVERAGE}\\s+(?=(?:(?:ai|llm|cloud)\\s+)?(?:(?:cost|costs|spend|spending|bill)\\s+)?(?:per|a|each|every)\\s+(?:week|month)\\b)`);
const PER = /\b(?:per|a|each|every)\s+(week|month)\b/;
/** "per month on average", "on average each week", "monthly … on average". */
const ON_AVERAGE = /\bon\s+average\b/;
const UNIT_SAID = /\b(?:(?:per|a|each|every)\s+(day|week|month)|(daily|weekly|monthly))\b/;

/** The unit of an average asked for, its words taken; null when no average of periods is asked. */
export function takePeriodAverage(t: QuestionText): AverageUnit | null {
  if (t.takeOne(DAILY_AVERAGE)) return 'day';
  const adjective = t.takeOne(ADJECTIVE);
  if (adjective) return UNIT_WORD[(adjective[1] ?? adjective[2] ?? adjective[3])!]!;
  if (t.takeOne(BEFORE_PER)) return UNIT_WORD[t.takeOne(PER)![1]!]!;
  if (!t.has(ON_AVERAGE) || !t.has(UNIT_SAID)) return null;
  t.takeOne(ON_AVERAGE);
  const unit = t.takeOne(UNIT_SAID)!;
  return UNIT_WORD[(unit[1] ?? unit[2])!]!;
}

const MONTH = (from: string) => new Date(`${from}T00:00:00Z`).toLocaleString('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/**
 * The whole weeks or months of a range, as the range to query, and the part-periods left out, said;
 * or why there is no such average; null for no average or a daily one (a day's total over its days).
 */
export function wholePeriodAverage(unit: AverageUnit | null, time: TimeSpec, period: string, asOf: string): { time: TimeSpec; period: string; left: string[] } | { refusal: string } | null {
  if (unit !== 'week' && unit !== 'month') return null;
  const whole = wholePeriods(time, asOf, unit);
  const r = resolveTime(time, asOf);
  if (!whole) {
    return {
      refusal: `${period || rangeText(r)} holds no whole ${unit}${unit === 'week' ? ' (Monday to Sunday)' : ''}, so there is no ${unit}ly average to give; ask for its total or its daily average, or a longer period.`,
    };
  }
  const left: string[] = [];
  if (whole.from > r.from) left.push(`${rangeText({ from: r.from, to: whole.from })}, not a whole ${unit}`);
  // The period under way: "November 2026 so far".
  if (whole.to < r.to) left.push(r.to === asOf && unit === 'month' ? `${MONTH(whole.to)} so far, not over yet` : `${rangeText({ from: whole.to, to: r.to })}, not a whole ${unit}`);
  return { time: whole, period: left.length ? `the whole ${unit}s of ${period || rangeText(r)}` : period, left };
}
