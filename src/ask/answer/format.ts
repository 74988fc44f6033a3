/**
 * Words for numbers and queries: money, token and request counts, a query's scope and period, and
 * the one line that says how an answer was computed and how fresh the data is. Shared by the
 * planner's answers and the agent's, so both describe the same query the same way.
 */
import { sourcesFor } from '../../costs/compile.ts';
import { FOCUS_METRIC_TEXT } from '../../costs/focus-metrics.ts';
import { isTagCoverage, type CostQuery, type Filter, type Metric } from '../../costs/query.ts';
import type { CostResult, CostRow } from '../../costs/run.ts';
import { ATTRIBUTION_DIMENSIONS } from '../../schema/attribution.ts';
import { addDays } from '../../schema/days.ts';
import { dimensionLabel } from '../../schema/dimensions.ts';
import { formatMoney } from '../../schema/money.ts';

export const dimensionName = dimensionLabel;

const METRIC_NAMES: Record<Metric, string> = {
  effective_cost: 'cost',
  billed_cost: 'billed cost',
  list_cost: 'list cost',
  input_tokens: 'input tokens',
  output_tokens: 'output tokens',
  cached_tokens: 'cached input tokens',
  total_tokens: 'tokens',
  requests: 'LLM calls',
  cost_per_request: 'cost per LLM call',
  cost_per_1k_requests: 'cost per 1,000 LLM calls',
  cost_per_1m_requests: 'cost per million LLM calls',
  cost_per_1k_tokens: 'cost per 1,000 tokens',
  cost_per_1m_tokens: 'cost per million tokens',
  cost_per_successful_task: 'cost per successful task',
  cost_per_task: 'cost per task',
  cost_per_customer: 'cost per customer',
  tokens_per_request: 'tokens per LLM call',
  input_tokens_per_request: 'input tokens per LLM call',
  output_tokens_per_request: 'output tokens per LLM call',
  tasks: 'tasks',
  successful_tasks: 'successful tasks',
  failed_tasks: 'failed tasks',
  task_success_rate: 'task success rate',
  task_failure_rate: 'task failure rate',
  ...Object.fromEntries(Object.entries(FOCUS_METRIC_TEXT).map(([m, t]) => [m, t.name])),
} as Record<Metric, string>;

export function metricName(m: Metric): string {
  return METRIC_NAMES[m];
}

/** $12,345.67, €80.00; small unit costs keep four significant digits ($0.004512). `unit` is tokens, requests, quantity, ratio or a currency. */
export function formatValue(value: number | null, unit: string): string {
  if (value === null) return 'n/a';
  if (unit === 'tokens' || unit === 'requests' || unit === 'tasks' || unit === 'rows') return `${Math.round(value).toLocaleString('en-US')} ${unit === 'requests' ? 'calls' : unit}`;
  if (unit === 'ratio') return `${(value * 100).toFixed(2)}%`;
  if (unit === 'quantity') return value.toLocaleString('en-US', { maximumFractionDigits: 4 });
  const abs = Math.abs(value);
  const digits = abs !== 0 && abs < 1 ? Math.min(8, 3 - Math.floor(Math.log10(abs))) : 2;
  return formatMoney(value, unit, { min: Math.min(digits, 2), max: digits });
}

/** The unit of one row's numbers: its currency for money, else the result's unit. */
export function rowUnit(result: CostResult, row: CostRow): string {
  return typeof row.currency === 'string' && result.unit !== 'ratio' ? row.currency : result.unit;
}

export function formatDelta(delta: number | null, pct: number | null, unit: string): string {
  if (delta === null) return 'n/a';
  const sign = delta > 0 ? '+' : delta < 0 ? '−' : '±';
  const amount = formatValue(Math.abs(delta), unit);
  return pct === null ? `${sign}${amount}` : `${sign}${amount} (${sign}${Math.abs(pct).toFixed(1)}%)`;
}

/** The last day of an exclusive range. */
export function lastDay(to: string): string {
  return addDays(to, -1);
}

export function rangeText(r: { from: string; to: string }): string {
  const end = lastDay(r.to);
  return r.from === end ? r.from : `${r.from} to ${end}`;
}

/**
 * How "has no value" and "has a value" read for dimensions where that is a definition of its own:
 * "untagged" is said with the definition used (no team tag, or no tags at all).
 */
