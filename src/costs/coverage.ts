/**
 * The days stored cost data covers, first to last (UTC), for saying so when a question matched
 * nothing: "no data matched; cost data covers 2026-08-07 to 2026-12-04". Read from the daily rollup
 * when it is fresh (a small table), else from the raw tables. And the last day with data before
 * asOf of each dataset, where a question with no period ends its window (planner/latest-data.ts).
 */
import type pg from 'pg';
import { rollupFresh } from './rollups.ts';
import { DEFAULT_TIMEOUT_MS, latestCharge, readOnly } from './run.ts';

export interface Coverage {
  /** First and last day with data, inclusive (YYYY-MM-DD). */
  first: string;
  last: string;
}

type Row = { first: string | null; last: string | null };

const RAW: Record<'cloud' | 'ai', string> = {
  cloud: 'select min(charge_period_start) as f, max(charge_period_start) as l from cost_lines',
  ai: 'select min(ts) as f, max(ts) as l from llm_usage',
};

export async function dataCoverage(pool: pg.Pool, dataset: 'cloud' | 'ai' | 'all', timeoutMs = DEFAULT_TIMEOUT_MS): Promise<Coverage | null> {
  const sources = dataset === 'all' ? (['cloud', 'ai'] as const) : ([dataset] as const);
  const day = (x: string) => `to_char(${x} at time zone 'UTC', 'YYYY-MM-DD')`;
  const row = await readOnly(pool, timeoutMs, async (client) => {
    const { rows } = (await rollupFresh(client))
      ? await client.query<Row>("select to_char(min(day), 'YYYY-MM-DD') as first, to_char(max(day), 'YYYY-MM-DD') as last from cost_rollup_daily where dataset = any($1)", [[...sources]])
      : await client.query<Row>(`select ${day('min(f)')} as first, ${day('max(l)')} as last from (${sources.map((s) => RAW[s]).join(' union all ')}) x`);
    return rows[0];
  });
  return row?.first && row.last ? { first: row.first, last: row.last } : null;
}

/** The last day (UTC) with data before asOf, per dataset; null where it has none. */
export interface DataEnds {
  cloud: string | null;
  ai: string | null;
}

/**
 * Each dataset's last day before asOf, as an answer's "data through" is found: the fresh rollup's
 * recent days by its day index, else the raw tables' recent weeks by their BRIN index, and only
 * then further back. Cheap on any size: a question asks it before it is planned.
 */
export async function dataEnds(pool: pg.Pool, asOf: string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<DataEnds> {
  return readOnly(pool, timeoutMs, async (client) => {
    const rollup = await rollupFresh(client);
    const cloud = await latestCharge(client, ['cloud'], asOf, rollup);
    const ai = await latestCharge(client, ['ai'], asOf, rollup);
    return { cloud: cloud?.slice(0, 10) ?? null, ai: ai?.slice(0, 10) ?? null };
  });
}
