/**
 * Runs a function inside one transaction on one pooled connection: commit when it returns,
 * rollback when it throws, and a connection that broke midway (a terminated backend, a failed
 * rollback) is not returned to the pool. `begin` opens the transaction, with its isolation, access
 * mode and local settings.
 */
import type pg from 'pg';

export async function inTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>, begin = 'begin'): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  const onError = (err: Error) => (broken = err);
  client.on('error', onError);
  try {
    await client.query(begin);
    const out = await fn(client);
    await client.query('commit');
    return out;
  } catch (err) {
    await client.query('rollback').catch((e: Error) => (broken = e));
    throw err;
  } finally {
    client.off('error', onError);
    client.release(broken);
  }
}