const NULL_TEXT: Record<string, [string, string]> = {
  team: ['untagged (no team tag)', 'with a team tag'],
  Tags: ['untagged (no tags at all)', 'with any tag'],
  customer: ['not attributed to a customer (no customer tag)', 'customer-attributed (with a customer tag)'],
  CommitmentDiscountId: ['on-demand (no commitment discount)', 'commitment-covered'],
  CapacityReservationId: ['without a capacity reservation', 'on a capacity reservation'],
  AllocatedMethodId: ['not split by cost allocation', 'split by cost allocation (with an allocation method)'],
  SubAccountId: ['charged to no sub account', 'charged to a sub account'],
};

/** Days of the week read as days: "weekends", "Saturdays or Sundays". */
const ON_DAYS = new Set(['day_type', 'day_of_week']);

function filterText(f: Filter): string {
  const name = dimensionName(f.dimension);
  if (ON_DAYS.has(f.dimension) && (f.op === 'eq' || f.op === 'in') && (f.op === 'in' || f.value !== null)) {
    return (f.op === 'in' ? f.values : [f.value!]).map((d) => `${d}s`).join(' or ');
  }
  switch (f.op) {
    case 'eq':
      if (f.value === null) return NULL_TEXT[f.dimension]?.[0] ?? (isTagCoverage(f) ? `untagged (no ${f.dimension.startsWith('tag:') ? f.dimension.slice(4) : name} tag)` : `untagged (no ${name})`);
      // "for AI usage", not "for cloud or AI ai".
      if (f.dimension === 'dataset') return DATASET_TEXT[f.value as CostQuery['dataset']] ?? `${name} ${f.value}`;
      return `${name} ${f.value}`;
    case 'not':
      if (f.value === null) return NULL_TEXT[f.dimension]?.[1] ?? (f.dimension.startsWith('tag:') ? `tagged with ${f.dimension.slice(4)}` : `with a ${name}`);
      return `excluding ${name} ${f.value}`;
    case 'in':
      return `${name} ${f.values.join(' or ')}`;
    case 'contains':
      return `${name} containing "${f.value}"`;
  }
}

/** Dimensions a row may lack (the attributions, tags): a charge category or provider every row has. */
const MAY_BE_UNSET = (d: string) => (ATTRIBUTION_DIMENSIONS as readonly string[]).includes(d) || d.startsWith('tag:');

/**
 * What an exclusion keeps: "non-prod" is every environment but prod, and spend with no environment
 * at all is not prod's, so it is in. Said, since a reader may count untagged spend either way.
 */
function exclusionsText(q: CostQuery): string[] {
  const out = new Map<string, string[]>();
  for (const f of q.filters) if (f.op === 'not' && f.value !== null && MAY_BE_UNSET(f.dimension)) out.set(f.dimension, [...(out.get(f.dimension) ?? []), f.value]);
  return [...out].map(([d, values]) => `excluding ${dimensionName(d)} ${values.join(' and ')}: every ${dimensionName(d)} but ${values.join(' and ')}, spend with no ${dimensionName(d)} included`);
}

/** A breakdown by a dimension leaving out rows without one ("cheapest team") says so by its groups alone. */
const impliedByGroups = (q: CostQuery, f: Filter) => f.op === 'not' && f.value === null && !f.dimension.startsWith('tag:') && q.groupBy.includes(f.dimension);

/** "for team search and model gpt-4o", or '' for everything. */
/** What a share is of: "all spend", "all AI spend", "all cloud spend for service X", "all line items" when rows are counted. */
export function wholeText(q: CostQuery): string {
  const kind = q.metric === 'line_items' ? 'line items' : q.dataset === 'ai' ? 'AI spend' : q.dataset === 'cloud' ? 'cloud spend' : 'spend';
  return `all ${kind}${scopeText(q)}`;
}

export function scopeText(q: CostQuery): string {
  const said = q.filters.filter((f) => !impliedByGroups(q, f));
  if (said.length === 0) return '';
  return ` for ${said.map(filterText).join(' and ')}`;
}

