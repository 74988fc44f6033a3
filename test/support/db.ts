/**
 * A fresh, migrated database per test file on the run's server, dropped afterwards. On a Citus
 * run (PENNY_TEST_CITUS_URL) the database spans the cluster (citus.ts), so Penny's migrations
 * distribute its tables as they would in production.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { openDb, type Db } from '../../src/db/pool.ts';
import { loadEnv } from '../../src/config/env.ts';
import { createClusterDb, dropClusterDb, withDatabase } from './citus.ts';

export interface TestDb {
  url: string;
  db: Db;
  pool: pg.Pool;
  drop(): Promise<void>;
}

/** True when this run's databases are on a Citus cluster. */
export function onCitus(): boolean {
  return inject('citusWorkers').length > 0;
}

async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

/**
 * Waits until a test database's client connections have closed (up to 2 s): a pool's end()
 * returns before the server has seen each connection go, and a connection a forced drop then
 * terminates raises an error no test is listening for. Background workers (Citus's maintenance
 * daemon) stay and are not waited for.
 */
async function untilClosed(adminUrl: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    for (let i = 0; i < 50; i++) {
      const { rows } = await admin.query("select count(*)::int as n from pg_stat_activity where datname = $1 and backend_type = 'client backend'", [name]);
      if (rows[0].n === 0) break;
      await new Promise((r) => setTimeout(r, 40));
    }
  } finally {
    await admin.end();
  }
}

/** `plain`: an ordinary database even on a Citus run (on the coordinator, without the extension). */
export async function createTestDb(options: { migrate?: boolean; plain?: boolean } = {}): Promise<TestDb> {
  const adminUrl = inject('adminUrl');
  const workers = options.plain ? [] : inject('citusWorkers');
  const name = `penny_t_${randomBytes(6).toString('hex')}`;
  if (workers.length) await createClusterDb(adminUrl, workers, name);
  else await adminQuery(adminUrl, `create database ${name}`);
  const url = withDatabase(adminUrl, name);
  const db = await openDb(loadEnv({ DATABASE_URL: url }), options);
  return {
    url,
    db,
    pool: db.pool,
    async drop() {
      await db.close();
      await untilClosed(adminUrl, name);
      if (workers.length) await dropClusterDb(adminUrl, workers, name);
      else await adminQuery(adminUrl, `drop database if exists ${name} with (force)`);
    },
  };
}
