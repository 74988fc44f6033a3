/**
 * `penny demo`: writes Northwind Labs' files (FOCUS exports, LLM usage, task outcomes,
 * utilisation, owners) and loads them through the same ingest code users run, refreshes the daily
 * rollups, then sets budgets. Deterministic for a given end date; 120 days of data by default.
 * The files use the default attribution keys, so they load with those whatever the configuration.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import { setBudget } from '../budgets/store.ts';
import { refreshAfterLoads } from '../costs/rollups.ts';
import { LOCKS } from '../db/locks.ts';
import { loadFocusFile } from '../ingest/focus/load.ts';
import { loadMetricsFile } from '../ingest/metrics/load.ts';
import { loadTasksFile } from '../ingest/tasks/load.ts';
import { loadUsageFile } from '../ingest/usage/load.ts';
import { importOwnerFiles } from '../owners/import.ts';
import { writeAiUsage, writeUtilisation } from './ai.ts';
import { writeCloudExports } from './cloud.ts';
import { BUDGET_NEAR_LIMIT, OWNERS_YAML, PLANTED, TEAMS } from './company.ts';
import { DAY_MS, isoDay } from '../schema/days.ts';

export interface DemoOptions {
  /** The last day with data (YYYY-MM-DD); defaults to yesterday (UTC). */
  endDate?: string;
  days?: number;
}

export interface DemoResult {
  company: string;
  from: string;
  to: string;
  costRows: number;
  usageRows: number;
  tasks: number;
  metrics: number;
  planted: typeof PLANTED;
}

export function defaultEndDate(now = new Date()): string {
  return isoDay(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - DAY_MS);
}

async function hasAnyData(db: pg.Pool | pg.PoolClient): Promise<boolean> {
  const { rows } = await db.query("select exists (select 1 from ingest_loads where status = 'loaded') as any");
  return rows[0].any as boolean;
}

/**
 * Seeds the demo when the database holds no data yet. Under an advisory lock, so that several
 * Penny processes starting on one empty database seed it once.
 */
export async function seedIfEmpty(pool: pg.Pool): Promise<DemoResult | undefined> {
  if (await hasAnyData(pool)) return undefined;
  const client = await pool.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [LOCKS.demoSeed]);
    return (await hasAnyData(client)) ? undefined : await seedDemo(pool);
  } finally {
    await client.query('select pg_advisory_unlock($1)', [LOCKS.demoSeed]).catch(() => undefined);
    client.release();
  }
}

export async function seedDemo(pool: pg.Pool, options: DemoOptions = {}): Promise<DemoResult> {
  const end = options.endDate ?? defaultEndDate();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(end) || Number.isNaN(Date.parse(`${end}T00:00:00Z`))) throw new Error(`--end-date must be YYYY-MM-DD, got ${JSON.stringify(end)}`);
  const endMs = Date.parse(`${end}T00:00:00Z`);
  const startMs = endMs - ((options.days ?? 120) - 1) * DAY_MS;
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'penny-demo-'));
  try {
    const [cloudFiles, ai, metricsFile] = await Promise.all([writeCloudExports(dir, startMs, endMs), writeAiUsage(dir, startMs, endMs), writeUtilisation(dir, startMs, endMs)]);
    const cloud = [];
    for (const file of cloudFiles) cloud.push(loaded(await loadFocusFile(pool, file)));
    const usage = loaded(await loadUsageFile(pool, ai.usage));
    const tasks = loaded(await loadTasksFile(pool, ai.tasks)).rows;
    const metrics = loaded(await loadMetricsFile(pool, metricsFile)).rows;
    await refreshAfterLoads(pool, [...cloud, usage]);
    const costRows = cloud.reduce((n, r) => n + r.rows, 0);
    const ownersFile = path.join(dir, 'owners.yaml');
    await fs.writeFile(ownersFile, OWNERS_YAML);
    // Added to the owner map, not replacing it: a user's own rules for other scopes stay.
    await importOwnerFiles(pool, [ownersFile]);
    const budgetIds = await setBudgets(pool, end);
    // What `penny demo --remove` takes out: the loads and owner rules of this folder, these budgets.
    await pool.query('insert into demo_seeds (folder, budget_ids) values ($1, $2)', [dir, budgetIds]);
    return { company: 'Northwind Labs', from: isoDay(startMs), to: end, costRows, usageRows: usage.rows, tasks, metrics, planted: PLANTED };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

function loaded<T extends { status: string; file: string; error?: string }>(r: T): T {
  if (r.status === 'failed') throw new Error(`demo: loading ${path.basename(r.file)} failed: ${r.error}`);
  return r;
}

/**
 * A monthly budget per team from its own spend (cloud rows tagged with the team plus its LLM
 * calls): twice last month's, except the planted team, whose budget its month-to-date spend has
 * already used BUDGET_NEAR_LIMIT.consumed of. Returns the budgets' ids.
 */
async function setBudgets(pool: pg.Pool, end: string): Promise<string[]> {
  const { rows } = await pool.query<{ team: string; amount: string }>(
    `with month as (select date_trunc('month', $1::date)::timestamptz as start),
     spend as (
       select team, charge_period_start as at, effective_cost as cost from cost_lines where team is not null
       union all
       select team, ts, cost from llm_usage where team is not null and cost is not null
     )
     select team,
            case when team = $3
              then round(sum(cost) filter (where at >= month.start) / $4::numeric, 2)
              else greatest(100, ceil(coalesce(sum(cost) filter (where at >= month.start - interval '1 month' and at < month.start), 0) * 2 / 100) * 100)
            end::text as amount
       from spend, month
      where team = any($2) and at < $1::date + 1
      group by team`,
    [end, TEAMS, BUDGET_NEAR_LIMIT.team, BUDGET_NEAR_LIMIT.consumed],
  );
  for (const r of rows) await setBudget(pool, { scope: { team: r.team }, name: `${r.team} monthly`, amount: r.amount });
  const { rows: ids } = await pool.query<{ id: string }>('select id from budgets where scope = any($1::jsonb[])', [rows.map((r) => JSON.stringify({ team: r.team }))]);
  return ids.map((b) => b.id);
}
