/**
 * `bench:ask`'s figure for the first question after an ingest: a day's export is added to the big
 * dataset as a load of its own (the last day's cloud rows again, with new resource names, and
 * its billing period's span, as a FOCUS load records it), the rollup refreshed for that day as
 * ingest does, and a new process loads the catalog: the stored one extended with that day, not
 * read again. The load is taken out afterwards, so the dataset stays as generated.
 */
import pg from 'pg';
import { loadCatalog } from '../src/ask/planner/catalog.ts';
import type { Viewer } from '../src/costs/run.ts';
import { refreshRollups } from '../src/costs/rollups.ts';
import { addDays } from '../src/schema/days.ts';

const MARK = 'bench://catalog-after-ingest';

async function takeOut(pool: pg.Pool, day: string): Promise<void> {
  const { rows } = await pool.query<{ id: string }>('delete from ingest_loads where file_path = $1 returning id', [MARK]);
  if (rows.length === 0) return;
  await pool.query('delete from cost_lines where load_id = any($1::bigint[])', [rows.map((r) => r.id)]);
  await refreshRollups(pool, { from: day, to: addDays(day, 1) });
}

/** `fn` on a pool of its own, as a new process (each `penny ask` from the shell) has. */
async function inNewProcess<T>(pool: pg.Pool, fn: (pool: pg.Pool) => Promise<T>): Promise<T> {
  const fresh = new pg.Pool({ connectionString: pool.options.connectionString, max: 1 });
  try {
    return await fn(fresh);
  } finally {
    await fresh.end();
  }
}

/** Prints the catalog's load time in a new process after a day's load; returns it in ms. */
export async function benchCatalogAfterIngest(pool: pg.Pool, viewer: Viewer, asOf: string): Promise<number> {
  const day = addDays(asOf, -1);
  await takeOut(pool, day);
  // The catalog stored before the ingest, as the questions before it left it.
  await inNewProcess(pool, (p) => loadCatalog(p, viewer, asOf));
  const { rows } = await pool.query<{ id: string }>("insert into ingest_loads (kind, file_path, status) values ('focus', $1, 'loaded') returning id", [MARK]);
  const load = rows[0]!.id;
  const added = await pool.query(
    `insert into cost_lines (load_id, billing_account_id, billing_currency, billing_period_start, billing_period_end, charge_category, charge_period_start, charge_period_end,
       provider_name, service_name, service_category, sub_account_id, region_id, resource_id, billed_cost, effective_cost, list_cost, tags, team, environment)
     select $1, billing_account_id, billing_currency, billing_period_start, billing_period_end, charge_category, charge_period_start, charge_period_end,
       provider_name, service_name, service_category, sub_account_id, region_id, resource_id || '-new', billed_cost, effective_cost, list_cost, tags, team, environment
       from cost_lines where charge_period_start >= $2::timestamptz and charge_period_start < $3::timestamptz`,
    [load, `${day}T00:00:00Z`, `${asOf}T00:00:00Z`],
  );
  await pool.query(
    `insert into ingest_load_periods (load_id, provider_name, billing_account_id, billing_period_start, rows, first_charge, last_charge)
     select $1, 'bench', 'bench-account', date_trunc('month', min(charge_period_start)), count(*), min(charge_period_start), max(charge_period_start) from cost_lines where load_id = $1`,
    [load],
  );
  await refreshRollups(pool, { from: day, to: asOf });
  const t0 = performance.now();
  const catalog = await inNewProcess(pool, (p) => loadCatalog(p, viewer, asOf));
  const ms = performance.now() - t0;
  const named = (catalog.get('ResourceId') ?? []).some((r) => r.endsWith('-new'));
  console.log(
    `catalog in a new process after an ingest of a day's export (${(added.rowCount ?? 0).toLocaleString('en-US')} rows; the stored one extended with that day${named ? ', its new resources named' : ''}): ${ms.toFixed(1)} ms`,
  );
  await takeOut(pool, day);
  return ms;
}
