/**
 * "Which account spent the most?" answers with account names beside their ids: accounts are
 * grouped by id (the daily rollup has no names), and the names of the few ids in the answer are
 * read afterwards through the same query layer, for the same viewer and dates.
 */
import type pg from 'pg';
import { runCostQuery, type CostResult, type Viewer } from '../../costs/run.ts';

/** Rows of a result grouped by account id, each with its account's name (null when it has none). */
export async function withAccountNames(pool: pg.Pool, result: CostResult, options: { viewer: Viewer; timeoutMs?: number }): Promise<CostResult> {
  const q = result.query;
  if (!q.groupBy.includes('SubAccountId') || q.groupBy.includes('SubAccountName')) return result;
  const ids = [...new Set(result.rows.map((r) => r.SubAccountId).filter((v): v is string => typeof v === 'string'))].slice(0, 200);
  if (ids.length === 0) return result;
  const named = await runCostQuery(
    pool,
    {
      dataset: 'cloud',
      metric: 'effective_cost',
      groupBy: ['SubAccountId', 'SubAccountName'],
      filters: [{ dimension: 'SubAccountId', op: 'in', values: ids }],
      time: { from: result.range.from, to: result.range.to },
    },
    { viewer: options.viewer, asOf: result.asOf, timeoutMs: options.timeoutMs, dataThrough: false },
  );
  const names = new Map<string, string>();
  for (const r of named.rows) if (typeof r.SubAccountName === 'string' && !names.has(String(r.SubAccountId))) names.set(String(r.SubAccountId), r.SubAccountName);
  return { ...result, rows: result.rows.map((r) => ({ ...r, SubAccountName: typeof r.SubAccountId === 'string' ? (names.get(r.SubAccountId) ?? null) : null })) };
}
