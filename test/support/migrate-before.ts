/**
 * A store as it was before a migration: every migration numbered below `version` applied and
 * recorded as `migrate` records them, so a test can store rows the old way and then migrate.
 */
import type pg from 'pg';
import { listMigrations } from '../../src/db/migrate.ts';

export async function migrateBefore(pool: pg.Pool, version: number): Promise<void> {
  const before = (await listMigrations()).filter((m) => m.version < version);
  await pool.query('create table schema_migrations (version integer primary key, name text not null, applied_at timestamptz not null default now())');
  for (const m of before) {
    await pool.query(m.sql);
    await pool.query('insert into schema_migrations (version, name) values ($1, $2)', [m.version, m.name]);
  }
}
