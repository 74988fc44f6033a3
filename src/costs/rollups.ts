/**
 * Daily rollups (table cost_rollup_daily): cloud costs and AI usage summed per UTC day on the
 * dimensions most questions use. The compiler reads them instead of the raw tables when a query
 * only touches rolled-up dimensions and the rollup is fresh.
 *
 * Freshness: every load writes its ingest_loads row in the same transaction as its data, so a
 * signature of the FOCUS and usage loads (the rollup's sources; failed loads store nothing) changes
 * exactly when the data may have. A refresh records the signature it saw; any later load or
 * restatement makes the rollup stale until the next refresh, and queries fall back to the raw
 * tables meanwhile — never a wrong answer.
 *
 * Ingest refreshes after its loads with refreshAfterLoads: only the days they touched when the
 * rollup was fresh just before them, else (another process loaded meanwhile, or no refresh yet)
 * everything. Of those days, the ones where FOCUS loads only added rows take the loads' own daily
 * sums (rollup-merge.ts) rather than a million rows read back. refreshRollups with a range trusts
 * its caller about which days changed.
 *
 * The monthly rollup (rollup-monthly.ts) is summed again from the daily one for the months of
 * every day recomputed or merged, in the same transaction: the one signature covers both.
 */
import type pg from 'pg';
import { logger } from '../log/logger.ts';
import { columnSql, ROLLUP_DIMENSION_OF } from '../schema/dimensions.ts';
import { CHARGE_KIND_INPUTS, CLOUD_CHARGE_KIND_SQL } from './charge-kind.ts';
import { CURRENCY_SQL } from './currency.ts';
import type { DateRange } from './time.ts';
import { addDays } from '../schema/days.ts';
import type { DailySumsText } from '../schema/daily-sums.ts';
import { ROLLUP_KEY_COLUMNS } from './rollup-columns.ts';
import { mergeDailySums } from './rollup-merge.ts';
import { rollMonths } from './rollup-monthly.ts';

const SIGNED_LOADS = "kind in ('focus', 'usage') and status <> 'failed'";
/** The text `loads` (a query of (id, status) rows) are signed by: `id:status` by id, comma-separated. */
const loadsText = (loads: string) => `(select coalesce(string_agg(id::text || ':' || status, ',' order by id), '') from (${loads}) signed)`;
/** The signature of `loads`, a query of (id, status) rows. */
const signature = (loads: string) => `md5(${loadsText(loads)})`;

/** The committed loads the rollup is made of, as the text their signature is the md5 of. */
export const LOADS_TEXT_SQL = loadsText(`select id, status from ingest_loads where ${SIGNED_LOADS}`);
/** A fingerprint of the committed loads the rollup is made of; ingest_loads holds one small row per file. */
export const LOADS_SIGNATURE_SQL = `md5(${LOADS_TEXT_SQL})`;

/** The signature of no load at all: the tables are empty, and so is an exact rollup. */
export const NO_LOADS_SIGNATURE_SQL = "md5('')";

/**
 * The signature as it was before the loads `$1` (bigint[]): without them, and with the earlier
 * loads they superseded (restated) still `loaded`.
 */
const SIGNATURE_BEFORE_SQL = signature(
  `select id, case when status = 'superseded' and exists (select 1 from ingest_load_periods p where p.load_id = ingest_loads.id and p.superseded_by = any($1::bigint[])) then 'loaded' else status end as status
     from ingest_loads where ${SIGNED_LOADS} and id <> all($1::bigint[])`,
);

/** The signature once the load `$1`, not yet committed, is: the loads seen, and it `loaded`. */
export const SIGNATURE_WITH_LOAD_SQL = signature(`select id, status from ingest_loads where ${SIGNED_LOADS} union all select $1::bigint, 'loaded'`);

/** Both rollups hold no row: exact for no load at all, refreshed or not. */
export const ROLLUPS_EMPTY_SQL = 'not exists (select 1 from cost_rollup_daily) and not exists (select 1 from cost_rollup_monthly)';

