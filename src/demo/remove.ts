/**
 * `penny demo --remove`: takes out exactly what `penny demo` seeded (see migration 020): the rows
 * of the demo's loads (cloud bills, LLM calls and their ids, task outcomes, utilisation), the
 * loads themselves with their rejects, the owner rules read from the demo's owners.yaml and the
 * budgets it set, in one transaction, the per-task daily sums of the calls' days summed again
 * without them; then the daily rollups are recomputed.
 */
import type pg from 'pg';
import { refreshRollups } from '../costs/rollups.ts';
import { inTransaction } from '../db/transaction.ts';
import { resumTaskDays, taskDaysOf } from '../ingest/usage/task-days.ts';

export interface DemoRemoval {
  seeds: number;
  loads: number;
  costRows: number;
  usageRows: number;
  tasks: number;
  metrics: number;
  ownerRules: number;
  budgets: number;
}

const count = async (client: pg.PoolClient, sql: string, params: unknown[]) => (await client.query(sql, params)).rowCount ?? 0;

export async function removeDemo(pool: pg.Pool): Promise<DemoRemoval> {
  const removed = await inTransaction(pool, async (client) => {
    const { rows: seeds } = await client.query<{ id: string; folder: string; budget_ids: string[] }>('select id, folder, budget_ids from demo_seeds for update');
    const folders = seeds.map((s) => `${s.folder}/`);
    const { rows: loads } = await client.query<{ id: string }>('select id from ingest_loads where file_path ^@ any($1::text[])', [folders]);
    const ids = loads.map((l) => l.id);
    const out: DemoRemoval = {
      seeds: seeds.length,
      loads: ids.length,
      costRows: await count(client, 'delete from cost_lines where load_id = any($1::bigint[])', [ids]),
      usageRows: 0,
      tasks: await count(client, 'delete from task_outcomes where load_id = any($1::bigint[])', [ids]),
      metrics: await count(client, 'delete from resource_utilisation where load_id = any($1::bigint[])', [ids]),
      ownerRules: await count(client, 'delete from owner_rules where source ^@ any($1::text[])', [folders]),
      budgets: await count(client, 'delete from budgets where id = any($1::bigint[])', [seeds.flatMap((s) => s.budget_ids)]),
    };
    await client.query('delete from llm_usage_ids i using llm_usage u where u.load_id = any($1::bigint[]) and i.event_id = u.event_id', [ids]);
    const taskDays = await client.query(
      `select distinct task_id as task_day_task, date_trunc('day', ts, 'UTC') as task_day_ts from llm_usage where load_id = any($1::bigint[]) and task_id is not null`,
      [ids],
    );
    out.usageRows = await count(client, 'delete from llm_usage where load_id = any($1::bigint[])', [ids]);
    await resumTaskDays(client, taskDaysOf(taskDays.rows));
    // A user's export the demo's restated keeps its rows; only the link to the demo load goes.
    await client.query('update ingest_load_periods set superseded_by = null where superseded_by = any($1::bigint[])', [ids]);
    await client.query('delete from ingest_loads where id = any($1::bigint[])', [ids]);
    await client.query('delete from demo_seeds where id = any($1::bigint[])', [seeds.map((s) => s.id)]);
    return out;
  });
  if (removed.loads > 0) await refreshRollups(pool);
  return removed;
}
