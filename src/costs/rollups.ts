/**
 * Daily rollups (table cost_rollup_daily): cloud costs and AI usage summed per UTC day on the
 * dimensions most questions use. The compiler reads them instead of the raw tables when a query
 * only touches rolled-up dimensions and the rollup is fresh.
 *
 * Freshness: every load writes its ingest_loads row in the same transaction as its data, so a
 * signature of ingest_loads changes exactly when the data may have. refreshRollups records the
 * signature it saw; any later load (or failed load, or restatement) makes the rollup stale until
 * the next refresh, and queries fall back to the raw tables meanwhile — never a wrong answer.
 * A refresh with a range trusts its caller that the loads since the last refresh only touched
 * those days (ingest knows its charge period); without a range it rebuilds everything.
 */
import type pg from 'pg';
import { dimensionSql } from './dimensions.ts';
import type { DateRange } from './time.ts';

/** A fingerprint of the committed loads; ingest_loads holds one small row per file. */
export const LOADS_SIGNATURE_SQL = "(select md5(coalesce(string_agg(id::text || ':' || status, ',' order by id), '')) from ingest_loads)";

/** Rolled-up dimension → rollup column. Dimensions not listed here need the raw tables. */
export const ROLLUP_COLUMNS: Readonly<Record<string, string>> = {
  ProviderName: 'provider',
  provider: 'provider',
  ServiceName: 'service',
  SubAccountId: 'sub_account',
  RegionId: 'region',
  team: 'team',
  feature: 'feature',
  model: 'model',
  customer: 'customer',
  environment: 'environment',
  cost_center: 'cost_center',
};

const COLUMNS = ['provider', 'service', 'sub_account', 'region', 'team', 'feature', 'model', 'customer', 'environment', 'cost_center'];

/** The SQL each source computes a rollup column with; the same expressions the raw branches use. */
function expressions(source: 'cloud' | 'ai'): string[] {
  const noParams = () => {
    throw new Error('rollup dimensions take no parameters');
  };
  const byColumn: Record<string, string> = {
    service: source === 'cloud' ? 'service_name' : 'null',
    sub_account: source === 'cloud' ? 'sub_account_id' : 'null',
    region: source === 'cloud' ? 'region_id' : 'null',
  };
  return COLUMNS.map((c) => byColumn[c] ?? dimensionSql(c, source, noParams) ?? 'null');
}

function insertSql(source: 'cloud' | 'ai'): string {
  const t = source === 'cloud' ? 'charge_period_start' : 'ts';
  const measures =
    source === 'cloud'
      ? 'sum(billed_cost), sum(effective_cost), sum(list_cost), 0, 0, 0, 0'
      : 'sum(cost), sum(cost), sum(cost), sum(input_tokens), sum(output_tokens), sum(cache_read_tokens), count(*)';
  const groups = COLUMNS.map((_, i) => i + 3).join(', ');
  return `insert into cost_rollup_daily (day, dataset, ${COLUMNS.join(', ')}, billed_cost, effective_cost, list_cost, input_tokens, output_tokens, cached_tokens, requests)
    select (${t} at time zone 'UTC')::date, '${source}', ${expressions(source).join(', ')}, ${measures}
    from ${source === 'cloud' ? 'cost_lines' : 'llm_usage'}
    where ($1::timestamptz is null or ${t} >= $1) and ($2::timestamptz is null or ${t} < $2)
    group by 1, ${groups}`;
}

/**
 * Recomputes the rollup for the days [from, to) (ISO dates), or for everything without a range,
 * and marks it fresh. Runs in one repeatable-read transaction, so the data it sums and the
 * signature it records are the same snapshot; concurrent refreshes queue on an advisory lock.
 */
export async function refreshRollups(pool: pg.Pool, range: Partial<DateRange> = {}): Promise<{ rows: number }> {
  const bounds = [range.from ? `${range.from}T00:00:00Z` : null, range.to ? `${range.to}T00:00:00Z` : null];
  const client = await pool.connect();
  try {
    await client.query('begin isolation level repeatable read');
    await client.query("select pg_advisory_xact_lock(hashtext('penny:cost_rollups'))");
    await client.query('delete from cost_rollup_daily where ($1::date is null or day >= $1::date) and ($2::date is null or day < $2::date)', [range.from ?? null, range.to ?? null]);
    let rows = 0;
    for (const source of ['cloud', 'ai'] as const) rows += (await client.query(insertSql(source), bounds)).rowCount ?? 0;
    await client.query(
      `insert into cost_rollup_state (loads_signature) values (${LOADS_SIGNATURE_SQL})
       on conflict (singleton) do update set loads_signature = excluded.loads_signature, refreshed_at = now()`,
    );
    await client.query('commit');
    return { rows };
  } catch (err) {
    await client.query('rollback').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/** Whether the rollup reflects every committed load (run inside the query's own snapshot). */
export async function rollupFresh(client: pg.PoolClient): Promise<boolean> {
  const { rows } = await client.query<{ fresh: boolean | null }>(`select (select loads_signature from cost_rollup_state) = ${LOADS_SIGNATURE_SQL} as fresh`);
  return rows[0]?.fresh === true;
}
