/**
 * Whether the monthly rollup is in step with the daily one: each of its rows equals the daily
 * rows of its month and keys summed (every digit: sums compared as text), and it has no other row.
 */
import type pg from 'pg';
import { ROLLUP_KEY_COLUMNS } from '../../src/costs/rollup-columns.ts';

const KEYS = ['dataset', ...ROLLUP_KEY_COLUMNS].join(', ');
const SUMS = ['billed_cost', 'effective_cost', 'list_cost', 'input_tokens', 'output_tokens', 'cached_tokens', 'requests'];

const FROM_DAILY = `select date_trunc('month', day::timestamp)::date as month, ${KEYS}, ${SUMS.map((c) => `sum(${c})::text as ${c}`).join(', ')}, max(last_at) as last_at, count(*) as day_rows
  from cost_rollup_daily group by month, ${KEYS}`;
const MONTHLY = `select month, ${KEYS}, ${SUMS.map((c) => `${c}::text as ${c}`).join(', ')}, last_at, day_rows from cost_rollup_monthly`;

/** Rows of either side the other lacks (0 when in step), and the monthly rollup's row count. */
export async function monthlyDrift(pool: pg.Pool): Promise<{ drift: number; months: number }> {
  const { rows } = await pool.query<{ drift: number; months: number }>(
    `select (select count(*) from ((${FROM_DAILY} except all ${MONTHLY}) union all (${MONTHLY} except all ${FROM_DAILY})) x)::int as drift,
            (select count(*) from cost_rollup_monthly)::int as months`,
  );
  return rows[0]!;
}
