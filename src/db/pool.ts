/**
 * Opens Penny's database: the server named by DATABASE_URL, else the embedded PostgreSQL under
 * PENNY_HOME. Migrations are applied on open, so every command sees the current schema.
 */
import path from 'node:path';
import pg from 'pg';
import type { Env } from '../config/env.ts';
import { SESSION_SQL } from './citus.ts';
import { startEmbedded } from './embedded.ts';
import { migrate } from './migrate.ts';

// numeric (1700) and int8 (20) stay strings: money must not pass through a float on the way out.
pg.types.setTypeParser(1082, (v) => v); // date as 'YYYY-MM-DD', not a local-time Date

export interface Db {
  pool: pg.Pool;
  /** Where the data lives, for people: a redacted URL or the embedded data folder. */
  location: string;
  embedded: boolean;
  close(): Promise<void>;
}

const applicationName = `penny/${process.pid}`;

function newPool(connectionString: string): pg.Pool {
  const pool = new pg.Pool({
    connectionString,
    application_name: applicationName,
    max: 10,
    idleTimeoutMillis: 0,
    // Before the connection serves its first query (src/db/citus.ts).
    onConnect: async (client) => void (await client.query(SESSION_SQL)),
  });
  // An idle client's error (server restart) must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  return pool;
}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://(unparseable URL)';
  }
}

export async function openDb(env: Env, options: { migrate?: boolean } = {}): Promise<Db> {
  let db: Db;
  if (env.DATABASE_URL) {
    const pool = newPool(env.DATABASE_URL);
    db = { pool, location: redactUrl(env.DATABASE_URL), embedded: false, close: () => pool.end() };
  } else {
    let pool: pg.Pool | undefined;
    const server = await startEmbedded(env.PENNY_HOME, async (url) => {
      pool = newPool(url);
      // Hold one connection from here on: it marks this process as a user of the server.
      await pool.query('select 1');
    });
    const embeddedPool = pool!;
    db = {
      pool: embeddedPool,
      location: path.resolve(server.dataDir),
      embedded: true,
      close: () =>
        server.release(async () => {
          const { rows } = await embeddedPool.query<{ n: number }>("select count(*)::int as n from pg_stat_activity where backend_type = 'client backend' and application_name <> $1", [
            applicationName,
          ]);
          await embeddedPool.end();
          return { othersConnected: (rows[0]?.n ?? 0) > 0 };
        }),
    };
  }
  if (options.migrate !== false) {
    try {
      await migrate(db.pool);
    } catch (err) {
      await db.close();
      throw err;
    }
  }
  return db;
}
