/**
 * Answers a share ("what % of AWS spend was compute", src/ask/planner/portion.ts): the part's total
 * over the whole's, two runs of one query that differ only in filters. Money in two currencies is
 * two shares, one per currency; a whole of nothing gives no share. A rate over time ("error rate
 * by week") is a share per period; against another period, portion-change.ts.
 */
import type pg from 'pg';
import type { CostQuery } from '../../costs/query.ts';
import type { Portion } from '../planner/portion.ts';
import { runCostQuery, type CostResult, type Viewer } from '../../costs/run.ts';
import { dimensionName, formatValue, scopeText, wholeText } from './format.ts';
import { answerPortionChange } from './portion-change.ts';
import { when as periodWhen } from './summary.ts';

export interface PortionAnswer {
  text: string;
  /** The share as a fraction (0.54 for 54 %); null when it can't be given. */
  value: number | null;
  rows: Array<Record<string, string | number | null>>;
  result: CostResult;
}

export type Key = Record<string, string | number | null>;
type Row = Key & { part: number; whole: number; share: number };
export type PortionOptions = { viewer: Viewer; asOf: string; timeoutMs?: number };

/** What a share's rows are keyed by: the period of a trend, then the groups. */
export const keysOf = (q: CostQuery): string[] => (q.granularity === 'total' ? q.groupBy : ['period', ...q.groupBy]);

/** Each key's and currency's total (and the earlier period's, when compared): money in two currencies is two totals, never one sum. */
export function byGroup(r: CostResult, keys: string[]): Map<string, { key: Key; value: number; previous: number }> {
  const out = new Map<string, { key: Key; value: number; previous: number }>();
  for (const row of r.rows) {
    const v = row[r.metric];
    const key: Key = { ...Object.fromEntries(keys.map((d) => [d, row[d] ?? null])), currency: typeof row.currency === 'string' ? row.currency : r.unit };
    out.set(JSON.stringify(key), { key, value: typeof v === 'number' ? v : 0, previous: typeof row.previous === 'number' ? row.previous : 0 });
  }
  return out;
}

/** "12.5% (3 failed of 24 calls whose source records status)", or "54.0% ($540.00 of $1,000.00)". */
export function shareText(part: number, whole: number, unit: string, counts: Portion['counts']): string {
  const amounts = counts ? `${Math.round(part).toLocaleString('en-US')} ${counts.part} of ${formatValue(whole, unit)} ${counts.whole}` : `${formatValue(part, unit)} of ${formatValue(whole, unit)}`;
  return `${(whole === 0 ? 0 : (part / whole) * 100).toFixed(1)}% (${amounts})`;
}

/** The scope part and whole share, and what the rows are split by: " for team search by week and model". */
export function scopeAndSplit(query: CostQuery, whole: CostQuery['filters']): string {
  // Named by what part and whole share: the whole's own filter (calls whose status is known) is said in the counts.
  const scope = scopeText({ ...query, filters: whole.filter((f) => query.filters.some((g) => JSON.stringify(f) === JSON.stringify(g))) });
  const split = [...(query.granularity === 'total' ? [] : [query.granularity]), ...query.groupBy.map(dimensionName)];
  return `${scope}${split.length > 0 ? ` by ${split.join(' and ')}` : ''}`;
}

/** A row's key in words: its period and groups ("2026-09-07 / gpt-4o"). */
export const keyText = (r: Key, keys: string[]) => keys.map((d) => String(r[d] ?? `(no ${dimensionName(d)})`)).join(' / ');

export async function answerPortion(pool: pg.Pool, query: CostQuery, portion: Portion, period: string, options: PortionOptions): Promise<PortionAnswer> {
  if (query.compare) return answerPortionChange(pool, query, portion, period, options);
  const { whole, label, noPart, counts } = portion;
  const run = (q: CostQuery) => runCostQuery(pool, q, { viewer: options.viewer, asOf: options.asOf, timeoutMs: options.timeoutMs });
  const wholeQuery = { ...query, filters: whole };
  const [part, all] = await Promise.all([run(query), run(wholeQuery)]);
  const when = periodWhen(part, period);
  const of = wholeText(wholeQuery);
  const keys = keysOf(query);
  const parts = byGroup(part, keys);
  // A currency, group or period with nothing in the whole has no share to give.
  const rows = [...byGroup(all, keys)]
    .filter(([, y]) => y.value !== 0)
    .map(([k, y]): Row => ({ ...y.key, part: parts.get(k)?.value ?? 0, whole: y.value, share: (parts.get(k)?.value ?? 0) / y.value }));
  if (rows.length === 0) return { text: `No ${of}, ${when}, so no share of it.`, value: null, rows: [], result: part };
  if (noPart && rows.every((r) => r.part === 0)) return { text: `${label ?? 'Share'}${scopeText(wholeQuery)}, ${when}: ${noPart}.`, value: null, rows: [], result: part };
  const said = (r: Row) => shareText(r.part, r.whole, String(r.currency), counts);
  const head = label ? `${label}${scopeAndSplit(query, whole)}, ${when}` : `Share of spend${scopeText(query)} in ${of}, ${when}`;
  // In several currencies each is its own share, said per currency; no one number stands for them.
  const text =
    keys.length > 0
      ? `${head}: ${rows.map((r) => `${keyText(r, keys)} ${said(r)}`).join('; ')}.`
      : rows.length === 1
        ? `${head}: ${said(rows[0]!)}.`
        : `${head}, per currency (amounts in different currencies are not added): ${rows.map((r) => `in ${r.currency} ${said(r)}`).join('; ')}.`;
  return { text, value: rows.length === 1 && keys.length === 0 ? rows[0]!.share : null, rows, result: part };
}
