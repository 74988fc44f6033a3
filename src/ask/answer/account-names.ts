/**
 * "Which account spent the most?" answers with account names beside their ids: accounts are
 * grouped by id (the daily rollup has no names), and the names of the few ids in the answer are
 * read afterwards through the same query layer, for the same viewer and dates. Sub accounts and
 * billing accounts alike.
 */
import type pg from 'pg';
import { runCostQuery, type CostResult, type CostRow, type Viewer } from '../../costs/run.ts';

/** Each account id dimension with the name dimension read beside it. */
export const ACCOUNT_NAME_OF: ReadonlyMap<string, string> = new Map([
  ['SubAccountId', 'SubAccountName'],
  ['BillingAccountId', 'BillingAccountName'],
]);

/** Ids read for names at most: an answer names a few rows, a table a page. */
const MAX_IDS = 200;

async function namesOf(pool: pg.Pool, result: CostResult, id: string, name: string, options: { viewer: Viewer; timeoutMs?: number }): Promise<Map<string, string>> {
  const ids = [...new Set(result.rows.map((r) => r[id]).filter((v): v is string => typeof v === 'string'))].slice(0, MAX_IDS);
  const names = new Map<string, string>();
  if (ids.length === 0) return names;
  const named = await runCostQuery(
    pool,
    { dataset: 'cloud', metric: 'effective_cost', groupBy: [id, name], filters: [{ dimension: id, op: 'in', values: ids }], time: { from: result.range.from, to: result.range.to } },
    { viewer: options.viewer, asOf: result.asOf, timeoutMs: options.timeoutMs, dataThrough: false },
  );
  for (const r of named.rows) if (typeof r[name] === 'string' && !names.has(String(r[id]))) names.set(String(r[id]), r[name]);
  return names;
}

/** Rows of a result grouped by account id, each with its account's name (null when it has none). */
export async function withAccountNames(pool: pg.Pool, result: CostResult, options: { viewer: Viewer; timeoutMs?: number }): Promise<CostResult> {
  const pairs = [...ACCOUNT_NAME_OF].filter(([id, name]) => result.query.groupBy.includes(id) && !result.query.groupBy.includes(name));
  if (pairs.length === 0) return result;
  const found = await Promise.all(pairs.map(([id, name]) => namesOf(pool, result, id, name, options)));
  const withNames = (r: CostRow): CostRow => ({
    ...r,
    ...Object.fromEntries(pairs.map(([id, name], i) => [name, typeof r[id] === 'string' ? (found[i]!.get(r[id]) ?? null) : null])),
  });
  return { ...result, rows: result.rows.map(withNames) };
}

/** An account's name beside its id when it has one of its own: "200000000012 (Payments Prod)". */
export function idWithName(row: CostRow, d: string): string {
  const nameDim = ACCOUNT_NAME_OF.get(d);
  const name = nameDim ? row[nameDim] : undefined;
  return typeof name === 'string' && name !== row[d] ? `${String(row[d])} (${name})` : String(row[d]);
}
