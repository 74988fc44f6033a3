/**
 * A percentile per LLM call's answer (planner/call-percentiles.ts): the value per group (or in all)
 * over single calls, how many calls it ranks, and the rows left out (usage buckets standing for
 * several requests, costs exports standing for none, calls with no cost), said. `--json` keeps its
 * shape: the rows hold the groups, `currency` for money, the figure under the statistic's name
 * ("median", "p95") and `calls`; `statistic` names it.
 */
import type pg from 'pg';
import { callPercentiles } from '../../costs/call-percentiles.ts';
import { CostQueryError } from '../../costs/query.ts';
import type { CostRow } from '../../costs/run.ts';
import type { Plan } from '../planner/plan-result.ts';
import { declined, type Answer, type AskOptions } from './answer.ts';
import { dimensionName, formatValue, rangeText, scopeText } from './format.ts';
import { capital, when } from './summary.ts';

const WHAT = { cost: 'cost per call', tokens: 'tokens per call', input_tokens: 'input tokens per call', output_tokens: 'output tokens per call' } as const;
/** Groups named in the sentence. */
const NAMED = 5;

export async function answerCallPercentile(pool: pg.Pool, plan: Plan, options: AskOptions & { asOf: string }): Promise<Answer & { statistic: string }> {
  const { p, name, measure } = plan.percentile!;
  let read;
  try {
    read = await callPercentiles(pool, plan.query, p, measure, { viewer: options.viewer, asOf: options.asOf, timeoutMs: options.timeoutMs });
  } catch (err) {
    if (err instanceof CostQueryError) return { ...declined(`I can't rank single calls by that: ${err.message}.`, [], options.asOf), statistic: name };
    throw err;
  }
  const dims = plan.query.groupBy;
  const unitOf = (c: string | null) => (measure === 'cost' ? (c ?? 'USD') : 'tokens');
  const rows: CostRow[] = read.rows.map((r) => ({ ...r.groups, ...(measure === 'cost' ? { currency: r.currency } : {}), [name]: r.value, calls: r.calls }));
  const fake = { range: read.range } as Parameters<typeof when>[0];
  const head = `${capital(name)} ${WHAT[measure]}${scopeText(plan.query)}${dims.length ? ` by ${dims.map(dimensionName).join(' and ')}` : ''}, ${when(fake, plan.period)}`;
  const said = (r: (typeof read.rows)[number]) => `${formatValue(r.value, unitOf(r.currency))} over ${r.calls.toLocaleString('en-US')} calls`;
  const label = (r: (typeof read.rows)[number]) => dims.map((d) => r.groups[d] ?? `(no ${dimensionName(d)})`).join(' / ');
  const body =
    read.rows.length === 0
      ? ': no single call with a cost in this period and scope'
      : dims.length === 0 && read.rows.length === 1
        ? `: ${said(read.rows[0]!)}`
        : `: ${read.rows
            .slice(0, NAMED)
            .map((r) => `${label(r)} ${said(r)}`)
            .join(', ')}${read.rows.length > NAMED ? `, and ${read.rows.length - NAMED} more` : ''}`;
  const l = read.leftOut;
  const count = (n: number, one: string, many: string) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
  const parts = [
    l.noCost ? count(l.noCost, 'call with no cost', 'calls with no cost') : '',
    l.notOneCall ? `${count(l.notOneCall, 'row that is', 'rows that are')} not one call (usage buckets or cost exports)` : '',
  ].filter(Boolean);
  const left = parts.length ? ` Left out: ${parts.join(' and ')}.` : '';
  const value = dims.length === 0 && read.rows.length === 1 ? read.rows[0]!.value : null;
  const how = `I read this as: the ${name} of ${WHAT[measure]} over single LLM calls (one row each in llm_usage; the figure is a call's own value)${scopeText(plan.query)}, ${rangeText(read.range)}; ${measure === 'cost' ? 'calls with no cost and ' : ''}rows standing for several requests or none left out; assumed ${plan.assumptions.join(', ') || 'nothing more'}.`;
  return {
    answer: `${head}${body}.${left}`,
    value,
    unit: measure === 'cost' ? (read.rows[0]?.currency ?? 'USD') : 'tokens',
    rows,
    query: plan.query,
    asOf: options.asOf,
    dataThrough: null,
    llmCalls: 0,
    promptTokens: 0,
    how,
    suggestions: [],
    column: name,
    statistic: name,
  };
}
