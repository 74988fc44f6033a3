/**
 * Runs a CostQuery: validates it, compiles it, and executes it on one pooled client inside a
 * read-only transaction with a local statement timeout and a row cap. Rows come back keyed by
 * dimension name (`ServiceName`, `team`, `tag:env`), `period` (YYYY-MM-DD, or an hour's ISO time) for a trend, and the
 * metric name as a JSON number, with the exact decimal string beside it under `exact`, and money
 * rows their `currency` (one row per currency where the data has several, never a mixed sum). The daily
 * rollup is read instead of the raw tables when it is fresh and covers the query's dimensions.
 */
import type pg from 'pg';
import { inTransaction } from '../db/transaction.ts';
import { compileCostQuery, type Viewer } from './compile.ts';
import { DEFAULT_CURRENCY } from './currency.ts';
import { rollupFresh } from './rollups.ts';
import { isPerCurrency, parseCostQuery, unitOf, type CostQuery, type Metric } from './query.ts';
import { todayUtc, type DateRange } from './time.ts';
import { addDays, isoDay } from '../schema/days.ts';

export type { Viewer } from './compile.ts';

export interface RunOptions {
  viewer: Viewer;
  /** Evaluate as if today were this date (YYYY-MM-DD); defaults to today (UTC). */
  asOf?: string;
  rowCap?: number;
  timeoutMs?: number;
  /** Read the daily rollup when it is fresh (default); false always reads the raw tables. */
  rollups?: boolean;
  /** false: skip finding the latest charge time (`dataThrough` is null), e.g. for a companion query. */
  dataThrough?: boolean;
}

export type CostRow = Record<string, string | number | null>;

export interface CostResult {
  query: CostQuery;
  asOf: string;
  range: DateRange;
  /** Present when the query compares with the previous period. */
  previous?: DateRange;
  metric: Metric;
  /**
   * `tokens`, `requests`, `quantity`, `ratio`, or money's currency: the ISO code of the rows' one currency (USD when
   * there are no rows), or `mixed` when rows carry several (each row says its own).
   */
  unit: string;
  /** The distinct currencies of the rows, in the rows' order (the data's main currency first); empty for counts. */
  currencies: string[];
  rows: CostRow[];
  /** More rows matched than rowCap; `rows` holds the first rowCap. */
  truncated: boolean;
  /** Some stored row matched the query's range and filters, even if they sum to 0. */
  matched: boolean;
  /** The latest charge time (ISO timestamp) in the queried data before asOf; null when there is none. */
  dataThrough: string | null;
  /** Answered (at least partly) from the daily rollup. */
  rollup: boolean;
  sql: { text: string; values: unknown[] };
}

export const DEFAULT_ROW_CAP = 1000;
export const DEFAULT_TIMEOUT_MS = 10_000;

/** The unit of rows of `metric`: counts as such; money in its one currency (USD for no rows), `mixed` for several. */
export function unitOfRows(metric: Metric, rows: CostRow[]): Pick<CostResult, 'unit' | 'currencies'> {
  const currencies = [...new Set(rows.flatMap((r) => (typeof r.currency === 'string' ? [r.currency] : [])))];
  const unit = unitOf(metric);
  return { unit: unit !== 'money' ? unit : currencies.length > 1 ? 'mixed' : (currencies[0] ?? DEFAULT_CURRENCY), currencies };
}

/**
 * Groups in several currencies, the currency most of the matched rows are in first (then by code),
 * each currency's groups in their order: "the top account" is read in the data's main currency
 * first, not in whichever code sorts first. A timeline keeps its periods' order.
 */
function mainCurrencyFirst(raw: Record<string, unknown>[]): Record<string, unknown>[] {
  const weight = new Map<string, number>();
  for (const r of raw) weight.set(String(r.ccy), (weight.get(String(r.ccy)) ?? 0) + Number(r.nr ?? 0));
  if (weight.size < 2) return raw;
  const rank = [...weight.keys()].sort((a, b) => weight.get(b)! - weight.get(a)! || a.localeCompare(b));
  return [...raw].sort((a, b) => rank.indexOf(String(a.ccy)) - rank.indexOf(String(b.ccy)));
}

const toNumber = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

function isoDate(v: unknown): string | null {
  return v === null ? null : v instanceof Date ? isoDay(v) : String(v);
}

/**
 * The newest row before asOf; the recent window first. From the fresh rollup's recent days when it
 * can (a few thousand rows), else from the raw tables (a month of rows).
 */
