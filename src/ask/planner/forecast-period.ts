/**
 * The period a forecast or budget question names, against the one Penny forecasts: the current
 * month. "Forecast for December", "run-rate for Q4", "what will we spend in 2026", "forecast for
 * the quarter" name another period, and the month's forecast is not their number: they are
 * declined, saying which month is forecast. A budget question about a month already over is
 * answered from its spend (closed-month.ts) and is not asked here.
 */
import type { TimeSpec } from '../../costs/query.ts';
import { iso, utc } from './date-words.ts';
import { QuestionText } from './text.ts';
import { takeTimeWords } from './time.ts';

/** Whether `time` is the month `asOf` falls in, whole or so far. */
function isCurrentMonth(time: TimeSpec, asOf: string): boolean {
  if ('period' in time) return time.period === 'this_month' || time.period === 'month_to_date';
  if (!('from' in time)) return false;
  const [y, m] = asOf.split('-').map(Number) as [number, number];
  return time.from === iso(utc(y, m - 1)) && time.to >= asOf && time.to <= iso(utc(y, m));
}

/** The refusal of a forecast or budget question naming a period other than the current month; null when it names none or that one. */
export function otherPeriodRefusal(question: string, asOf: string): string | null {
  const when = takeTimeWords(new QuestionText(question), asOf);
  if (!when.time || isCurrentMonth(when.time, asOf)) return null;
  const read = when.label ? ` (read as ${when.label})` : '';
  return `I forecast the current month only (${asOf.slice(0, 7)}, from its spend to date), and the question names another period${read}. Ask "what is the forecast for this month?", or for that period's spend so far.`;
}
