/**
 * AI spend beside a slice of cloud spend (planner/ai-beside-cloud.ts): both totals over the same
 * period and scope, the larger first, and the difference between them, as "search vs checkout"
 * says two teams. Amounts in different currencies are not set against each other.
 */
import type pg from 'pg';
import { runCostQuery, type CostResult } from '../../costs/run.ts';
import type { Plan } from '../planner/plan-result.ts';
import { answerFromResult, declined, type Answer, type AskOptions } from './answer.ts';
import { formatValue, metricName } from './format.ts';
import { capital, when } from './summary.ts';

const totalOf = (r: CostResult) => r.rows.reduce((s, row) => s + Number(row[r.metric] ?? 0), 0);

export async function answerAiBesideCloud(pool: pg.Pool, plan: Plan & { aiBeside: NonNullable<Plan['aiBeside']> }, options: AskOptions & { asOf: string }): Promise<Answer> {
  const run = (query: Plan['query']) => runCostQuery(pool, query, { viewer: options.viewer, asOf: options.asOf, timeoutMs: options.timeoutMs });
  const [cloud, ai] = await Promise.all([run(plan.query), run(plan.aiBeside.ai)]);
  const currencies = new Set([...cloud.currencies, ...ai.currencies]);
  if (currencies.size > 1)
    return declined(`AI and ${plan.aiBeside.label} are in different currencies (${[...currencies].join(', ')}), which I do not set against each other; ask about each on its own.`, [], options.asOf);
  const unit = [...currencies][0] ?? cloud.unit;
  const sides = [
    { name: 'AI', amount: totalOf(ai) },
    { name: plan.aiBeside.label, amount: totalOf(cloud) },
  ].sort((a, b) => b.amount - a.amount);
  const [hi, lo] = [sides[0]!, sides[1]!];
  const d = hi.amount - lo.amount;
  const pct = lo.amount !== 0 ? ` (${((d / Math.abs(lo.amount)) * 100).toFixed(1)}%)` : '';
  const diff = d === 0 ? '; the same' : `; ${hi.name} is ${formatValue(d, unit)}${pct} more than ${lo.name}`;
  const text = `${capital(metricName(cloud.metric))}, ${when(cloud, plan.period)}: ${sides.map((s) => `${s.name} ${formatValue(s.amount, unit)}`).join(', ')}${diff}.`;
  return {
    ...answerFromResult(cloud, { period: plan.period }, { assumptions: plan.assumptions, corrections: plan.corrections }),
    answer: text,
    value: null,
    rows: sides.map((s) => ({ side: s.name, [cloud.metric]: s.amount, ...(unit ? { currency: unit } : {}) })),
    column: cloud.metric,
  };
}
