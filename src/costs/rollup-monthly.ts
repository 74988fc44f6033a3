/**
 * Keeps the monthly rollup (cost_rollup_monthly, migration 039) in step with the daily one: after
 * the daily rows of some days change, the months those days fall in are summed again from the
 * daily rollup, in the same transaction. Every writer of the daily rollup (a refresh's recompute,
 * a load's sums merged) calls this before the transaction signs the rollup fresh, so the one
 * signature in cost_rollup_state holds for both tables and a stale month is never read.
 */
import type pg from 'pg';
import { monthOf, nextMonth } from './month-split.ts';
import { ROLLUP_KEY_COLUMNS } from './rollup-columns.ts';
import type { DateRange } from './time.ts';

const KEYS = ROLLUP_KEY_COLUMNS.join(', ');
const GROUPS = ROLLUP_KEY_COLUMNS.map((_, i) => i + 3).join(', ');

/** Months [$1, $2) (first days; either end open when null) of each table. */
const MONTHS = (column: string) => `($1::date is null or ${column} >= $1::date) and ($2::date is null or ${column} < $2::date)`;

const DELETE = `delete from cost_rollup_monthly where ${MONTHS('month')}`;
const INSERT = `insert into cost_rollup_monthly (month, dataset, ${KEYS}, billed_cost, effective_cost, list_cost, input_tokens, output_tokens, cached_tokens, requests, last_at, day_rows)
  select date_trunc('month', day::timestamp)::date, dataset, ${KEYS}, sum(billed_cost), sum(effective_cost), sum(list_cost), sum(input_tokens), sum(output_tokens), sum(cached_tokens), sum(requests), max(last_at), count(*)
    from cost_rollup_daily where ${MONTHS('day')}
   group by 1, 2, ${GROUPS}`;

/**
 * Sums again from the daily rollup the months of the days [from, to), either end open when absent
 * (everything without a range); returns the monthly rows written and those they replaced.
 */
export async function rollMonths(client: pg.PoolClient, days: Partial<DateRange>): Promise<{ written: number; deleted: number }> {
  const months = [days.from ? monthOf(days.from) : null, days.to ? (monthOf(days.to) === days.to ? days.to : nextMonth(days.to)) : null];
  const deleted = (await client.query(DELETE, months)).rowCount ?? 0;
  const written = (await client.query(INSERT, months)).rowCount ?? 0;
  return { written, deleted };
}
