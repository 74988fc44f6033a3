/**
 * Adds the daily sums FOCUS loads computed while parsing (src/schema/daily-sums.ts) to the
 * rollup, instead of reading their rows back from cost_lines: each sum gets its charge kind (named
 * once per distinct set of inputs), and the rollup's cloud rows of the days they fall on are
 * replaced by the old rows and the new sums summed together. Exact only on a rollup that was exact
 * for every row but the loads' own, and on days none of their rows replaced anything (the caller,
 * refreshAfterLoads, recomputes those from the table instead). The months of the merged days are
 * then summed again into the monthly rollup. Runs in the refresh's transaction.
 */
import type pg from 'pg';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import { CHARGE_KIND_INPUT_COLUMNS, DAILY_SUM_COLUMNS, type DailySumsText } from '../schema/daily-sums.ts';
import { CLOUD_CHARGE_KIND_SQL } from './charge-kind.ts';
import { ROLLUP_KEY_COLUMNS } from './rollup-columns.ts';
import { rollMonths } from './rollup-monthly.ts';
import type { DateRange } from './time.ts';

/** How each rollup key column reads from a load's sums (cloud rows: no model). */
const FROM_SUMS: Readonly<Record<string, string>> = {
  provider: 's.provider_name',
  service: 's.service_name',
  sub_account: 's.sub_account_id',
  region: 's.region_id',
  team: 's.team',
  feature: 's.feature',
  model: 'null::text',
  customer: 's.customer',
  environment: 's.environment',
  cost_center: 's.cost_center',
  charge_kind: 'k.charge_kind',
  currency: 's.billing_currency',
  billing_period: 's.billing_period',
};

const TYPES: Record<string, string> = {
  load_id: 'bigint',
  ref: 'integer',
  kind_ref: 'integer',
  day: 'date',
  billing_period: 'date',
  billed_cost: 'numeric',
  effective_cost: 'numeric',
  list_cost: 'numeric',
};
const typed = (columns: readonly string[]) => columns.map((c) => `${c} ${TYPES[c] ?? 'text'}`).join(', ');

const TEMP_TABLES = `
  create temp table penny_kind_inputs (${typed(CHARGE_KIND_INPUT_COLUMNS)}) on commit drop;
  create temp table penny_load_sums (${typed(DAILY_SUM_COLUMNS)}) on commit drop`;

/** The loads' sums outside the recomputed days `$1`..`$2`. */
const OUTSIDE = '($1::date is null or s.day < $1::date or s.day >= $2::date)';
const KEYS = ROLLUP_KEY_COLUMNS.join(', ');
const missing = ROLLUP_KEY_COLUMNS.filter((c) => !(c in FROM_SUMS));
if (missing.length > 0) throw new Error(`rollup-merge: no sum column for rollup column ${missing.join(', ')}`);

/**
 * The old cloud rows of the sums' days and the sums, each with its charge kind (named once per
 * load and set of inputs), summed together into the new rows of those days. `kinds` is
 * materialized: inlined into the join, the kind's regular expressions ran once per sum (140,000
 * of them for a million-row file) instead of once per set of inputs, ten times the merge's time.
 */
const MERGE = `with kinds as materialized (select load_id, ref, ${CLOUD_CHARGE_KIND_SQL} as charge_kind from penny_kind_inputs),
  old as (
    delete from cost_rollup_daily r where r.dataset = 'cloud' and r.day in (select distinct s.day from penny_load_sums s where ${OUTSIDE}) returning r.*),
  sums as (
    select s.day, ${ROLLUP_KEY_COLUMNS.map((c) => `${FROM_SUMS[c]} as ${c}`).join(', ')}, s.billed_cost, s.effective_cost, s.list_cost,
           case when s.last_at like '{%' then (select max(t) from unnest(s.last_at::timestamptz[]) t) else s.last_at::timestamptz end as last_at
      from penny_load_sums s
      join kinds k on k.load_id = s.load_id and k.ref = s.kind_ref
     where ${OUTSIDE}),
  written as (
    insert into cost_rollup_daily (day, dataset, ${KEYS}, billed_cost, effective_cost, list_cost, input_tokens, output_tokens, cached_tokens, requests, last_at)
    select day, 'cloud', ${KEYS}, sum(billed_cost), sum(effective_cost), sum(list_cost), 0, 0, 0, 0, max(last_at)
      from (select day, ${KEYS}, billed_cost, effective_cost, list_cost, last_at from old
            union all
            select day, ${KEYS}, billed_cost, effective_cost, list_cost, last_at from sums) u
     group by day, ${KEYS}
    returning 1)
  select (select count(*) from old)::int as deleted, (select count(*) from written)::int as written`;

/** The days the merge wrote, as [first, day after last] (null when none). */
const MERGED_DAYS = `select to_char(min(s.day), 'YYYY-MM-DD') as first, to_char(max(s.day) + 1, 'YYYY-MM-DD') as after from penny_load_sums s where ${OUTSIDE}`;

async function copyInto(client: pg.PoolClient, table: string, columns: readonly string[], text: Uint8Array): Promise<void> {
  if (text.byteLength === 0) return;
  const copy = client.query(copyFrom(`copy ${table} (${columns.join(', ')}) from stdin`));
  await pipeline(async function* () {
    yield Buffer.from(text.buffer, text.byteOffset, text.byteLength);
  }, copy);
}

/**
 * Adds the loads' sums to the rollup, except on the days of `recomputed`; returns the rollup rows
 * written and the old ones they replaced (dead until vacuumed).
 */
export async function mergeDailySums(client: pg.PoolClient, loads: readonly DailySumsText[], recomputed?: DateRange): Promise<{ written: number; deleted: number }> {
  if (loads.length === 0) return { written: 0, deleted: 0 };
  await client.query(TEMP_TABLES);
  for (const load of loads) {
    await copyInto(client, 'penny_kind_inputs', CHARGE_KIND_INPUT_COLUMNS, load.kindInputs);
    await copyInto(client, 'penny_load_sums', DAILY_SUM_COLUMNS, load.sums);
  }
  const outside = [recomputed?.from ?? null, recomputed?.to ?? null];
  const { rows } = await client.query<{ written: number; deleted: number }>(MERGE, outside);
  // The monthly rollup sums the merged days' months again, in this transaction (rollup-monthly.ts).
  const days = (await client.query<{ first: string | null; after: string | null }>(MERGED_DAYS, outside)).rows[0]!;
  if (days.first && days.after) await rollMonths(client, { from: days.first, to: days.after });
  await client.query('drop table penny_kind_inputs, penny_load_sums');
  return rows[0]!;
}
