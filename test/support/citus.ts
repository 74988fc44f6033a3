/**
 * The Citus cluster of a test run (PENNY_TEST_CITUS_URL: the coordinator's admin URL): its worker
 * nodes, and a database made across all of it, as Citus documents for a new database: the database
 * and the citus extension on every node, then the workers added on the coordinator.
 * Test databases get 4 shards per table instead of Citus's 32: the same distributed plans on both
 * workers, for a fraction of the shard tables each test file's migrations create.
 */
import pg from 'pg';
import { z } from 'zod';

const Workers = z.array(z.string().regex(/^[^:\s]+:\d+$/, 'host:port')).min(1);

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url, application_name: 'penny-test-admin' });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

function nodeUrl(adminUrl: string, node: string): string {
  const u = new URL(adminUrl);
  const [host, port] = node.split(':');
  u.hostname = host!;
  u.port = port!;
  return u.toString();
}

/**
 * The workers: PENNY_TEST_CITUS_WORKERS ("host:port,host:port") when set, else those of the first
 * database on the coordinator that has any in its pg_dist_node.
 */
export async function citusWorkers(adminUrl: string, listed: string | undefined): Promise<string[]> {
  if (listed) return Workers.parse(listed.split(',').map((w) => w.trim()));
  const dbs = await withClient(adminUrl, async (c) =>
    (await c.query<{ d: string }>('select datname as d from pg_database where datallowconn and not datistemplate order by datname = current_database() desc, datname')).rows.map((r) => r.d),
  );
  for (const d of dbs) {
    const found = await withClient(withDatabase(adminUrl, d), async (c) => {
      if ((await c.query("select to_regclass('pg_catalog.pg_dist_node') as t")).rows[0].t === null) return [];
      return (await c.query<{ n: string }>("select nodename || ':' || nodeport as n from pg_dist_node where groupid <> 0 and noderole = 'primary' order by nodeport")).rows.map((r) => r.n);
    });
    if (found.length) return Workers.parse(found);
  }
  throw new Error(`no Citus workers found on ${adminUrl}: set PENNY_TEST_CITUS_WORKERS=host:port,host:port`);
}

/** Any constant: the advisory lock that lets one test file at a time set a database up. */
const SETUP_LOCK = 74_210_023;

/**
 * Creates `name` on the coordinator and every worker, with Citus, the workers added. One file at a
 * time (a lock on the coordinator's admin database): Citus setting up two databases on a worker at
 * once can fail with "tuple concurrently updated".
 */
export async function createClusterDb(adminUrl: string, workers: readonly string[], name: string): Promise<void> {
  await withClient(adminUrl, async (lock) => {
    await lock.query('select pg_advisory_lock($1)', [SETUP_LOCK]);
    await setUp(adminUrl, workers, name);
  });
}

async function setUp(adminUrl: string, workers: readonly string[], name: string): Promise<void> {
  const coordinator = new URL(adminUrl);
  for (const url of [adminUrl, ...workers.map((w) => nodeUrl(adminUrl, w))]) {
    await withClient(url, (c) => c.query(`create database ${name}`));
    await withClient(withDatabase(url, name), (c) => c.query('create extension citus'));
  }
  await withClient(withDatabase(adminUrl, name), async (c) => {
    await c.query(`alter database ${name} set citus.shard_count = 4`);
    await c.query('select citus_set_coordinator_host($1, $2)', [coordinator.hostname, Number(coordinator.port || 5432)]);
    for (const w of workers) {
      const [host, port] = w.split(':');
      await c.query('select citus_add_node($1, $2)', [host, Number(port)]);
    }
  });
}

export async function dropClusterDb(adminUrl: string, workers: readonly string[], name: string): Promise<void> {
  for (const url of [adminUrl, ...workers.map((w) => nodeUrl(adminUrl, w))]) {
    await withClient(url, (c) => c.query(`drop database if exists ${name} with (force)`));
  }
}
