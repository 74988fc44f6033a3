/**
 * Penny distributes its own tables on Citus and leaves plain PostgreSQL alone. On a Citus run
 * (PENNY_TEST_CITUS_URL) the cost and usage tables are distributed by the columns of
 * src/db/citus.ts, a FOCUS file loaded through `penny ingest` lands in shards on every worker,
 * `penny db distribute` is a no-op the second time and brings a rollup distributed by an earlier
 * Penny back to the coordinator, and Penny's connections keep more worker connections cached and
 * pass a transaction's local settings to the workers; on plain PostgreSQL nothing is distributed and
 * the command refuses with one line saying why.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DISTRIBUTED, distributedTables } from '../../src/db/citus.ts';
import { loadEnv } from '../../src/config/env.ts';
import { openDb } from '../../src/db/pool.ts';
import { inScanTransaction } from '../../src/scans/sql.ts';
import { runPenny } from '../support/cli.ts';
import { createTestDb, onCitus, type TestDb } from '../support/db.ts';
import { FOCUS_SAMPLE } from '../support/focus-sample.ts';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.drop());

it.runIf(onCitus())('on Citus, the cost and usage tables are distributed by their columns with shards on every worker', async () => {
  expect(Object.fromEntries(await distributedTables(t.pool))).toEqual(Object.fromEntries(DISTRIBUTED.map((d) => [d.table, d.column])));
  const { rows: workers } = await t.pool.query<{ n: number }>('select count(*)::int as n from pg_dist_node where groupid <> 0');
  const { rows } = await t.pool.query<{ table: string; nodes: number }>(
    `select table_name::text as table, count(distinct nodeport)::int as nodes from citus_shards where table_name::text = any($1::text[]) group by 1 order by 1`,
    [DISTRIBUTED.map((d) => d.table)],
  );
  expect(rows).toEqual(DISTRIBUTED.map((d) => ({ table: d.table, nodes: workers[0]!.n })).sort((a, b) => a.table.localeCompare(b.table)));
  // Co-located pairs join shard to shard: llm_usage_ids with llm_usage (the duplicate check),
  // llm_task_days with task_outcomes (unit economics, agent loops).
  const pairs = DISTRIBUTED.filter((d) => d.colocateWith).map((d) => [d.table, d.colocateWith!]);
  expect(pairs).toContainEqual(['llm_task_days', 'task_outcomes']);
  for (const pair of pairs) {
    const { rows: groups } = await t.pool.query(`select count(distinct colocation_id)::int as n from citus_tables where table_name::text = any($1::text[])`, [pair]);
    expect(groups[0].n, pair.join(' with ')).toBe(1);
  }
});

it.runIf(onCitus())('on Citus, FOCUS rows loaded by penny ingest land in shards on every worker, in new month partitions', async () => {
  const res = await runPenny(['ingest', 'focus', FOCUS_SAMPLE, '--json'], { env: { DATABASE_URL: t.url } });
  expect(res.code, res.stderr).toBe(0);
  const loaded = JSON.parse(res.stdout).rows as number;
  expect(loaded).toBeGreaterThan(0);
  // (tableoid would name shards: it is read on the workers.)
  const { rows: parts } = await t.pool.query<{ part: string }>(`select inhrelid::regclass::text as part from pg_inherits where inhparent = 'cost_lines'::regclass order by 1`);
  expect(parts.length).toBeGreaterThan(1);
  const perNode = new Map<number, number>();
  for (const { part } of parts) {
    expect(part).toMatch(/^cost_lines_(\d{4}_\d{2}|default)$/);
    const { rows } = await t.pool.query<{ nodeport: number; result: string }>(`select nodeport, result from run_command_on_placements($1, 'select count(*) from %s')`, [part]);
    for (const r of rows) perNode.set(r.nodeport, (perNode.get(r.nodeport) ?? 0) + Number(r.result));
  }
  const { rows: workers } = await t.pool.query<{ port: number }>('select nodeport as port from pg_dist_node where groupid <> 0');
  for (const w of workers) expect(perNode.get(w.port), `rows on worker ${w.port}`).toBeGreaterThan(0);
  expect([...perNode.values()].reduce((a, b) => a + b, 0)).toBe(loaded);
  const again = await runPenny(['db', 'distribute', '--json'], { env: { DATABASE_URL: t.url } });
  expect(again.code, again.stderr).toBe(0);
  expect(JSON.parse(again.stdout).tables.map((x: { table: string }) => x.table)).toEqual(DISTRIBUTED.map((d) => d.table).sort());
});

it.runIf(onCitus())('a database whose rollup an earlier Penny distributed by day gets it back on the coordinator, with the same rows', async () => {
  const rollup = () => t.pool.query('select count(*)::int as n, sum(effective_cost)::text as cost from cost_rollup_daily');
  const before = (await rollup()).rows[0];
  expect(before.n).toBeGreaterThan(0);
  // As `penny db distribute` left it before the rollup stayed on the coordinator.
  await t.pool.query(`select create_distributed_table('cost_rollup_daily', 'day'), truncate_local_data_after_distributing_table('cost_rollup_daily')`);
  const res = await runPenny(['db', 'distribute', '--json'], { env: { DATABASE_URL: t.url } });
  expect(res.code, res.stderr).toBe(0);
  const { rows } = await t.pool.query(`select count(*)::int as n from citus_tables where table_name = 'cost_rollup_daily'::regclass`);
  expect(rows[0].n).toBe(0);
  expect((await rollup()).rows[0]).toEqual(before);
  // Analysed as it came back, not left for autovacuum.
  const { rows: stats } = await t.pool.query(`select count(*)::int as n from pg_stats where tablename = 'cost_rollup_daily'`);
  expect(stats[0].n).toBeGreaterThan(0);
});

it.runIf(onCitus())("Penny's connections keep four connections per worker between queries, unless the operator chose a number", async () => {
  const { rows } = await t.pool.query(`select current_setting('citus.max_cached_conns_per_worker') as n`);
  expect(rows[0].n).toBe('4');
  const dbName = new URL(t.url).pathname.slice(1);
  await t.pool.query(`alter database ${dbName} set citus.max_cached_conns_per_worker = 2`);
  try {
    const other = await openDb(loadEnv({ DATABASE_URL: t.url }), { migrate: false });
    const { rows: chosen } = await other.pool.query(`select current_setting('citus.max_cached_conns_per_worker') as n`);
    await other.close();
    expect(chosen[0].n).toBe('2');
  } finally {
    await t.pool.query(`alter database ${dbName} reset citus.max_cached_conns_per_worker`);
  }
});

it.runIf(onCitus())("a scan transaction's work_mem reaches the workers' shard queries, as it applies on one server", async () => {
  // Tasks spread across the shards, so the query runs on every worker.
  await t.pool.query(`insert into task_outcomes (load_id, task_id, status, ts) select 0, 'wm-' || g, 'success', now() from generate_series(1, 50) g`);
  const onShards = (client: { query: (sql: string) => Promise<{ rows: { w: string }[] }> }) =>
    client.query(`select distinct current_setting('work_mem') as w from task_outcomes where task_id like 'wm-%'`).then((r) => r.rows.map((x) => x.w));
  expect(await inScanTransaction(t.pool, onShards)).toEqual(['256MB']);
  // Outside such a transaction the workers keep their own default.
  expect(await onShards(t.pool)).toEqual(['4MB']);
});

it.skipIf(onCitus())('on plain PostgreSQL nothing is distributed, and penny db distribute says Citus is missing', async () => {
  expect((await distributedTables(t.pool)).size).toBe(0);
  const { rows } = await t.pool.query(`select penny_is_distributed('cost_lines') as d, current_setting('citus.max_cached_conns_per_worker', true) as cached`);
  expect(rows[0]).toEqual({ d: false, cached: null });
  const res = await runPenny(['db', 'distribute'], { env: { DATABASE_URL: t.url } });
  expect(res.code).toBe(2);
  expect(res.stderr).toMatch(/does not run Citus/);
});
