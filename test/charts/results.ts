/**
 * CostResults shaped as runCostQuery returns them, for chart tests that need exact rows (the
 * database tests chart real query results too).
 */
import { parseCostQuery } from '../../src/costs/query.ts';
import { unitOfRows, type CostResult, type CostRow } from '../../src/costs/run.ts';

export function costResult(query: unknown, rows: CostRow[], extra: Partial<CostResult> = {}): CostResult {
  const q = parseCostQuery(query);
  return {
    query: q,
    asOf: '2025-12-01',
    range: { from: '2025-11-01', to: '2025-12-01' },
    ...(q.compare ? { previous: { from: '2025-10-01', to: '2025-11-01' } } : {}),
    metric: q.metric,
    ...unitOfRows(q.metric, rows),
    rows,
    truncated: false,
    matched: rows.length > 0,
    dataThrough: '2025-11-30T00:00:00.000Z',
    rollup: false,
    sql: { text: 'select 1', values: [] },
    ...extra,
  };
}

/** Daily ISO dates from `from`, `n` of them. */
export function days(from: string, n: number): string[] {
  return Array.from({ length: n }, (_, i) => new Date(Date.parse(`${from}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10));
}

/** A row with the comparison columns run.ts adds. */
export function compared(row: CostRow, metric: string, previous: number | null): CostRow {
  const current = row[metric] as number;
  return { ...row, previous, delta: previous === null ? current : current - previous, delta_pct: previous ? ((current - previous) / Math.abs(previous)) * 100 : null };
}
