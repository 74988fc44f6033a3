/**
 * Answers a share ("what % of AWS spend was compute", src/ask/planner/portion.ts): the part's total
 * over the whole's, two runs of one query that differ only in filters. Money in two currencies is
 * two shares, one per currency; a whole of nothing gives no share.
 */
import type pg from 'pg';
import type { CostQuery } from '../../costs/query.ts';
import type { Portion } from '../planner/portion.ts';
import { runCostQuery, type CostResult, type Viewer } from '../../costs/run.ts';
import { formatValue, rangeText, scopeText, wholeText } from './format.ts';

export interface PortionAnswer {
  text: string;
  /** The share as a fraction (0.54 for 54 %); null when it can't be given. */
  value: number | null;
  rows: Array<Record<string, string | number | null>>;
  result: CostResult;
}

/** Each currency's total: money in two currencies is two totals, never one sum. */
function byCurrency(r: CostResult): Map<string, number> {
  const out = new Map<string, number>();
  for (const row of r.rows) {
    const v = row[r.metric];
    out.set(typeof row.currency === 'string' ? row.currency : r.unit, typeof v === 'number' ? v : 0);
  }
  return out;
}

export async function answerPortion(
  pool: pg.Pool,
  query: CostQuery,
  { whole, label, noPart }: Portion,
  period: string,
  options: { viewer: Viewer; asOf: string; timeoutMs?: number },
): Promise<PortionAnswer> {
  const run = (q: CostQuery) => runCostQuery(pool, q, { viewer: options.viewer, asOf: options.asOf, timeoutMs: options.timeoutMs });
  const wholeQuery = { ...query, filters: whole };
  const [part, all] = await Promise.all([run(query), run(wholeQuery)]);
  const when = `${period ? `${period} ` : ''}(${rangeText(part.range)})`;
  const of = wholeText(wholeQuery);
  const parts = byCurrency(part);
  // A currency with no spend in the whole has no share to give.
  const rows = [...byCurrency(all)].filter(([, y]) => y !== 0).map(([currency, y]) => ({ currency, part: parts.get(currency) ?? 0, whole: y, share: (parts.get(currency) ?? 0) / y }));
  if (rows.length === 0) return { text: `No ${of}, ${when}, so no share of it.`, value: null, rows: [], result: part };
  if (noPart && rows.every((r) => r.part === 0)) return { text: `${label ?? 'Share'}${scopeText(wholeQuery)}, ${when}: ${noPart}.`, value: null, rows: [], result: part };
  const said = (r: (typeof rows)[number]) => `${(r.share * 100).toFixed(1)}% (${formatValue(r.part, r.currency)} of ${formatValue(r.whole, r.currency)})`;
  const head = label ? `${label}${scopeText(wholeQuery)}, ${when}` : `Share of spend${scopeText(query)} in ${of}, ${when}`;
  // In several currencies each is its own share, said per currency; no one number stands for them.
  const text =
    rows.length === 1 ? `${head}: ${said(rows[0]!)}.` : `${head}, per currency (amounts in different currencies are not added): ${rows.map((r) => `in ${r.currency} ${said(r)}`).join('; ')}.`;
  return { text, value: rows.length === 1 ? rows[0]!.share : null, rows, result: part };
}
