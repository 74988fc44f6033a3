/**
 * Penny on Citus (distributed PostgreSQL): when the database has the `citus` extension, the large
 * tables are hash-distributed across the worker nodes and everything else stays on the coordinator.
 * On plain PostgreSQL (and the embedded server) nothing here runs.
 *
 * Distributed, and by which column (never null, many distinct values, so rows spread evenly):
 *
 * | table                | column              | why |
 * |----------------------|---------------------|-----|
 * | llm_usage            | event_id            | one value per call: the most even spread there is |
 * | llm_usage_ids        | event_id            | co-located with llm_usage, so the duplicate check joins shard to shard |
 * | cost_lines           | charge_period_start | FOCUS has no line id and ResourceId may be null; the charge hour (or day) is never null, every question filters on it, and a month has hundreds of them |
 * | task_outcomes        | task_id             | one value per task, part of the primary key |
 * | llm_task_days        | task_id             | co-located with task_outcomes: the scans join a task's summed calls to its outcome shard to shard |
 * | resource_utilisation | resource_id         | one value per resource, part of the primary key |
 *
 * The month partitions of cost_lines, llm_usage and resource_utilisation are distributed with their
 * parent, and a month created later (migration 026) is created as a partition of the distributed
 * parent, so it is distributed too. Unique keys all contain their table's distribution column.
 * Small tables (findings, budgets, owners, loads, alerts, remediation, checkpoints…) stay ordinary
 * tables on the coordinator: no distributed query joins them with a distributed table, so making
 * them reference tables would only copy them to every worker.
 *
 * The daily rollup (cost_rollup_daily) stays on the coordinator too. It is a small part of the raw
 * rows (0.48 million for bench:scale's 20 million), and questions read it by ranges of days:
 * distributed (by `day`, as it once was) every such question fanned out to every shard for a few
 * rows each. On the
 * coordinator a question on the rollup is one local query, and a refresh inserts the sums the
 * workers compute of their own shards. A database distributed when the rollup was is converted
 * back (undistribute_table) the next time Penny opens it, or by `penny db distribute`. The monthly
 * rollup (cost_rollup_monthly, summed from the daily one) was never distributed: a local table beside it.
 *
 * Penny's own connections keep more connections to each worker open between queries than Citus's
 * default, so a question's fan-out to the shards does not open them again each time, and pass
 * their transactions' local settings on to the workers (SESSION_SQL).
 *
 * `llm_usage_ids.event_id` was created with the "C" collation (faster id comparisons) while
 * `llm_usage.event_id` has the database's; Citus co-locates only columns of one collation, so here
 * the ids take the database's collation. Equality is bytewise under every deterministic collation,
 * so which calls count as duplicates does not change.
 */
import type pg from 'pg';

export interface DistributedTable {
  table: string;
  column: string;
  /** The table whose shards this one's share (joined on the distribution column). */
  colocateWith?: string;
}

export const DISTRIBUTED: readonly DistributedTable[] = [
  { table: 'llm_usage', column: 'event_id' },
  { table: 'llm_usage_ids', column: 'event_id', colocateWith: 'llm_usage' },
  { table: 'cost_lines', column: 'charge_period_start' },
  { table: 'task_outcomes', column: 'task_id' },
  { table: 'llm_task_days', column: 'task_id', colocateWith: 'task_outcomes' },
  { table: 'resource_utilisation', column: 'resource_id' },
];

/** Tables an earlier Penny distributed that now stay on the coordinator (see above). */
export const ON_COORDINATOR: readonly string[] = ['cost_rollup_daily'];

/**
 * Run on each new connection of Penny's pool, for each setting the operator has not set:
 * - Citus keeps one connection per worker open after a transaction and opens the others again for
 *   the next multi-shard query, which on a small query costs more than the query (about 100 ms of
 *   120 measured by bench:scale). Penny's connections are few and long-lived, so each keeps four.
 * - A transaction's `set local` (the scans' work_mem) reaches the workers and the coordinator's own
 *   tasks over intermediate results too, so their aggregates hash in memory as on one server instead
 *   of sorting to disk with the default 4 MB (Citus propagates no SET by default).
 * On plain PostgreSQL, where the settings do not exist, it does nothing.
 */
export const SESSION_SQL = `select set_config(s.name, v.value, false)
  from (values ('citus.max_cached_conns_per_worker', '4'), ('citus.propagate_set_commands', 'local')) v(name, value)
  join pg_settings s on s.name = v.name and s.source = 'default'`;

type Queryable = pg.Pool | pg.PoolClient | pg.Client;

/** Whether the database has the citus extension (the server only loading it is not enough). */
export async function hasCitus(db: Queryable): Promise<boolean> {
  const { rows } = await db.query<{ on: boolean }>("select exists (select 1 from pg_extension where extname = 'citus') as on");
  return rows[0]!.on;
}

/** Tables of DISTRIBUTED that Citus already distributes, with their distribution column. */
export async function distributedTables(db: Queryable): Promise<Map<string, string>> {
  if (!(await hasCitus(db))) return new Map();
  const { rows } = await db.query<{ table: string; column: string }>(
    `select t.table_name::text as table, t.distribution_column as column
       from citus_tables t where t.citus_table_type = 'distributed' and t.table_name::text = any($1::text[])`,
    [DISTRIBUTED.map((d) => d.table)],
  );
  return new Map(rows.map((r) => [r.table, r.column]));
}

/** What distributeTables changed: tables it distributed, and tables it brought back to the coordinator. */
export interface LayoutChange {
  distributed: DistributedTable[];
  undistributed: string[];
}

/**
 * Distributes every table of DISTRIBUTED that is not yet, moving rows already stored on the
 * coordinator into the shards (an existing single-server database converted in place), and brings
 * the tables of ON_COORDINATOR that are distributed back into the coordinator. Runs in the
 * caller's transaction.
 */
export async function distributeTables(client: pg.PoolClient | pg.Client): Promise<LayoutChange> {
  const { rows } = await client.query<{ table: string }>(`select table_name::text as table from citus_tables where table_name::text = any($1::text[])`, [ON_COORDINATOR]);
  // undistribute_table copies the rows back from the shards into a new local table, which has no
  // statistics yet: analyse it, so the first questions on it are not planned blind.
  for (const { table } of rows) {
    await client.query('select undistribute_table($1)', [table]);
    await client.query(`analyze ${table}`);
  }
  const done = await distributedTables(client);
  const missing = DISTRIBUTED.filter((d) => !done.has(d.table));
  for (const d of missing) {
    if (d.table === 'llm_usage_ids') await client.query('alter table llm_usage_ids alter column event_id type text collate "default"');
    await client.query('select create_distributed_table($1, $2, colocate_with => $3)', [d.table, d.column, d.colocateWith ?? 'default']);
    // create_distributed_table copies existing rows into the shards and leaves the originals
    // behind, hidden, in the coordinator's own table: free that space.
    await client.query('select truncate_local_data_after_distributing_table($1)', [d.table]);
  }
  return { distributed: missing, undistributed: rows.map((r) => r.table) };
}
