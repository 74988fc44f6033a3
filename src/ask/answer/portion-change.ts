/**
 * A share against another period ("error rate this week vs last week", "did our error rate go
 * up?"): the part's and the whole's totals in both periods, from the same two compared queries
 * a share runs (portion.ts), each period's share said with its counts, and the change in
 * percentage points. An earlier period with nothing in the whole has no share, so no change is
 * given, and the answer says why.
 */
import type pg from 'pg';
import type { CostQuery } from '../../costs/query.ts';
import type { Portion } from '../planner/portion.ts';
import { runCostQuery } from '../../costs/run.ts';
import { formatValue, rangeText, wholeText } from './format.ts';
import { byGroup, keyText, scopeAndSplit, shareText, type Key, type PortionAnswer, type PortionOptions } from './portion.ts';

type Row = Key & { part: number; whole: number; share: number; previous_part: number; previous_whole: number; previous_share: number | null; change: number | null };

/** "up 2.5 percentage points", "down 0.4 percentage points", "no change". */
function changeText(change: number): string {
  const points = Math.abs(change * 100).toFixed(1);
  return points === '0.0' ? 'no change' : `${change > 0 ? 'up' : 'down'} ${points} percentage points`;
}

export async function answerPortionChange(pool: pg.Pool, query: CostQuery, { whole, label, counts }: Portion, period: string, options: PortionOptions): Promise<PortionAnswer> {
  const run = (q: CostQuery) => runCostQuery(pool, q, { viewer: options.viewer, asOf: options.asOf, timeoutMs: options.timeoutMs });
  const wholeQuery = { ...query, filters: whole };
  const [part, all] = await Promise.all([run(query), run(wholeQuery)]);
  const earlier = part.previous ? `the period before (${rangeText(part.previous)})` : 'the period before';
  const when = `${period ? `${period} ` : ''}(${rangeText(part.range)}) against ${earlier}`;
  const keys = query.groupBy;
  const parts = byGroup(part, keys);
  // A group with nothing in the whole in this period has no share to compare.
  const rows = [...byGroup(all, keys)]
    .filter(([, y]) => y.value !== 0)
    .map(([k, y]): Row => {
      const p = parts.get(k);
      const [now, before] = [p?.value ?? 0, p?.previous ?? 0];
      const previousShare = y.previous === 0 ? null : before / y.previous;
      return {
        ...y.key,
        part: now,
        whole: y.value,
        share: now / y.value,
        previous_part: before,
        previous_whole: y.previous,
        previous_share: previousShare,
        change: previousShare === null ? null : now / y.value - previousShare,
      };
    });
  if (rows.length === 0) return { text: `No ${wholeText(wholeQuery)}, ${period || rangeText(part.range)}, so no share of it to compare.`, value: null, rows: [], result: part };
  const said = (r: Row) => {
    const unit = String(r.currency);
    const now = shareText(r.part, r.whole, unit, counts);
    if (r.previous_share === null || r.change === null) return `${now}; ${counts ? `${formatValue(0, unit)} ${counts.whole}` : 'nothing in the whole'} in the period before, so no change to give`;
    return `${now} against ${shareText(r.previous_part, r.previous_whole, unit, counts)}: ${changeText(r.change)}`;
  };
  const head = `${label ?? 'Share'}${scopeAndSplit(query, whole)}, ${when}`;
  const text = keys.length > 0 || rows.length > 1 ? `${head}: ${rows.map((r) => `${keys.length > 0 ? keyText(r, keys) : `in ${r.currency}`} ${said(r)}`).join('; ')}.` : `${head}: ${said(rows[0]!)}.`;
  return { text, value: rows.length === 1 && keys.length === 0 ? rows[0]!.share : null, rows, result: part };
}
