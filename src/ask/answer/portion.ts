/**
 * Answers a share ("what % of AWS spend was compute", src/ask/planner/portion.ts): the part's total
 * over the whole's, two runs of one query that differ only in filters. Money in two currencies is
 * two shares, one per currency; a whole of nothing gives no share.
 */
import type pg from 'pg';
import type { CostQuery } from '../../costs/query.ts';
import type { Portion } from '../planner/portion.ts';
import { runCostQuery, type CostResult, type Viewer } from '../../costs/run.ts';
import { dimensionName, formatValue, scopeText, wholeText } from './format.ts';
import { when as periodWhen } from './summary.ts';

export interface PortionAnswer {
  text: string;
  /** The share as a fraction (0.54 for 54 %); null when it can't be given. */
  value: number | null;
  rows: Array<Record<string, string | number | null>>;
  result: CostResult;
}

type Key = Record<string, string | number | null>;
type Row = Key & { part: number; whole: number; share: number };

/** Each group's and currency's total: money in two currencies is two totals, never one sum. */
function byGroup(r: CostResult, groupBy: string[]): Map<string, { key: Key; value: number }> {
  const out = new Map<string, { key: Key; value: number }>();
  for (const row of r.rows) {
    const v = row[r.metric];
    const key: Key = { ...Object.fromEntries(groupBy.map((d) => [d, row[d] ?? null])), currency: typeof row.currency === 'string' ? row.currency : r.unit };
    out.set(JSON.stringify(key), { key, value: typeof v === 'number' ? v : 0 });
  }
  return out;
}

export async function answerPortion(
  pool: pg.Pool,
  query: CostQuery,
  { whole, label, noPart, counts }: Portion,
  period: string,
  options: { viewer: Viewer; asOf: string; timeoutMs?: number },
): Promise<PortionAnswer> {
  const run = (q: CostQuery) => runCostQuery(pool, q, { viewer: options.viewer, asOf: options.asOf, timeoutMs: options.timeoutMs });
  const wholeQuery = { ...query, filters: whole };
  const [part, all] = await Promise.all([run(query), run(wholeQuery)]);
  const when = periodWhen(part, period);
  const of = wholeText(wholeQuery);
  const parts = byGroup(part, query.groupBy);
  // A currency or group with nothing in the whole has no share to give.
  const rows = [...byGroup(all, query.groupBy)]
    .filter(([, y]) => y.value !== 0)
    .map(([k, y]): Row => ({ ...y.key, part: parts.get(k)?.value ?? 0, whole: y.value, share: (parts.get(k)?.value ?? 0) / y.value }));
  if (rows.length === 0) return { text: `No ${of}, ${when}, so no share of it.`, value: null, rows: [], result: part };
  if (noPart && rows.every((r) => r.part === 0)) return { text: `${label ?? 'Share'}${scopeText(wholeQuery)}, ${when}: ${noPart}.`, value: null, rows: [], result: part };
  const unit = (r: Row) => String(r.currency);
  const amounts = (r: Row) =>
    counts ? `${Math.round(r.part).toLocaleString('en-US')} ${counts.part} of ${formatValue(r.whole, unit(r))} ${counts.whole}` : `${formatValue(r.part, unit(r))} of ${formatValue(r.whole, unit(r))}`;
  const said = (r: Row) => `${(r.share * 100).toFixed(1)}% (${amounts(r)})`;
  // Named by what part and whole share: the whole's own filter (calls whose status is known) is said in the counts.
  const scope = scopeText({ ...wholeQuery, filters: whole.filter((f) => query.filters.some((g) => JSON.stringify(f) === JSON.stringify(g))) });
  const by = query.groupBy.length > 0 ? ` by ${query.groupBy.map(dimensionName).join(' and ')}` : '';
  const head = label ? `${label}${scope}${by}, ${when}` : `Share of spend${scopeText(query)} in ${of}, ${when}`;
  const group = (r: Row) => query.groupBy.map((d) => String(r[d] ?? `(no ${dimensionName(d)})`)).join(' / ');
  // In several currencies each is its own share, said per currency; no one number stands for them.
  const text =
    query.groupBy.length > 0
      ? `${head}: ${rows.map((r) => `${group(r)} ${said(r)}`).join('; ')}.`
      : rows.length === 1
        ? `${head}: ${said(rows[0]!)}.`
        : `${head}, per currency (amounts in different currencies are not added): ${rows.map((r) => `in ${r.currency} ${said(r)}`).join('; ')}.`;
  return { text, value: rows.length === 1 && query.groupBy.length === 0 ? rows[0]!.share : null, rows, result: part };
}
