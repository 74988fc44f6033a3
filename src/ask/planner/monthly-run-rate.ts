/**
 * "monthly run-rate based on the last 30 days", "run rate per month off October": a month's
 * figure from a month of spend already made is that spend itself. Only a basis of 30 days or one
 * calendar month is read so: scaling a week or a quarter to a month needs a month's length the
 * asker did not give, so those are declined, as is a run rate with no basis (a forecast, outlook.ts).
 */
import { resolveTime } from '../../costs/time.ts';
import { daysBetween } from '../../schema/days.ts';
import type { Plan, Refusal } from './plan-result.ts';

const MONTHLY = /\bmonthly\s+(?:run[\s-]?rate|burn(?:\s+rate)?)\b|\brun[\s-]?rate\s+(?:per|a)\s+month\b/i;
const BASIS = /\b(?:based\s+(?:on|off)|off(?:\s+of)?|using|going\s+by)\b/i;

/** Whether a month's run rate names the period it is taken from. */
export const monthlyFromPeriod = (text: string): boolean => MONTHLY.test(text) && BASIS.test(text);

/** The spend of the month-long period named, saying so; a refusal for another length; null when no such run rate is asked. */
export function readMonthlyRunRate(question: string, asOf: string, plan: (text: string) => Plan | Refusal): Plan | Refusal | null {
  if (!monthlyFromPeriod(question)) return null;
  const read = plan(question.replace(MONTHLY, ' ').replace(BASIS, ' '));
  if (!read.ok || read.query.granularity !== 'total' || read.query.compare || read.derived || read.average || read.dailyAverage) return read.ok ? null : read;
  const r = resolveTime(read.query.time, asOf);
  const month = r.from.endsWith('-01') && r.to.endsWith('-01') && daysBetween(r.from, r.to) >= 28 && daysBetween(r.from, r.to) <= 31;
  if (daysBetween(r.from, r.to) !== 30 && !month) {
    return {
      ok: false,
      message: "I give a monthly run rate from 30 days or one calendar month of spend (that spend itself); scaling another period needs a month's length: ask for its average daily spend instead.",
      suggestions: [],
    };
  }
  return { ...read, assumptions: [`monthly run rate = the spend of ${read.period || 'the month-long period named'}, a month of spend already made`, ...read.assumptions] };
}
