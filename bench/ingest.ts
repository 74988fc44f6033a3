/**
 * `npm run bench:ingest`: generates a 1,000,000-row FOCUS CSV (deterministic), loads it with
 * `penny ingest focus`, loads the same file into an identical table with `psql \copy` when psql is
 * present, and prints rows/s for both and their ratio. Runs against DATABASE_URL, else an embedded
 * PostgreSQL in a temporary folder. Set BENCH_ROWS to change the size.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadEnv } from '../src/config/env.ts';
import { startEmbedded } from '../src/db/embedded.ts';
import { openDb } from '../src/db/pool.ts';
import { BENCH_COLUMNS, writeFocusCsv } from './focus-generator.ts';
import { FOCUS_COLUMNS } from '../src/ingest/focus/columns.ts';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const outDir = path.resolve(import.meta.dirname, 'out');
const file = path.join(outDir, `focus-${ROWS}.csv`);

async function adminUrl(): Promise<{ url: string; stop: () => Promise<void> }> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, stop: async () => undefined };
  const home = await fs.mkdtemp(path.join(os.tmpdir(), 'penny-bench-'));
  await fs.chmod(home, 0o755);
  let client: pg.Client | undefined;
  const server = await startEmbedded(path.join(home, 'pg'), async (url) => {
    client = new pg.Client(url);
    await client.connect();
  });
  return {
    url: server.url,
    stop: async () => {
      await server.release(async () => {
        await client!.end();
        return { othersConnected: false };
      });
      await fs.rm(home, { recursive: true, force: true });
    },
  };
}

async function freshDatabase(admin: string, name: string): Promise<string> {
  const c = new pg.Client(admin);
  await c.connect();
  await c.query(`drop database if exists ${name} with (force)`);
  await c.query(`create database ${name}`);
  await c.end();
  const u = new URL(admin);
  u.pathname = `/${name}`;
  const db = await openDb(loadEnv({ DATABASE_URL: u.toString() }));
  await db.close();
  return u.toString();
}

function timed(cmd: string, args: string[], env: NodeJS.ProcessEnv): number {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { env, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr}`);
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

await fs.mkdir(outDir, { recursive: true });
if (!existsSync(file)) {
  const t0 = Date.now();
  await writeFocusCsv(file, ROWS);
  console.log(`generated ${file} (${fmt(ROWS)} rows, ${((await fs.stat(file)).size / 1e6).toFixed(0)} MB) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

const { url: admin, stop } = await adminUrl();
try {
  const pennyUrl = await freshDatabase(admin, 'penny_bench_ingest');
  const pennySeconds = timed(process.execPath, [path.resolve(import.meta.dirname, '../src/cli/bin.js'), 'ingest', 'focus', file, '--json'], { ...process.env, DATABASE_URL: pennyUrl });
  console.log(`penny ingest focus: ${fmt(ROWS)} rows in ${pennySeconds.toFixed(2)} s = ${fmt(ROWS / pennySeconds)} rows/s (whole command: start-up, hashing, parsing, checks, COPY, commit)`);

  const psql = spawnSync('psql', ['--version']).status === 0;
  if (!psql) {
    console.log('psql not found: raw COPY baseline skipped');
  } else {
    const rawUrl = await freshDatabase(admin, 'penny_bench_raw');
    const c = new pg.Client(rawUrl);
    await c.connect();
    // Identical table and indexes; the raw file has no load_id, so give it a default, and make
    // the month's partition up front as Penny does.
    await c.query('alter table cost_lines alter column load_id set default 0');
    await c.query("select ensure_cost_partition('2026-09-01T00:00:00Z')");
    await c.end();
    const columns = BENCH_COLUMNS.map((name) => FOCUS_COLUMNS.find((col) => col.name === name)!.column);
    const rawSeconds = timed('psql', [rawUrl, '-v', 'ON_ERROR_STOP=1', '-c', `\\copy cost_lines (${columns.join(', ')}) from '${file}' with (format csv, header true)`], process.env);
    console.log(`psql \\copy (raw):   ${fmt(ROWS)} rows in ${rawSeconds.toFixed(2)} s = ${fmt(ROWS / rawSeconds)} rows/s`);
    console.log(`ratio penny / raw COPY: ${(rawSeconds / pennySeconds).toFixed(2)} (target >= 0.8)`);
  }
} finally {
  await stop();
}
