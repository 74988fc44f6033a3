/**
 * Answers a derived measure (src/ask/planner/derived.ts) from two runs of the same query, one per
 * metric: "how much did we save against list price?" is list minus effective cost, "billed vs
 * effective" billed minus effective cost, "what's our
 * cache hit rate?" is cached input tokens over all input tokens, calls per task LLM calls over task
 * ids, "input vs output tokens" each kind beside the other. Both numbers are shown beside it.
 */
import type pg from 'pg';
import type { CostQuery } from '../../costs/query.ts';
import { runCostQuery, type CostResult, type Viewer } from '../../costs/run.ts';
import { formatValue, scopeText } from './format.ts';
import { DERIVED, GROUPED_DERIVED, type Derived } from '../planner/derived.ts';
import { tokenKinds } from './token-kinds.ts';
import { answerCacheSavings } from './cache-savings.ts';
import { answerCallsPerTask } from './calls-per-task.ts';
import { when as periodWhen } from './summary.ts';
import { SAVINGS_COLUMN, savingsRows } from './savings-rows.ts';
import { withAccountNames } from './account-names.ts';
import { CACHE_RATE_COLUMN, cacheRateRows } from './cache-rate-rows.ts';
import { BILLED_GAP_COLUMN, billedGapRows } from './billed-gap-rows.ts';

export interface DerivedAnswer {
  text: string;
  value: number | null;
  unit: string;
  rows: Array<Record<string, string | number | null>>;
  /** The first metric's result: the query, dates and freshness the answer reports. */
  result: CostResult;
  /** The rows' column holding each row's figure (savings per group), when there are rows of it. */
  column?: string;
}

const totalOf = (r: CostResult) => (typeof r.rows[0]?.[r.metric] === 'number' ? (r.rows[0][r.metric] as number) : 0);

export async function answerDerived(pool: pg.Pool, derived: Derived, query: CostQuery, period: string, options: { viewer: Viewer; asOf: string; timeoutMs?: number }): Promise<DerivedAnswer> {
  if (derived === 'cache_savings') return answerCacheSavings(pool, query, period, options);
  if (derived === 'calls_per_task') return answerCallsPerTask(pool, query, period, options);
  const { of, against } = DERIVED[derived];
  // Savings, cache hit rates and token kinds per group are ranked by themselves, not by either run's metric: every group is read, and cut after.
  const all = GROUPED_DERIVED.includes(derived) && query.groupBy.length > 0 ? { ...query, limit: undefined } : query;
  // Savings per account name each account beside its id, as other per-account answers do (account-names.ts).
  const run = (metric: CostQuery['metric']) =>
    runCostQuery(pool, { ...all, metric }, { viewer: options.viewer, asOf: options.asOf, timeoutMs: options.timeoutMs }).then((r) => (derived === 'savings' ? withAccountNames(pool, r, options) : r));
  const [a, b] = await Promise.all([run(of), run(against)]);
  const [x, y] = [totalOf(a), totalOf(b)];
  const when = periodWhen(a, period);
  const scope = scopeText(a.query);
  if (derived === 'token_kinds') {
    const { text, rows } = tokenKinds(a, b, query, period);
    // Two figures, not one: each is in its own column of the rows.
    return { text, value: null, unit: 'tokens', rows, result: a };
  }
  if (derived === 'billed_gap' || derived === 'negotiated_savings') {
    // Money in two currencies has no one gap: billed against effective is said per currency, negotiated savings asked for each.
    if ((a.rows.length > 1 || b.rows.length > 1) && derived === 'billed_gap') {
      const { text, rows } = billedGapRows(a, b, `Billed cost minus effective cost${scope}, ${when}`);
      return { text, value: null, unit: a.unit, rows, result: a, column: BILLED_GAP_COLUMN };
    }
    if (a.rows.length > 1 || b.rows.length > 1) {
      return {
        text: `That spend is in more than one currency (${a.currencies.join(', ')}); ask for negotiated savings in one of them, or for one provider.`,
        value: null,
        unit: a.unit,
        rows: [],
        result: a,
      };
    }
    if (derived === 'negotiated_savings') {
      const share = x !== 0 ? ` (${(((x - y) / x) * 100).toFixed(1)}% below list)` : '';
      return {
        text: `Negotiated savings (list minus contracted cost)${scope}, ${when}: ${formatValue(x - y, a.unit)}${share}: list cost ${formatValue(x, a.unit)}, contracted cost ${formatValue(y, a.unit)}.`,
        value: x - y,
        unit: a.unit,
        rows: [{ list_cost: x, contracted_cost: y, negotiated_savings: x - y }],
        result: a,
      };
    }
    return {
      text: `Billed cost minus effective cost${scope}, ${when}: ${formatValue(x - y, a.unit)}: billed ${formatValue(x, a.unit)}, effective ${formatValue(y, a.unit)}.`,
      value: x - y,
      unit: a.unit,
      rows: [{ billed_cost: x, effective_cost: y, billed_minus_effective: x - y }],
      result: a,
    };
  }
  // Per group, or in more than one currency: a row each, never one sum across currencies.
  if (derived === 'savings' && (query.groupBy.length > 0 || a.rows.length > 1 || b.rows.length > 1)) {
    const { text, rows } = savingsRows(a, b, query, period);
    return { text, value: null, unit: a.unit, rows, result: a, column: SAVINGS_COLUMN };
  }
  if (derived === 'savings') {
    const saved = x - y;
    const share = x !== 0 ? ` (${((saved / x) * 100).toFixed(1)}% below list)` : '';
    return {
      text: `Savings against list price${scope}, ${when}: ${formatValue(saved, 'USD')}${share}: list cost ${formatValue(x, 'USD')}, effective cost ${formatValue(y, 'USD')}.`,
      value: saved,
      unit: 'USD',
      rows: [{ list_cost: x, effective_cost: y, savings: saved }],
      result: a,
    };
  }
  if (query.groupBy.length > 0) {
    const { text, rows } = cacheRateRows(a, b, query, period);
    return { text, value: null, unit: '%', rows, result: a, column: CACHE_RATE_COLUMN };
  }
  const rate = y !== 0 ? (x / y) * 100 : null;
  const text =
    rate === null
      ? `Cache hit rate${scope}, ${when}: n/a (no input tokens in this period).`
      : `Cache hit rate${scope}, ${when}: ${rate.toFixed(1)}% of input tokens were read from the prompt cache (${formatValue(x, 'tokens')} of ${formatValue(y, 'tokens')}).`;
  return { text, value: rate, unit: '%', rows: [{ cached_tokens: x, input_tokens: y, cache_hit_rate: rate }], result: a };
}
