/**
 * The PostgreSQL server a benchmark runs on: DATABASE_URL's when set, else an embedded one in a
 * temporary folder (so `npm run bench:*` needs no set-up), and fresh databases made on it.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadEnv } from '../src/config/env.ts';
import { startEmbedded } from '../src/db/embedded.ts';
import { openDb } from '../src/db/pool.ts';

export async function benchServer(): Promise<{ url: string; stop: () => Promise<void> }> {
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

/** Drops and re-creates database `name` on the admin server, migrated; returns its URL. */
export async function freshDatabase(admin: string, name: string): Promise<string> {
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
