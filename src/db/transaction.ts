/**
 * Runs a function inside one transaction: commit when it returns, rollback when it throws.
 * `inTransaction` takes a pooled connection for it, and does not return a connection that broke
 * midway (a terminated backend, a failed rollback) to the pool; `onClient` runs it on a connection
 * the caller holds (one that keeps a session lock across several transactions), reporting a failed
 * rollback as the connection's 'error'. `begin` opens the transaction, with its isolation, access
 * mode and local settings.
 */
import type pg from 'pg';

export async function onClient<T>(client: pg.PoolClient, fn: (client: pg.PoolClient) => Promise<T>, begin = 'begin'): Promise<T> {
  try {
    await client.query(begin);
    const out = await fn(client);
    await client.query('commit');
    return out;
  } catch (err) {
    await client.query('rollback').catch((e: Error) => client.emit('error', e));
    throw err;
  }
}

export async function inTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>, begin = 'begin'): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  const onError = (err: Error) => (broken = err);
  client.on('error', onError);
  try {
    return await onClient(client, fn, begin);
  } finally {
    client.off('error', onError);
    client.release(broken);
  }
}
