/**
 * SQL pieces the scans share: scope keys (src/schema/scope.ts)
 * turned into the expression each source table computes them with, through the query layer's
 * allow-list (src/costs/dimensions.ts), and a parameter list so every value is bound, never concatenated.
 */
import type pg from 'pg';
import { canonicalKey } from '../schema/scope.ts';
import { dimensionSql, type Bind } from '../costs/dimensions.ts';
import { inTransaction } from '../db/transaction.ts';
import { dimensionOfScopeKey, TABLE, TIME_COLUMN } from '../schema/dimensions.ts';

export type ScanSource = 'cloud' | 'ai';
export { TABLE, TIME_COLUMN };

/** The cost column of each source: amortised (effective) cost for cloud, the priced call cost for AI. */
export const COST: Record<ScanSource, string> = { cloud: 'effective_cost', ai: 'cost' };

/** Statement parameters: `bind` appends a value and returns its placeholder. */
export class Params {
  readonly values: unknown[] = [];
  readonly bind: Bind = (value, cast) => {
    this.values.push(value);
    return `$${this.values.length}${cast ? `::${cast}` : ''}`;
  };
}

/** The query layer's dimension name of a scope key, or of `sku_id` (waste findings group by SKU, scopes do not). */
export function dimensionOf(key: string): string {
  if (key === 'sku_id') return 'SkuId';
  const k = canonicalKey(key);
  return k.startsWith('tag:') ? k : (dimensionOfScopeKey(k) ?? k);
}

/** The SQL of a scope key on a source, or null when that source has no such dimension. */
export function keySql(key: string, source: ScanSource, bind: Bind): string | null {
  return dimensionSql(dimensionOf(key), source, bind);
}

/**
 * `expr = $n and …` for every key of a scope, each key's expression from `keyOf` (keySql on a
 * source, or a DailySource's key), or null when one of them has none.
 */
export function scopeWhere(scope: Record<string, string>, keyOf: (key: string) => string | null, bind: Bind): string | null {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(scope)) {
    const sql = keyOf(key);
    if (sql === null) return null;
    parts.push(`${sql} = ${bind(value, 'text')}`);
  }
  return parts.length ? parts.join(' and ') : 'true';
}

/** Days per month for run rates: 365 / 12. */
export const DAYS_PER_MONTH = 30.4167;

/** Day arithmetic, here too so scans import their SQL helpers from one place. */
export { addDays, daysBetween } from '../schema/days.ts';

/** The SQL of an attribution or FOCUS key that needs no parameter (team, environment, …), on a source that has it. */
export function columnSql(key: string, source: ScanSource): string {
  const sql = keySql(key, source, () => {
    throw new Error(`${key} needs a parameter; use keySql`);
  });
  if (sql === null) throw new Error(`${source} has no ${key}`);
  return sql;
}

/**
 * Runs `fn` in one read-only, repeatable-read transaction (checks that read twice, such as the
 * rollup's freshness and then the rollup, see one snapshot), with enough work_mem for aggregates
 * to hash in memory: with the default 4 MB PostgreSQL sorts millions of rows to disk to group them.
 */
export function inScanTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  return inTransaction(pool, fn, "begin isolation level repeatable read read only; set local work_mem = '256MB'");
}

/** One scan query, in its own scan transaction. */
export function scanQuery(pool: pg.Pool, sql: string, values: unknown[] = []): Promise<pg.QueryResult> {
  return inScanTransaction(pool, (client) => client.query(sql, values));
}
