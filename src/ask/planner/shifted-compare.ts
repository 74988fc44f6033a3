/**
 * "yesterday vs the same day last week", "this month compared with the same month last year",
 * "year over year": a period compared with the same dates a week, month or year earlier, not with
 * the period just before it.
 */
import type { Comparison } from '../../costs/query.ts';
import type { QuestionText } from './text.ts';
import type { TimeWords } from './time.ts';

const UNIT = '(week|month|year)';
const SHIFTED = new RegExp(
  '\\b(?:(?:vs\\.?|versus|compared?\\s+(?:to|with)|against|than|to|with)\\s+)?(?:(?:the|that|this)\\s+)?' +
    `(?:same\\s+(?:day|days|date|dates|week|month|quarter|period|time|weekday)(?:\\s+(?:of|in))?\\s+(?:last|(?:a|one|the)\\s+(?:previous|prior))\\s+${UNIT}` +
    `|(?:a|one)\\s+${UNIT}\\s+(?:ago|before|earlier))\\b`,
);
const OVER = /\b(?:year[\s-]+over[\s-]+year|yoy|y\/y)\b/;

const BY_UNIT: Record<string, Comparison> = { week: 'week_before', month: 'month_before', year: 'year_before' };

/** The shifted comparison the question asks for, its words taken; null when it asks none. */
export function takeShiftedCompare(t: QuestionText): Comparison | null {
  const m = t.takeOne(SHIFTED);
  if (m) return BY_UNIT[(m[1] ?? m[2])!]!;
  return t.takeOne(OVER) ? 'year_before' : null;
}

/**
 * "has spend gone up vs last year" with no range of its own: this year so far against the same
 * dates last year; on 1 January, when nothing of this year is stored, last year against the one before.
 */
export function sinceLastYear(out: TimeWords, asOf: string): void {
  const year = Number(asOf.slice(0, 4));
  const started = asOf.slice(5) !== '01-01';
  out.time = started ? { period: 'year_to_date' } : { from: `${year - 1}-01-01`, to: `${year}-01-01` };
  out.label = started ? 'this year so far' : 'last year';
  out.shift = 'year_before';
}
