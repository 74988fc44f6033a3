/**
 * A median or percentile per LLM call: "median cost per LLM call last month", "p95 cost per request
 * by model", "what's the 90th percentile of tokens per call". The question is planned again with
 * "average" in the statistic's place: where that is a cost or tokens per call (one row per call in
 * llm_usage), the plan ranks single calls instead (costs/call-percentiles.ts). Anything else, a
 * percentile of cloud cost per row or per day, is left to unkept-measures.ts to decline, saying why.
 */
import type { Metric } from '../../costs/query.ts';
import type { CallMeasure } from '../../costs/call-percentiles.ts';
import type { Plan, Refusal } from './plan-result.ts';

/** "median", "p95", "p99.9" is not read; "95th percentile", "90th-percentile"; an "of" after is the statistic's. */
const STATISTIC = /\b(?:(median)|p(50|75|90|95|99)|(\d{1,2})(?:st|nd|rd|th)?[\s-]+percentile)\b(?:\s+of)?/;
const MEASURE: Partial<Record<Metric, CallMeasure>> = {
  cost_per_request: 'cost',
  tokens_per_request: 'tokens',
  input_tokens_per_request: 'input_tokens',
  output_tokens_per_request: 'output_tokens',
};

export interface CallPercentile {
  /** Between 0 and 1: 0.5 for a median. */
  p: number;
  /** How it is said: "median", "p95". */
  name: string;
  measure: CallMeasure;
}

/** The plan of a percentile per call, with `percentile` set; null when the question asks none that reads per call. */
export function readCallPercentile(question: string, plan: (text: string) => Plan | Refusal): Plan | null {
  const text = question.toLowerCase();
  const m = STATISTIC.exec(text);
  if (!m || text.length !== question.length) return null;
  const n = m[1] ? 50 : Number(m[2] ?? m[3]);
  if (n < 1 || n > 99) return null;
  const read = plan(`${question.slice(0, m.index)}average${question.slice(m.index + m[0].length)}`);
  if (!read.ok) return null;
  const measure = MEASURE[read.query.metric];
  const q = read.query;
  if (!measure || q.granularity !== 'total' || q.compare || q.threshold || read.derived || read.average || read.dailyAverage || read.versus || read.set || read.mixed) return null;
  const name = m[1] ? 'median' : `p${n}`;
  return { ...read, percentile: { p: n / 100, name, measure } };
}