export async function latestCharge(client: pg.PoolClient, sources: Array<'cloud' | 'ai'>, asOf: string, rollup: boolean): Promise<string | null> {
  const text = rollup
    ? 'select max(last_at) as t from cost_rollup_daily where dataset = any($3) and day >= $1::timestamptz::date and day < $2::timestamptz::date'
    : `select max(t) as t from (${sources
        .map((s) =>
          s === 'cloud'
            ? 'select max(charge_period_start) as t from cost_lines where charge_period_start >= $1 and charge_period_start < $2'
            : 'select max(ts) as t from llm_usage where ts >= $1 and ts < $2',
        )
        .join(' union all ')}) x`;
  const before = `${asOf}T00:00:00Z`;
  const recent = `${addDays(asOf, -35)}T00:00:00Z`;
  for (const from of [recent, '-infinity']) {
    const { rows } = await client.query<{ t: Date | null }>(text, rollup ? [from, before, sources] : [from, before]);
    if (rows[0]?.t) return rows[0].t.toISOString();
  }
  return null;
}

/** A query stopped by its statement timeout, said in words rather than as PostgreSQL's cancel. */
export class QueryTimeoutError extends Error {
  override name = 'QueryTimeoutError';
  constructor(readonly timeoutMs: number) {
    super(`the query took longer than ${timeoutMs >= 1000 ? `${timeoutMs / 1000} s` : `${timeoutMs} ms`} and was stopped`);
  }
}

/**
 * PostgreSQL's query_canceled. Nothing in Penny cancels these queries but their statement
 * timeout, which reaches the client as "canceling statement due to user request" when a parallel
 * worker's cancel is reported instead of the leader's timeout.
 */
const QUERY_CANCELED = '57014';

/** Runs `fn` on one pooled client in a read-only transaction whose statements time out after `timeoutMs`. */
export async function readOnly<T>(pool: pg.Pool, timeoutMs: number, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  try {
    // Repeatable read: the rollup freshness check and the query see one snapshot.
    return await inTransaction(
      pool,
      async (client) => {
        await client.query("select set_config('statement_timeout', $1, true)", [String(timeoutMs)]);
        return fn(client);
      },
      'begin isolation level repeatable read read only',
    );
  } catch (err) {
    if ((err as { code?: string }).code === QUERY_CANCELED) throw new QueryTimeoutError(timeoutMs);
    throw err;
  }
}

export async function runCostQuery(pool: pg.Pool, input: unknown, options: RunOptions): Promise<CostResult> {
  const query = parseCostQuery(input);
  const asOf = options.asOf ?? todayUtc();
  const rowCap = options.rowCap ?? DEFAULT_ROW_CAP;
  // Fails fast on a query that cannot be answered, before taking a connection.
  compileCostQuery(query, { asOf, viewer: options.viewer, rowCap });
  const [compiled, raw, dataThrough] = await readOnly(pool, options.timeoutMs ?? DEFAULT_TIMEOUT_MS, async (client) => {
    const rollups = options.rollups !== false && (await rollupFresh(client));
    const c = compileCostQuery(query, { asOf, viewer: options.viewer, rowCap, rollups });
    const rows = (await client.query(c.text, c.values)).rows as Record<string, unknown>[];
    const through = options.dataThrough === false ? null : await latestCharge(client, query.dataset === 'all' ? ['cloud', 'ai'] : [query.dataset], asOf, rollups);
    return [c, rows, through] as const;
  });

  const ordered = compiled.hasPeriod ? raw : mainCurrencyFirst(raw);
  const rows = ordered.slice(0, rowCap).map((r) => {
    const row: CostRow = {};
    compiled.dimensions.forEach((d, i) => (row[d] = (r[`d${i}`] as string | null) ?? null));
    if (compiled.hasPeriod) row.period = isoDate(r.period);
    if (isPerCurrency(query.metric)) row.currency = (r.ccy as string | null) ?? query.currency ?? DEFAULT_CURRENCY;
    row[query.metric] = toNumber(r.m);
    row.exact = r.m === null ? null : String(r.m);
    if (compiled.compare) {
      const cur = toNumber(r.m);
      const prev = toNumber(r.prev);
      row.previous = prev;
      row.delta = toNumber(r.delta);
      row.delta_pct = cur === null || prev === null || prev === 0 ? null : round(((cur - prev) / Math.abs(prev)) * 100, 2);
    }
    return row;
  });
  return {
    query,
    asOf,
    range: { from: compiled.time.from, to: compiled.time.to },
    ...(compiled.compare ? { previous: compiled.time.previous } : {}),
    metric: query.metric,
    ...unitOfRows(query.metric, rows),
    rows,
    truncated: raw.length > rowCap,
    matched: raw.some((r) => Number(r.nr) > 0),
    dataThrough,
    rollup: compiled.rollup,
    sql: { text: compiled.text, values: compiled.values },
  };
}