/** The session lock refreshes queue on (see inRefresh). */
export const ROLLUP_LOCK_KEY = "hashtext('penny:cost_rollups')";
/** A refresh's transaction: one snapshot for the sums and the signature it records. */
export const BEGIN_REFRESH = "begin isolation level repeatable read; set local work_mem = '256MB'";

const COLUMNS = ROLLUP_KEY_COLUMNS;

/** The SQL each source computes a rollup column with; the same expressions the raw branches use. */
function expressions(source: 'cloud' | 'ai'): string[] {
  const byColumn: Record<string, string> = {
    // Not a question dimension: lets the anomaly scan leave out purchases, tax, credits….
    charge_kind: source === 'cloud' ? CLOUD_CHARGE_KIND_SQL : "'usage'",
    currency: CURRENCY_SQL[source],
    billing_period: source === 'cloud' ? "(billing_period_start at time zone 'UTC')::date" : 'null::date',
  };
  return COLUMNS.map((c) => byColumn[c] ?? columnSql(ROLLUP_DIMENSION_OF.get(c)!, source) ?? 'null');
}

const INSERT = `insert into cost_rollup_daily (day, dataset, ${COLUMNS.join(', ')}, billed_cost, effective_cost, list_cost, input_tokens, output_tokens, cached_tokens, requests, last_at)`;
const IN_RANGE = (t: string) => `($1::timestamptz is null or ${t} >= $1) and ($2::timestamptz is null or ${t} < $2)`;

function insertSql(source: 'cloud' | 'ai'): string {
  const groups = COLUMNS.map((_, i) => i + 3).join(', ');
  if (source === 'ai') {
    return `${INSERT}
    select (ts at time zone 'UTC')::date, 'ai', ${expressions('ai').join(', ')}, sum(cost), sum(cost), sum(cost), sum(input_tokens), sum(output_tokens), sum(cache_read_tokens), sum(requests), max(ts)
    from llm_usage where ${IN_RANGE('ts')} group by 1, ${groups}`;
  }
  // The charge kind's name matching (regular expressions) is costly per row: rows are summed first
  // by the other columns and the charge kind's inputs, and the kind is computed once per group.
  const dims = COLUMNS.filter((c) => c !== 'charge_kind');
  const exprs = expressions('cloud');
  const inner = dims.map((c) => `${exprs[COLUMNS.indexOf(c)]} as ${c}`);
  const select = COLUMNS.map((c) => (c === 'charge_kind' ? CLOUD_CHARGE_KIND_SQL : c));
  return `${INSERT}
    select day, 'cloud', ${select.join(', ')}, sum(billed), sum(effective), sum(list), 0, 0, 0, 0, max(last_at)
    from (select (charge_period_start at time zone 'UTC')::date as day, ${[...inner, ...CHARGE_KIND_INPUTS].join(', ')},
            sum(billed_cost) as billed, sum(effective_cost) as effective, sum(list_cost) as list, max(charge_period_start) as last_at
          from cost_lines where ${IN_RANGE('charge_period_start')}
          group by ${[1, ...dims.map((_, i) => i + 2), ...CHARGE_KIND_INPUTS.map((_, i) => i + dims.length + 2)].join(', ')}) g
    group by 1, ${groups}`;
}

/**
 * Runs `fn` in one repeatable-read transaction, so the data a refresh sums and the signature it
 * records are the same snapshot. Refreshes queue on a session lock taken before the transaction
 * begins: the snapshot is then taken after the wait and sees the refresh before it.
 */
async function inRefresh<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query(`select pg_advisory_lock(${ROLLUP_LOCK_KEY})`);
    try {
      // The sums group by twelve keys: with the default 4 MB they sort a million rows on disk.
      await client.query(BEGIN_REFRESH);
      const out = await fn(client);
      await client.query('commit');
      return out;
    } catch (err) {
      await client.query('rollback').catch(() => (broken = true));
      throw err;
    } finally {
      await client.query(`select pg_advisory_unlock(${ROLLUP_LOCK_KEY})`).catch(() => (broken = true));
    }
  } finally {
    // A connection that could not roll back or unlock is closed, which releases both.
    client.release(broken ? new Error('rollup refresh connection left unusable') : undefined);
  }
}

