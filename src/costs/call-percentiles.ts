/**
 * A percentile of single LLM calls ("median cost per call", "p95 tokens per request by model"):
 * llm_usage keeps one row per call, so a percentile over its rows is one over calls. Rows standing
 * for several requests (an organisation's usage bucket) or none (a costs export) are no single call,
 * and for a cost a call with no cost is no price paid: both are left out and counted. Cloud rows are
 * a resource's charge over a day or an hour, no unit of anything, so no percentile is read from them.
 *
 * The calls' values are read in a materialized CTE and ranked outside it: on Citus the CTE runs on
 * the workers and its rows are ranked on the coordinator, as a percentile, an ordered-set
 * aggregate, cannot be split over shards. Money is ranked per currency. percentile_disc, not _cont:
 * the figure is one call's own value, so money stays numeric (percentile_cont interpolates in float).
 */
import type pg from 'pg';
import { TABLE, TIME_COLUMN } from '../schema/dimensions.ts';
import { filterSql, makeBinder, type Viewer } from './compile.ts';
import { CURRENCY_SQL } from './currency.ts';
import { dimensionSql } from './dimensions.ts';
import { CostQueryError, type CostQuery } from './query.ts';
import { DEFAULT_TIMEOUT_MS, readOnly } from './run.ts';
import { resolveTime, type DateRange } from './time.ts';

/** What is ranked per call: its cost, or its tokens (all, input or output). */
export type CallMeasure = 'cost' | 'tokens' | 'input_tokens' | 'output_tokens';

const MEASURE_SQL: Record<CallMeasure, string> = { cost: 'cost', tokens: 'input_tokens + output_tokens', input_tokens: 'input_tokens', output_tokens: 'output_tokens' };

export interface PercentileRow {
  /** The groups' values, by dimension. */
  groups: Record<string, string | null>;
  currency: string | null;
  value: number | null;
  /** Single calls ranked. */
  calls: number;
}

export interface CallPercentiles {
  range: DateRange;
  rows: PercentileRow[];
  /** Rows of the scope left out: not one call (requests other than 1), or, for a cost, a call with no cost. */
  leftOut: { rows: number; notOneCall: number; noCost: number };
}

/** Groups read at most: a percentile per model or team, not per call. */
const MAX_GROUPS = 1000;

export async function callPercentiles(pool: pg.Pool, q: CostQuery, p: number, measure: CallMeasure, opts: { viewer: Viewer; asOf: string; timeoutMs?: number }): Promise<CallPercentiles> {
  if (!(p > 0 && p < 1)) throw new CostQueryError('a percentile is between 0 and 1');
  const values: unknown[] = [];
  const bind = makeBinder(values);
  const range = resolveTime(q.time, opts.asOf);
  const dim = (d: string) => {
    const sql = dimensionSql(d, 'ai', bind);
    if (sql === null) throw new CostQueryError(`${d} is not available on AI usage`);
    return sql;
  };
  const t = TIME_COLUMN.ai;
  const where = [`${t} >= ${bind(`${range.from}T00:00:00Z`, 'timestamptz')}`, `${t} < ${bind(`${range.to}T00:00:00Z`, 'timestamptz')}`];
  for (const f of q.filters) where.push(filterSql(f, dim(f.dimension), bind));
  if (!opts.viewer.admin) where.push(`${dim('team')} = any(${bind(opts.viewer.teams, 'text[]')})`);
  const money = measure === 'cost';
  const single = `requests = 1${money ? ' and cost > 0' : ''}`;
  const keys = [...q.groupBy.map((_, i) => `d${i}`), 'ccy'];
  const from = `from ${TABLE.ai} where ${where.join(' and ')}`;
  // The count of rows left out reads the scope's parameters only, bound first.
  const scoped = values.length;
  const cols = [...q.groupBy.map((d, i) => `${dim(d)} as d${i}`), `${money ? CURRENCY_SQL.ai : 'null::text'} as ccy`];
  const ranked = `with c as materialized (select ${cols.join(', ')}, ${MEASURE_SQL[measure]} as v ${from} and ${single})
    select ${keys.join(', ')}, percentile_disc(${bind(p, 'float8')}) within group (order by v) as m, count(*) as n from c group by ${keys.join(', ')} order by m desc nulls last limit ${bind(MAX_GROUPS, 'int')}`;
  const left = `select count(*) as rows, count(*) filter (where requests <> 1) as not_one, count(*) filter (where requests = 1) as no_cost ${from} and not (${single})`;
  const [rows, out] = await readOnly(pool, opts.timeoutMs ?? DEFAULT_TIMEOUT_MS, async (client) => [
    (await client.query(ranked, values)).rows as Array<Record<string, string | number | null>>,
    (await client.query(left, values.slice(0, scoped))).rows[0] as Record<string, string>,
  ]);
  return {
    range,
    rows: rows.map((r) => ({
      groups: Object.fromEntries(q.groupBy.map((d, i) => [d, (r[`d${i}`] as string | null) ?? null])),
      currency: (r.ccy as string | null) ?? null,
      value: r.m === null ? null : Number(r.m),
      calls: Number(r.n),
    })),
    leftOut: { rows: Number(out.rows), notOneCall: Number(out.not_one), noCost: money ? Number(out.no_cost) : 0 },
  };
}
