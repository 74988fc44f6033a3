/**
 * How the work of one aggregate pass divides across a Citus cluster, for bench:scale: where the
 * shards of cost_lines and llm_usage live (count and size per worker), and from EXPLAIN ANALYZE
 * with every task shown, each worker's tasks, rows scanned and busy time beside the coordinator's
 * own time (waiting for the workers' partial aggregates, then merging them). The pass runs with one
 * connection per worker, so a worker's tasks run one after another and their times add up to its
 * busy time, instead of overlapping tasks each slowed by the others.
 */
import type pg from 'pg';
import { z } from 'zod';
import { AGGREGATE_SQL } from './scan-suite.ts';

export interface WorkerShare {
  node: string;
  shards: number;
  bytes: number;
  tasks: number;
  rows: number;
  /** Sum of the times of this worker's tasks, run one at a time, ms. */
  busyMs: number;
}

export interface ShardFigures {
  /** Large tables not distributed (then the coordinator scans them alone). */
  local: string[];
  workers: WorkerShare[];
  /** The aggregate pass as the coordinator saw it: total, and the part spent after the workers' results were in. */
  wallMs: number;
  mergeMs: number;
  tasks: number;
}

// Their leaf partitions hold the shards (pg_partition_tree is empty for a table not partitioned).
const TABLES = ['cost_lines', 'llm_usage'];

// The parts of an EXPLAIN (ANALYZE, FORMAT JSON) plan read here; Citus nests each task's own plan.
type PlanNode = {
  'Actual Total Time'?: number;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Relation Name'?: string;
  Plans?: PlanNode[];
  'Distributed Query'?: { Job: { Tasks?: { Node: string; 'Remote Plan': { Plan: PlanNode; 'Execution Time'?: number }[][] }[] } };
};
const Explain = z.array(z.object({ Plan: z.custom<PlanNode>((v) => typeof v === 'object' && v !== null), 'Execution Time': z.number() }));

const walk = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(walk)];
const scannedRows = (n: PlanNode) =>
  walk(n)
    .filter((x) => x['Relation Name'] !== undefined)
    .reduce((s, x) => s + (x['Actual Rows'] ?? 0) * (x['Actual Loops'] ?? 1), 0);

export async function shardFigures(pool: pg.Pool): Promise<ShardFigures> {
  const distributed = await pool.query<{ t: string }>('select logicalrelid::text as t from pg_dist_partition where logicalrelid::text = any($1)', [TABLES]);
  const local = TABLES.filter((t) => !distributed.rows.some((r) => r.t === t));
  const placement = await pool.query<{ node: string; shards: number; bytes: string }>(
    `select nodename || ':' || nodeport as node, count(*)::int as shards, sum(shard_size)::bigint as bytes
       from citus_shards
      where table_name in (select coalesce(p.relid, t) from unnest($1::regclass[]) t left join lateral pg_partition_tree(t) p on true where p.isleaf is not false)
      group by 1 order by 1`,
    [TABLES],
  );
  const workers = new Map<string, WorkerShare>(placement.rows.map((r) => [r.node, { node: r.node, shards: r.shards, bytes: Number(r.bytes), tasks: 0, rows: 0, busyMs: 0 }]));
  const client = await pool.connect();
  let wallMs = 0;
  let mergeMs = 0;
  let tasks = 0;
  try {
    await client.query('set citus.explain_all_tasks = on');
    await client.query('set citus.max_adaptive_executor_pool_size = 1');
    for (const sql of AGGREGATE_SQL) {
      const { rows } = await client.query(`explain (analyze, format json) ${sql}`);
      const [top] = Explain.parse(rows[0]['QUERY PLAN']);
      wallMs += top!['Execution Time'];
      const scan = walk(top!.Plan).find((n) => n['Distributed Query']);
      if (!scan) continue;
      mergeMs += top!['Execution Time'] - (scan['Actual Total Time'] ?? 0);
      for (const task of scan['Distributed Query']!.Job.Tasks ?? []) {
        const m = /host=(\S+) port=(\d+)/.exec(task.Node);
        const node = m ? `${m[1]}:${m[2]}` : task.Node;
        const w = workers.get(node) ?? { node, shards: 0, bytes: 0, tasks: 0, rows: 0, busyMs: 0 };
        const remote = task['Remote Plan'][0]![0]!;
        w.tasks += 1;
        w.rows += scannedRows(remote.Plan);
        w.busyMs += remote['Execution Time'] ?? remote.Plan['Actual Total Time'] ?? 0;
        workers.set(node, w);
        tasks += 1;
      }
    }
  } finally {
    await client.query('reset all').catch(() => undefined);
    client.release();
  }
  return { local, workers: [...workers.values()], wallMs, mergeMs, tasks };
}