/** Recomputes the days [from, to), either end open when absent, and their months; returns the daily rollup rows written. */
async function recompute(client: pg.PoolClient, range: Partial<DateRange>): Promise<number> {
  const bounds = [range.from ? `${range.from}T00:00:00Z` : null, range.to ? `${range.to}T00:00:00Z` : null];
  await client.query('delete from cost_rollup_daily where ($1::date is null or day >= $1::date) and ($2::date is null or day < $2::date)', [range.from ?? null, range.to ?? null]);
  let rows = 0;
  for (const source of ['cloud', 'ai'] as const) rows += (await client.query(insertSql(source), bounds)).rowCount ?? 0;
  await rollMonths(client, range);
  return rows;
}

/** Marks the rollup fresh: it now reflects the loads this snapshot sees, or those `signatureSql` says. */
export async function sign(client: pg.PoolClient, signatureSql = LOADS_SIGNATURE_SQL, params: unknown[] = []): Promise<void> {
  await client.query(
    `insert into cost_rollup_state (loads_signature) values (${signatureSql})
     on conflict (singleton) do update set loads_signature = excluded.loads_signature, refreshed_at = now()`,
    params,
  );
}

/** Rows a refresh must rewrite before it vacuums the rollup itself; fewer are autovacuum's. */
const VACUUM_AFTER_ROWS = 10_000;

/**
 * A refresh deletes the rows it recomputes; until vacuumed they stay in the table as dead rows,
 * and a full refresh doubles what every rolled-up question reads. After a large rewrite, vacuum
 * right away, the monthly rollup with it (it does not block readers) rather than wait for autovacuum; a day's refresh after
 * metering one model call, or sums added to days that had no rows, is left to autovacuum. Best
 * effort: the data is already right. `rewritten`: the rows deleted, at most those written.
 */
export async function vacuumAfter<T extends { rows: number }>(pool: pg.Pool, done: T, rewritten = done.rows): Promise<T> {
  if (rewritten >= VACUUM_AFTER_ROWS) await pool.query('vacuum (analyze) cost_rollup_daily, cost_rollup_monthly').catch((err) => logger.warn({ err }, 'could not vacuum the rollup'));
  return done;
}

/** Recomputes the rollup for the days [from, to) (ISO dates), or for everything without a range, and marks it fresh. */
export async function refreshRollups(pool: pg.Pool, range: Partial<DateRange> = {}): Promise<{ rows: number }> {
  const done = await inRefresh(pool, async (client) => {
    const rows = await recompute(client, range);
    await sign(client);
    return { rows };
  });
  return vacuumAfter(pool, done);
}

/** One file's load as ingest reports it; only `loaded` ones changed anything. */
export interface LoadChange {
  status: string;
  loadId?: number;
  /** The first and last instants (ISO) of the rows the load stored or replaced; absent if none. */
  touched?: { first: string; last: string };
  /** The load's rows summed per day as it parsed them (FOCUS loads): added to the rollup as they are. */
  dailySums?: DailySumsText;
}

export interface AfterLoadsRefresh {
  /** `none`: already fresh; `range`: the loads' days only (no `range`: they stored no rows); `full`: everything. */
  mode: 'none' | 'range' | 'full';
  range?: DateRange;
  /** In `range` mode, the days recomputed from the tables; the loads' sums were added on the others. */
  recomputed?: DateRange;
  rows: number;
}

type Span = { first: string; last: string };

/** The days [from, to) the spans fall in, or undefined when there are none. */
function daysOf(spans: Span[]): DateRange | undefined {
  if (spans.length === 0) return undefined;
  const first = spans.map((s) => s.first).reduce((a, b) => (a < b ? a : b));
  const last = spans.map((s) => s.last).reduce((a, b) => (a > b ? a : b));
  return { from: first.slice(0, 10), to: addDays(last.slice(0, 10), 1) };
}

