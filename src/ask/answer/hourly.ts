/**
 * An hourly timeline's cloud rows charged over more than an hour (daily exports): the query gives
 * them no hour (compile.ts) rather than spread a day's cost over its hours. They are taken out of
 * the hours and said, with their amount; when nothing is left (only daily cloud rows asked about),
 * the question is declined with that reason.
 */
import type pg from 'pg';
import { perCurrencyText } from '../../costs/currency.ts';
import { isPerCurrency, unitOf } from '../../costs/query.ts';
import { runCostQuery, unitOfRows, type CostResult, type CostRow, type Viewer } from '../../costs/run.ts';
import { formatValue } from './format.ts';

export interface Hours {
  result: CostResult;
  /** Said beside the answer: what was left out of the hours, and why. */
  note: string | null;
  /** Said instead of the answer: no row holds an hour. */
  refusal: string | null;
}

const unsplit = (rows: CostRow[]) => rows.filter((r) => r.period === null);

export async function hourlyRows(pool: pg.Pool, result: CostResult, options: { viewer: Viewer; asOf: string; timeoutMs?: number }): Promise<Hours> {
  const q = result.query;
  if (q.granularity !== 'hour' || q.dataset === 'ai') return { result, note: null, refusal: null };
  // A ranking of hours keeps its first rows only: the daily ones are found without the limit.
  const all = q.limit === undefined ? result : await runCostQuery(pool, { ...q, limit: undefined }, { viewer: options.viewer, asOf: options.asOf, timeoutMs: options.timeoutMs, dataThrough: false });
  const days = unsplit(all.rows);
  if (days.length === 0) return { result, note: null, refusal: null };
  const rows = result.rows.filter((r) => r.period !== null);
  const m = q.metric;
  const amount = isPerCurrency(m)
    ? perCurrencyText(
        days.map((r) => ({ currency: String(r.currency), amount: Number(r[m] ?? 0) })),
        (a, c) => formatValue(a, c),
      )
    : formatValue(
        days.reduce((s, r) => s + Number(r[m] ?? 0), 0),
        unitOf(m),
      );
  const why = 'cloud rows in this period are charged by the day or longer (their ChargePeriod), not by the hour, and a day is not spread over its hours';
  if (rows.length === 0) return { result, note: null, refusal: `I can't give this by hour: ${why}. Ask for it by day instead.` };
  return {
    result: { ...result, rows, ...unitOfRows(m, rows) },
    note: `Left out of the hours: ${amount} of cloud cost, because ${why}.`,
    refusal: null,
  };
}
