/**
 * Applies the numbered SQL files in ./migrations once each, in order, each in its own transaction,
 * under a session advisory lock so that processes starting together do not both migrate. On a
 * database with the citus extension it then distributes the large tables (citus.ts).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type pg from 'pg';
import { shippedPath } from '../config/shipped.ts';
import { distributeTables, hasCitus } from './citus.ts';
import { LOCKS } from './locks.ts';

const MIGRATIONS_DIR = shippedPath('src', 'db', 'migrations');

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export async function listMigrations(): Promise<Migration[]> {
  const files = (await fs.readdir(MIGRATIONS_DIR)).filter((f) => /^\d+_.+\.sql$/.test(f)).sort();
  return Promise.all(
    files.map(async (file) => ({
      version: Number(file.split('_')[0]),
      name: file.replace(/\.sql$/, ''),
      sql: await fs.readFile(path.join(MIGRATIONS_DIR, file), 'utf8'),
    })),
  );
}

/** Returns the names of the migrations this call applied. */
export async function migrate(pool: pg.Pool): Promise<string[]> {
  const migrations = await listMigrations();
  const client = await pool.connect();
  const applied: string[] = [];
  try {
    await client.query('select pg_advisory_lock($1)', [LOCKS.migrations]);
    await client.query(`create table if not exists schema_migrations (
      version integer primary key,
      name text not null,
      applied_at timestamptz not null default now()
    )`);
    const done = new Set((await client.query<{ version: number }>('select version from schema_migrations')).rows.map((r) => r.version));
    for (const m of migrations) {
      if (done.has(m.version)) continue;
      try {
        await client.query('begin');
        await client.query(m.sql);
        await client.query('insert into schema_migrations (version, name) values ($1, $2)', [m.version, m.name]);
        await client.query('commit');
        applied.push(m.name);
      } catch (err) {
        await client.query('rollback');
        throw new Error(`migration ${m.name} failed: ${(err as Error).message}`);
      }
    }
    if (await hasCitus(client)) await distributeInTransaction(client);
  } finally {
    await client.query('select pg_advisory_unlock($1)', [LOCKS.migrations]).catch(() => undefined);
    client.release();
  }
  return applied;
}

/** Distributes Penny's large tables that are not yet, and brings back those it keeps on the coordinator (see citus.ts); for callers holding no lock. Returns the tables it changed. */
export async function distribute(pool: pg.Pool): Promise<string[]> {
  const client = await pool.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [LOCKS.migrations]);
    return await distributeInTransaction(client);
  } finally {
    await client.query('select pg_advisory_unlock($1)', [LOCKS.migrations]).catch(() => undefined);
    client.release();
  }
}

async function distributeInTransaction(client: pg.PoolClient): Promise<string[]> {
  try {
    await client.query('begin');
    const change = await distributeTables(client);
    await client.query('commit');
    return [...change.distributed.map((t) => t.table), ...change.undistributed];
  } catch (err) {
    await client.query('rollback');
    throw new Error(`distributing tables on Citus failed: ${(err as Error).message}`);
  }
}
