/**
 * The Citus side of bench:scale: PENNY_BENCH_CITUS_URL when set, else a local cluster of a
 * coordinator and two workers started with ../shared/citus/cluster (data kept under
 * PENNY_BENCH_CITUS_DIR, default bench/out/citus; coordinator port CITUS_PORT, default 9700) and
 * one database per dataset size on it. When neither is possible it says why, and the bench prints
 * the one-server column alone.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';

const ROOT = path.resolve(import.meta.dirname, '..');
const SCRIPT = path.resolve(ROOT, '../shared/citus/cluster');

export type CitusSide = { url: string; stop: () => Promise<void> } | { skipped: string };

async function answers(url: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => undefined);
  }
}

async function databaseExists(url: string, name: string): Promise<boolean> {
  const c = new pg.Client(url);
  await c.connect();
  try {
    return (await c.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1;
  } finally {
    await c.end();
  }
}

function citusInstalled(): boolean {
  try {
    const share = execFileSync('pg_config', ['--sharedir'], { encoding: 'utf8' }).trim();
    return fs.existsSync(path.join(share, 'extension', 'citus.control'));
  } catch {
    return false;
  }
}

/** A Citus coordinator URL for database `name`, starting the local cluster when needed. */
export async function citusSide(name: string): Promise<CitusSide> {
  const given = process.env.PENNY_BENCH_CITUS_URL;
  if (given) return { url: given, stop: async () => undefined };
  if (!fs.existsSync(SCRIPT)) return { skipped: `PENNY_BENCH_CITUS_URL is not set and there is no ${SCRIPT} to start a local cluster` };
  if (!citusInstalled()) return { skipped: `Citus is not installed in this machine's PostgreSQL (run ${SCRIPT} install, as root)` };
  const dir = process.env.PENNY_BENCH_CITUS_DIR ?? path.join(ROOT, 'bench/out/citus');
  const port = Number(process.env.CITUS_PORT ?? 9700);
  const admin = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const run = (...args: string[]) => execFileSync(SCRIPT, args, { env: { ...process.env, CITUS_PORT: String(port) }, stdio: ['ignore', 'ignore', 'inherit'] });
  // A cluster already running there is used as it is, and left running.
  const started = !(await answers(admin));
  if (started) run('start', dir, '2');
  if (!(await databaseExists(admin, name))) run('createdb', dir, name);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/${name}`,
    stop: async () => {
      if (started) run('stop', dir);
    },
  };
}
