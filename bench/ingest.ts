/**
 * `npm run bench:ingest`: generates a 1,000,000-row FOCUS CSV (deterministic, one month), loads it
 * with `penny ingest focus` and, when psql is present, with `psql \copy` into an identical table,
 * and prints rows/s for both and their ratio — for the two kinds of load, each side doing the same:
 *
 * - new month: the month has no partition yet. Penny fills a new unindexed table and attaches it
 *   (building the indexes once); raw COPY does the same in one transaction with the same SQL
 *   functions (claim the month's table, COPY FREEZE, attach), the best PostgreSQL does for it.
 * - existing month: the month's (empty) partition and its indexes exist before the load; both
 *   COPY through the parent, maintaining the indexes row by row.
 *
 * Runs against DATABASE_URL, else an embedded PostgreSQL in a temporary folder. Set BENCH_ROWS to
 * change the size, BENCH_RUNS the runs of each (default 3; medians are compared).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { BENCH_COLUMNS, writeFocusCsv } from './focus-generator.ts';
import { buildPenny, PENNY_BIN } from './penny-bin.ts';
import { benchServer, freshDatabase } from './server.ts';
import { FOCUS_COLUMNS } from '../src/schema/focus-columns.ts';

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
    if (entry.msg === 'daily sums merged beside the load' && typeof entry.ms === 'number') out.push(`merge beside the indexes ${(entry.ms / 1000).toFixed(1)}`);
    if (entry.msg === 'daily rollups refreshed' && typeof entry.ms === 'number') out.push(`rollup after ${(entry.ms / 1000).toFixed(1)}`);
  }
  return out.join(', ');
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

buildPenny();
await fs.mkdir(outDir, { recursive: true });
if (!existsSync(file)) {
  const t0 = Date.now();
  await writeFocusCsv(file, ROWS);
  console.log(`generated ${file} (${fmt(ROWS)} rows, ${((await fs.stat(file)).size / 1e6).toFixed(0)} MB) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const rate = (seconds: number) => `${seconds.toFixed(2)} s = ${fmt(ROWS / seconds)} rows/s`;
const copyColumns = BENCH_COLUMNS.map((name) => FOCUS_COLUMNS.find((col) => col.name === name)!.column).join(', ');

const MONTH = '2026-09-01T00:00:00Z';
const KINDS = ['new month', 'existing month'] as const;
type Kind = (typeof KINDS)[number];

/** A fresh, migrated database; for an existing month, with the month's partition made up front. */
async function prepared(admin: string, name: string, kind: Kind): Promise<{ url: string; client: pg.Client }> {
  const url = await freshDatabase(admin, name);
  const client = new pg.Client(url);
  await client.connect();
  if (kind === 'existing month') await client.query('select ensure_cost_partition($1)', [MONTH]);
  return { url, client };
}

/** psql \copy of the file into cost_lines of a fresh database, as `kind` says. */
async function rawCopy(admin: string, kind: Kind): Promise<number> {
  const { url, client } = await prepared(admin, 'penny_bench_raw', kind);
  // The raw file has no load_id: give it a default.
  await client.query('alter table cost_lines alter column load_id set default 0');
  await client.end();
  const script = path.join(outDir, 'raw-copy.sql');
  await fs.writeFile(
    script,
    kind === 'existing month'
      ? `\\copy cost_lines (${copyColumns}) from '${file}' with (format csv, header true)\n`
      : [
          // The month's new table, named as claim_new_month_partition names it (\\copy reads no variables).
          `select claim_new_month_partition('cost_lines', 'charge_period_start', '${MONTH}');`,
          `\\copy cost_lines_${MONTH.slice(0, 4)}_${MONTH.slice(5, 7)} (${copyColumns}) from '${file}' with (format csv, header true, freeze true)`,
          "set local maintenance_work_mem = '256MB';",
          `select attach_new_month_partition('cost_lines', '${MONTH}');`,
        ].join('\n') + '\n',
  );
  return timed('psql', [url, '-v', 'ON_ERROR_STOP=1', '--single-transaction', '-q', '-f', script], process.env).seconds;
}

async function pennyLoad(admin: string, kind: Kind): Promise<{ seconds: number; stderr: string }> {
  const { url, client } = await prepared(admin, 'penny_bench_ingest', kind);
  await client.end();
  return timed(process.execPath, [PENNY_BIN, 'ingest', 'focus', file, '--json'], { ...process.env, DATABASE_URL: url, PENNY_LOG_LEVEL: 'debug' });
}

const { url: admin, stop } = await benchServer();
try {
  const psql = spawnSync('psql', ['--version']).status === 0;
  const penny: Record<Kind, number[]> = { 'new month': [], 'existing month': [] };
  const raw: Record<Kind, number[]> = { 'new month': [], 'existing month': [] };
  // Runs alternate, and medians are compared: one run of each swings by a fifth on a shared disk.
  for (let run = 1; run <= RUNS; run++) {
    for (const kind of KINDS) {
      const load = await pennyLoad(admin, kind);
      penny[kind].push(load.seconds);
      const line = [`run ${run}, ${kind}: penny ingest focus ${rate(load.seconds)} (s: ${phases(load.stderr)})`];
      if (psql) {
        raw[kind].push(await rawCopy(admin, kind));
        line.push(`psql \\copy ${rate(raw[kind].at(-1)!)}`);
      }
      console.log(line.join(' | '));
    }
  }
  console.log(`penny ingest focus: ${fmt(ROWS)} rows, the whole command (start-up, hashing, parsing, checks, COPY, indexes, commit, rollup refresh)`);
  for (const kind of KINDS) {
    const line = `  ${kind.padEnd(14)}: penny median ${rate(median(penny[kind]))}`;
    if (!psql) console.log(line);
    else console.log(`${line} | psql \\copy median ${rate(median(raw[kind]))} | ratio penny / raw COPY ${(median(raw[kind]) / median(penny[kind])).toFixed(2)} (target >= 0.8)`);
  }
  if (!psql) console.log('psql not found: raw COPY baseline skipped');
} finally {
  await stop();
}