const DATASET_TEXT: Record<CostQuery['dataset'], string> = { cloud: 'cloud billing (FOCUS)', ai: 'AI usage', all: 'cloud billing (FOCUS) and AI usage' };
const BASIS: Partial<Record<Metric, string>> = {
  effective_cost: 'EffectiveCost (after discounts and commitments), with AI calls at their priced cost',
  billed_cost: 'BilledCost as invoiced, with AI calls at their priced cost',
  list_cost: 'ListCost (public prices), with AI calls at their priced cost',
  cost_per_successful_task: 'the cost of AI calls made within a task (calls with a task id; features that record no tasks are left out) divided by tasks that ended in success',
  cost_per_task: 'the cost of AI calls made within a task (calls with a task id; features that record no tasks are left out) divided by all tasks, whatever their outcome',
  cost_per_customer: 'cost attributed to a customer divided by those customers (spend with no customer is left out)',
  tasks: 'distinct task ids in task outcomes',
  successful_tasks: 'distinct task ids with an outcome of success',
  failed_tasks: 'distinct task ids with an outcome of failure (a task retried after failing counts here and in successes)',
  task_success_rate: 'distinct task ids with a success over all distinct task ids',
  task_failure_rate: 'distinct task ids with a failure over all distinct task ids (a task retried after failing counts here and in successes)',
  ...Object.fromEntries(Object.entries(FOCUS_METRIC_TEXT).map(([m, t]) => [m, t.basis])),
};

export const THRESHOLD_WORDS = { gt: 'above', gte: 'at least', lt: 'below', lte: 'at most' } as const;

/** "above $1,000": money in the rows' one currency, or compared within each row's own; null without a threshold. */
export function thresholdPhrase(result: CostResult): string | null {
  const t = result.query.threshold;
  if (!t) return null;
  const unit = result.unit === 'mixed' ? null : result.unit;
  const amount = unit ? formatValue(t.value, unit) : `${t.value.toLocaleString('en-US')} in each row's currency`;
  return `${THRESHOLD_WORDS[t.op]} ${amount}`;
}

const thresholdText = (result: CostResult) => {
  const phrase = thresholdPhrase(result);
  return phrase ? `, only rows ${phrase}` : '';
};

/** "I read this as: effective cost by team, top 5, 2026-10-01 to 2026-10-31, cloud and AI." */
export function readAsText(result: CostResult, corrections: string[] = []): string {
  const q = result.query;
  const trend = q.granularity === 'total' ? '' : `${q.granularity === 'day' ? 'daily' : `${q.granularity}ly`} `;
  const by = q.groupBy.length ? ` by ${q.groupBy.map(dimensionName).join(' and ')}` : '';
  const parts = [`${trend}${q.metric.replace(/_/g, ' ')}${scopeText(q)}${by}${thresholdText(result)}`];
  if (q.limit !== undefined) parts.push(`${q.orderBy.direction === 'asc' ? 'bottom' : 'top'} ${q.limit}`);
  // The period basis is always said: an invoice total and a month's charges are different numbers.
  parts.push(`${q.periodBasis === 'billing' ? 'billing periods starting' : 'charged'} ${rangeText(result.range)}`);
  if (result.previous) parts.push(`compared with ${rangeText(result.previous)}`);
  const sources = sourcesFor(q);
  parts.push([sources.includes('cloud') ? 'cloud' : '', sources.includes('ai') ? 'AI' : ''].filter(Boolean).join(' and '));
  return `I read this as: ${parts.join(', ')}${corrections.length ? ` (${corrections.join(', ')})` : ''}.`;
}

/** Two sentences: how the question was read, then what was summed, over which days, from where, and how fresh the data is. */
export function howText(result: CostResult, assumptions: string[] = [], corrections: string[] = []): string {
  const q = result.query;
  const parts = [`${metricName(q.metric)}${BASIS[q.metric] ? ` = ${BASIS[q.metric]}` : ''}`, `${DATASET_TEXT[q.dataset]}`, `${rangeText(result.range)} (UTC)`];
  if (result.previous) parts.push(`compared with ${rangeText(result.previous)}`);
  if (q.currency) parts.push(`converted to ${q.currency} with the loaded exchange rates`);
  parts.push(...exclusionsText(q));
  parts.push(result.rollup ? 'from the daily rollup' : 'from the raw tables');
  const through = result.dataThrough ? `data through ${result.dataThrough.slice(0, 16).replace('T', ' ')} UTC` : 'no data before the as-of date';
  return `${readAsText(result, corrections)} How: ${parts.join('; ')}; ${through}${assumptions.length ? `; assumed ${assumptions.join(', ')}` : ''}.`;
}
