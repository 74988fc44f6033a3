/**
 * `npm run bench:scan`: the full scan suite (anomaly, waste, budget) over 10 million FOCUS cost
 * rows and 10 million LLM usage events on real PostgreSQL, against the time of one aggregate scan
 * of the same tables (daily sums of each), with the Node process's peak RSS. Targets: ≤ 20 s,
 * ≤ 3 × the aggregate scan, ≤ 300 MB RSS.
 *
 * Data comes from the bench generators and is loaded through `penny ingest` (the COPY paths).
 * Everything is cached under bench/out/ (gitignored): the generated files, and without
 * DATABASE_URL an embedded PostgreSQL in bench/out/scan-pg whose loaded database is reused while
 * its row counts match, so a second run only scans. BENCH_COST_ROWS / BENCH_USAGE_EVENTS change the sizes.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { setBudget } from '../src/budgets/store.ts';
import { loadEnv } from '../src/config/env.ts';
import { startEmbedded } from '../src/db/embedded.ts';
import { openDb } from '../src/db/pool.ts';
import { runScans } from '../src/scans/run.ts';
import { writeFocusCsv } from './focus-generator.ts';
import { writeUsageJsonl } from './usage-generator.ts';

const COST_ROWS = Number(process.env.BENCH_COST_ROWS ?? 10_000_000);
const EVENTS = Number(process.env.BENCH_USAGE_EVENTS ?? 10_000_000);
const OUT = path.resolve(import.meta.dirname, 'out');
const DB_NAME = 'penny_bench_scan';
// The cost rows are in September 2026 and the calls in October: as of November 1st the suite reads both.
const AS_OF = '2026-11-01';
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const seconds = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e9;

/** Writes a file once; a run cut off midway leaves only the .partial file, redone next time. */
async function cached(file: string, write: (tmp: string) => Promise<void>): Promise<void> {
  if (existsSync(file)) return;
  const t0 = process.hrtime.bigint();
  await write(`${file}.partial`);
  await fs.rename(`${file}.partial`, file);
  console.log(`generated ${path.basename(file)} in ${seconds(t0).toFixed(0)} s`);
}

async function server(): Promise<{ url: string; stop: () => Promise<void> }> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, stop: async () => undefined };
  const home = path.join(OUT, 'scan-pg');
  await fs.mkdir(home, { recursive: true });
  await fs.chmod(home, 0o755);
  let client: pg.Client | undefined;
  const s = await startEmbedded(home, async (url) => {
    client = new pg.Client(url);
    await client.connect();
  });
  return {
    url: s.url,
    stop: () =>
      s.release(async () => {
        await client!.end();
        return { othersConnected: false };
      }),
  };
}

function penny(args: string[], url: string): void {
  const r = spawnSync(process.execPath, [path.resolve(import.meta.dirname, '../src/cli/bin.js'), ...args], {
    env: { ...process.env, DATABASE_URL: url }, encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (r.status !== 0) throw new Error(`penny ${args.join(' ')} failed`);
}

/** The bench database, loaded unless it already holds exactly the expected rows. */
async function loadedDatabase(admin: string, focusFile: string, usageFile: string): Promise<string> {
  const u = new URL(admin);
  u.pathname = `/${DB_NAME}`;
  const url = u.toString();
  const a = new pg.Client(admin);
  await a.connect();
  const exists = (await a.query('select 1 from pg_database where datname = $1', [DB_NAME])).rowCount === 1;
  if (exists) {
    const c = new pg.Client(url);
    await c.connect();
    const { rows } = await c.query('select (select count(*) from cost_lines)::bigint as cost, (select count(*) from llm_usage)::bigint as usage').catch(() => ({ rows: [{ cost: '0', usage: '0' }] }));
    await c.end();
    if (Number(rows[0].cost) === COST_ROWS && Number(rows[0].usage) >= EVENTS * 0.99) {
      await a.end();
      console.log(`reusing ${DB_NAME}: ${fmt(Number(rows[0].cost))} cost rows, ${fmt(Number(rows[0].usage))} usage events`);
      return url;
    }
  }
  await a.query(`drop database if exists ${DB_NAME} with (force)`);
  await a.query(`create database ${DB_NAME}`);
  await a.end();
  await (await openDb(loadEnv({ DATABASE_URL: url }))).close();
  let t0 = process.hrtime.bigint();
  penny(['ingest', 'focus', focusFile, '--json'], url);
  console.log(`loaded ${fmt(COST_ROWS)} cost rows in ${seconds(t0).toFixed(0)} s`);
  t0 = process.hrtime.bigint();
  penny(['ingest', 'usage', usageFile, '--json'], url);
  console.log(`loaded ${fmt(EVENTS)} usage events in ${seconds(t0).toFixed(0)} s`);
  const c = new pg.Client(url);
  await c.connect();
  await c.query('vacuum analyze');
  await c.end();
  return url;
}

await fs.mkdir(OUT, { recursive: true });
const focusFile = path.join(OUT, `focus-${COST_ROWS}.csv`);
const usageFile = path.join(OUT, `usage-${EVENTS}.jsonl`);
await cached(focusFile, (tmp) => writeFocusCsv(tmp, COST_ROWS));
await cached(usageFile, (tmp) => writeUsageJsonl(tmp, EVENTS));

const { url: admin, stop } = await server();
try {
  const url = await loadedDatabase(admin, focusFile, usageFile);
  const db = await openDb(loadEnv({ DATABASE_URL: url }));
  try {
    for (const team of ['search', 'platform', 'data']) await setBudget(db.pool, { scope: { team }, amount: '250000', tokenLimit: '50000000000' });
    const aggregate = async () => {
      const t0 = process.hrtime.bigint();
      await db.pool.query(`select (charge_period_start at time zone 'UTC')::date as day, sum(effective_cost) from cost_lines group by 1`);
      await db.pool.query(`select (ts at time zone 'UTC')::date as day, sum(cost) from llm_usage group by 1`);
      return seconds(t0);
    };
    await aggregate(); // warm the cache, as a scan run after ingest would find it
    const agg = await aggregate();
    const t0 = process.hrtime.bigint();
    const result = await runScans(db.pool, { kinds: ['anomaly', 'waste', 'budget'], asOf: AS_OF });
    const total = seconds(t0);
    const rssMb = process.resourceUsage().maxRSS / 1024;
    const byType = new Map<string, number>();
    for (const f of result.findings) byType.set(f.type, (byType.get(f.type) ?? 0) + 1);
    console.log(`findings: ${result.findings.length} (${[...byType].map(([k, v]) => `${k} ${v}`).join(', ')})`);
    console.log(`full scan suite (anomaly + waste + budget): ${total.toFixed(2)} s (target <= 20 s)`);
    console.log(`one aggregate scan (daily sum of cost_lines + llm_usage): ${agg.toFixed(2)} s`);
    console.log(`ratio suite / aggregate scan: ${(total / agg).toFixed(2)} (target <= 3)`);
    console.log(`Node max RSS: ${rssMb.toFixed(0)} MB (target <= 300 MB)`);
  } finally {
    await db.close();
  }
} finally {
  await stop();
}
