/**
 * `npm run bench:ingest`: generates a 1,000,000-row FOCUS CSV (deterministic), loads it with
 * `penny ingest focus`, loads the same file into an identical table with `psql \copy` when psql is
 * present, and prints rows/s for both and their ratio. Runs against DATABASE_URL, else an embedded
 * PostgreSQL in a temporary folder. Set BENCH_ROWS to change the size, BENCH_RUNS the runs of each
 * (default 3; medians are compared).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { BENCH_COLUMNS, writeFocusCsv } from './focus-generator.ts';
import { benchServer, freshDatabase } from './server.ts';
import { FOCUS_COLUMNS } from '../src/ingest/focus/columns.ts';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const outDir = path.resolve(import.meta.dirname, 'out');
const file = path.join(outDir, `focus-${ROWS}.csv`);

function timed(cmd: string, args: string[], env: NodeJS.ProcessEnv): { seconds: number; stderr: string } {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { env, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr}`);
  return { seconds: Number(process.hrtime.bigint() - t0) / 1e9, stderr: r.stderr };
}

/** Penny's own account of where a load's time went, from its debug log lines. */
function phases(stderr: string): string {
  const out: string[] = [];
  for (const line of stderr.split('\n')) {
    if (!line.startsWith('{')) continue;
    const entry = JSON.parse(line) as { msg?: string; ms?: number | Record<string, number> };
    if (entry.msg === 'focus file loaded' && typeof entry.ms === 'object') out.push(...Object.entries(entry.ms).map(([k, v]) => `${k} ${(v / 1000).toFixed(1)}`));
    if (entry.msg === 'daily rollups refreshed' && typeof entry.ms === 'number') out.push(`rollup ${(entry.ms / 1000).toFixed(1)}`);
  }
  return out.join(', ');
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

await fs.mkdir(outDir, { recursive: true });
if (!existsSync(file)) {
  const t0 = Date.now();
  await writeFocusCsv(file, ROWS);
  console.log(`generated ${file} (${fmt(ROWS)} rows, ${((await fs.stat(file)).size / 1e6).toFixed(0)} MB) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const rate = (seconds: number) => `${seconds.toFixed(2)} s = ${fmt(ROWS / seconds)} rows/s`;
const copyColumns = BENCH_COLUMNS.map((name) => FOCUS_COLUMNS.find((col) => col.name === name)!.column).join(', ');

/** psql \copy of the file into cost_lines of a fresh database; `indexed: false` drops its indexes first. */
async function rawCopy(admin: string, indexed: boolean): Promise<number> {
  const url = await freshDatabase(admin, 'penny_bench_raw');
  const c = new pg.Client(url);
  await c.connect();
  // Identical table and indexes; the raw file has no load_id, so give it a default, and make
  // the month's partition up front as Penny does.
  await c.query('alter table cost_lines alter column load_id set default 0');
  await c.query("select ensure_cost_partition('2026-09-01T00:00:00Z')");
  if (!indexed) {
    const { rows } = await c.query<{ name: string }>("select indexname as name from pg_indexes where tablename = 'cost_lines'");
    for (const { name } of rows) await c.query(`drop index ${name}`);
  }
  await c.end();
  return timed('psql', [url, '-v', 'ON_ERROR_STOP=1', '-c', `\\copy cost_lines (${copyColumns}) from '${file}' with (format csv, header true)`], process.env).seconds;
}

const { url: admin, stop } = await benchServer();
try {
  const psql = spawnSync('psql', ['--version']).status === 0;
  const penny: number[] = [];
  const raw: number[] = [];
  // Runs alternate, and medians are compared: one run of each swings by a fifth on a shared disk.
  for (let run = 1; run <= RUNS; run++) {
    const pennyUrl = await freshDatabase(admin, 'penny_bench_ingest');
    const load = timed(process.execPath, [path.resolve(import.meta.dirname, '../src/cli/bin.js'), 'ingest', 'focus', file, '--json'], { ...process.env, DATABASE_URL: pennyUrl, PENNY_LOG_LEVEL: 'debug' });
    penny.push(load.seconds);
    const line = [`run ${run}: penny ingest focus ${rate(load.seconds)} (s: ${phases(load.stderr)})`];
    if (psql) {
      raw.push(await rawCopy(admin, true));
      line.push(`psql \\copy ${rate(raw.at(-1)!)}`);
    }
    console.log(line.join(' | '));
  }
  console.log(`penny ingest focus: ${fmt(ROWS)} rows, median ${rate(median(penny))} (whole command: start-up, hashing, parsing, checks, COPY, indexes, commit, rollup refresh)`);
  if (!psql) {
    console.log('psql not found: raw COPY baseline skipped');
  } else {
    console.log(`psql \\copy (raw):   ${fmt(ROWS)} rows, median ${rate(median(raw))} (into the same table and indexes)`);
    console.log(`ratio penny / raw COPY: ${(median(raw) / median(penny)).toFixed(2)} (target >= 0.8)`);
    console.log(`psql \\copy into the table without indexes, for scale: ${rate(await rawCopy(admin, false))}`);
  }
} finally {
  await stop();
}
