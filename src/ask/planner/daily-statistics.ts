/**
 * A statistic over a period's days: "median daily spend last month", "standard deviation of daily
 * cloud cost in Oct", "p90 of daily AI spend this quarter". Each day's total is one value (a day
 * with no spend is 0, as in the daily average), so the statistic describes the spend, not how the
 * bill is cut into rows. The question is planned again with "average" in the statistic's place:
 * only where that is a daily average of one total is the statistic given; else unkept-measures.ts
 * declines it, saying why.
 */
import type { Plan, Refusal } from './plan-result.ts';

export type DailyStatistic = { name: string; p: number } | { name: 'standard deviation'; p: null };

const STATISTIC = /\b(?:(median)|p(50|75|90|95|99)|(\d{1,2})(?:st|nd|rd|th)?[\s-]+percentile|(std\.?\s*dev(?:iation)?|stdev|standard\s+deviation))\b(?:\s+of)?/;
/** The day as the unit: "daily", "per day", "a day", "day-to-day". */
const DAILY = /\b(?:daily|per\s+day|a\s+day|each\s+day|day[\s-]to[\s-]day)\b/;

/** The plan with `dailyStatistic` set; null when the question asks no statistic of daily totals. */
export function readDailyStatistic(question: string, plan: (text: string) => Plan | Refusal): Plan | null {
  const text = question.toLowerCase();
  const m = STATISTIC.exec(text);
  if (!m || text.length !== question.length || !DAILY.test(text)) return null;
  const n = m[4] ? null : m[1] ? 50 : Number(m[2] ?? m[3]);
  if (n !== null && (n < 1 || n > 99)) return null;
  const read = plan(`${question.slice(0, m.index)}average${question.slice(m.index + m[0].length)}`);
  if (!read.ok || !read.dailyAverage || read.query.groupBy.length > 0 || read.query.compare || read.derived || read.versus || read.set || read.mixed) return null;
  const statistic: DailyStatistic = n === null ? { name: 'standard deviation', p: null } : { name: m[1] ? 'median' : `p${n}`, p: n / 100 };
  const { dailyAverage: _, ...rest } = read;
  return { ...rest, dailyStatistic: statistic, assumptions: [`the ${statistic.name} of each day's total, a day with none counted as 0`, ...read.assumptions] };
}
