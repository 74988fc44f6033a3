/**
 * A fresh, migrated database per test file on the run's server, dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { openDb, type Db } from '../../src/db/pool.ts';
import { loadEnv } from '../../src/config/env.ts';

export interface TestDb {
  url: string;
  db: Db;
  pool: pg.Pool;
  drop(): Promise<void>;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function createTestDb(options: { migrate?: boolean } = {}): Promise<TestDb> {
  const adminUrl = inject('adminUrl');
  const name = `penny_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = withDatabase(adminUrl, name);
  const db = await openDb(loadEnv({ DATABASE_URL: url }), options);
  return {
    url,
    db,
    pool: db.pool,
    async drop() {
      await db.close();
      const a = new pg.Client({ connectionString: adminUrl });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}
