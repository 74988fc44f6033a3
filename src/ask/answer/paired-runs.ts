/**
 * Two runs of one query, one per metric, as rows: each group's row holds both figures, matched on
 * the row's groups (and currency, for money: the same group in two currencies is two rows). A group
 * only the second run has still has a row, the first figure 0. Savings against list price, the cache
 * hit rate and input beside output tokens per group are all read from these.
 */
import type { CostResult, CostRow } from '../../costs/run.ts';

const num = (v: unknown) => (typeof v === 'number' ? v : 0);

/** A row's groups (and currency), as one key. */
function keyOf(row: CostRow, groupBy: readonly string[], byCurrency: boolean): string {
  return JSON.stringify([...groupBy.map((d) => row[d] ?? null), ...(byCurrency ? [row.currency ?? null] : [])]);
}

/** The rows of `first` and `second` (the same query, no limit, each its own metric), both figures on each, in `first`'s order. */
export function pairedRows(first: CostResult, second: CostResult, groupBy: readonly string[], byCurrency: boolean): CostRow[] {
  const [a, b] = [first.metric, second.metric];
  const seconds = new Map(second.rows.map((r) => [keyOf(r, groupBy, byCurrency), num(r[b])]));
  const seen = new Set<string>();
  const rows: CostRow[] = [];
  const add = (r: CostRow, x: number) => {
    const key = keyOf(r, groupBy, byCurrency);
    seen.add(key);
    const labels = Object.fromEntries(Object.entries(r).filter(([k]) => k !== a && k !== b));
    rows.push({ ...labels, [a]: x, [b]: seconds.get(key) ?? 0 });
  };
  for (const r of first.rows) add(r, num(r[a]));
  for (const r of second.rows) if (!seen.has(keyOf(r, groupBy, byCurrency))) add(r, 0);
  return rows;
}