/**
 * The days of a range refresh that must be read from the tables: those of every row the loads
 * replaced (a sum cannot take them out again), and all the days of loads that bring no sums.
 */
async function daysToRecompute(client: pg.PoolClient, loads: LoadChange[], mine: number[]): Promise<DateRange | undefined> {
  const { rows } = await client.query<{ first: Date; last: Date }>(
    'select min(first_charge) as first, max(last_charge) as last from ingest_load_periods where superseded_by = any($1::bigint[]) having count(*) > 0',
    [mine],
  );
  const replaced = rows.map((r) => ({ first: r.first.toISOString(), last: r.last.toISOString() }));
  const unsummed = loads.flatMap((l) => (l.status === 'loaded' && !l.dailySums && l.touched ? [l.touched] : []));
  return daysOf([...replaced, ...unsummed]);
}

interface Refreshed {
  recomputed?: DateRange;
  /** Rollup rows written, and those deleted (dead until vacuumed). */
  rows: number;
  rewritten: number;
}

/** The days of `loads`' rows: recomputed where they must be, their own sums added on the others. */
async function refreshDays(client: pg.PoolClient, loads: LoadChange[], mine: number[]): Promise<Refreshed> {
  const recomputed = await daysToRecompute(client, loads, mine);
  const rows = recomputed ? await recompute(client, recomputed) : 0;
  const sums = loads.flatMap((l) => (l.status === 'loaded' && l.dailySums ? [l.dailySums] : []));
  const merged = await mergeDailySums(client, sums, recomputed);
  return { recomputed, rows: rows + merged.written, rewritten: rows + merged.deleted };
}

/**
 * Brings the rollup up to date after an ingest's loads. When the recorded signature is the one
 * from just before these loads, only the days they touched (restated periods included) can
 * differ, and only those are refreshed; otherwise something else changed since the last refresh
 * and everything is recomputed.
 */
export async function refreshAfterLoads(pool: pg.Pool, loads: LoadChange[]): Promise<AfterLoadsRefresh> {
  const mine = loads.flatMap((l) => (l.status === 'loaded' && l.loadId !== undefined ? [l.loadId] : []));
  const done = await inRefresh(pool, async (client): Promise<AfterLoadsRefresh & { rewritten?: number }> => {
    // Before any load the tables are empty, and so is an exact rollup, refreshed or not.
    const { rows } = await client.query<{ stored: string | null; now: string; before: string; first: boolean }>(
      `select (select loads_signature from cost_rollup_state) as stored, ${LOADS_SIGNATURE_SQL} as now, ${SIGNATURE_BEFORE_SQL} as before,
              ${SIGNATURE_BEFORE_SQL} = ${NO_LOADS_SIGNATURE_SQL} and ${ROLLUPS_EMPTY_SQL} as first`,
      [mine],
    );
    const { stored, now, before, first } = rows[0]!;
    if (stored === now) return { mode: 'none', rows: 0 };
    let done: AfterLoadsRefresh & { rewritten?: number };
    if (stored !== before && !(stored === null && first)) done = { mode: 'full', rows: await recompute(client, {}) };
    else {
      const range = daysOf(loads.flatMap((l) => (l.touched ? [l.touched] : [])));
      // Loads that stored no rows (all duplicates) change only the signature.
      done = range ? { mode: 'range', range, ...(await refreshDays(client, loads, mine)) } : { mode: 'range', rows: 0 };
    }
    await sign(client);
    return done;
  });
  const { rewritten, ...result } = done;
  return vacuumAfter(pool, result, rewritten);
}

/** Whether the rollup reflects every committed load (run inside the query's own snapshot). */
export async function rollupFresh(client: pg.PoolClient): Promise<boolean> {
  const { rows } = await client.query<{ fresh: boolean | null }>(`select (select loads_signature from cost_rollup_state) = ${LOADS_SIGNATURE_SQL} as fresh`);
  return rows[0]?.fresh === true;
}
