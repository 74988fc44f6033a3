/**
 * The rollup refresh of a FOCUS load, run beside the load on a second connection: it adds the
 * load's daily sums (rollup-merge.ts) while the load builds its new months' indexes, and commits
 * right after the load does. The merge (about a second at a million rows) is then off the load's
 * path instead of after its commit.
 *
 * Safe by the loads signature (rollups.ts): the merge records the signature the loads will have
 * once this load has committed, the loads it sees and this one `loaded`. Until the load commits,
 * if it never does, or if any other load commits meanwhile, that is not the loads' signature and
 * questions read the raw tables. A failure between the two commits leaves the signature of before
 * the load: stale, and the next refresh recomputes. The merge gives up, leaving the work to the
 * refresh after the ingest as before, when the rollup was not fresh, when another refresh holds the
 * lock, when the load is already visible (committed, perhaps already rolled up), and when the load
 * replaced rows (their days must be read back from the tables).
 */
import type pg from 'pg';
import { logger } from '../log/logger.ts';
import type { DailySumsText } from '../schema/daily-sums.ts';
import { mergeDailySums } from './rollup-merge.ts';
import { BEGIN_REFRESH, LOADS_SIGNATURE_SQL, NO_LOADS_SIGNATURE_SQL, ROLLUP_LOCK_KEY, ROLLUPS_EMPTY_SQL, sign, SIGNATURE_WITH_LOAD_SQL, vacuumAfter } from './rollups.ts';

export interface RollupBesideLoad {
  /**
   * Settles once the merge has taken its snapshot, or given up. The load commits after it: a merge
   * that saw the load committed would give up, and take nothing off the load's path.
   */
  started(): Promise<void>;
  /** The load has committed, replacing no row: commits the merge. Whether the rollup now holds the load. */
  commit(): Promise<boolean>;
  /** The load failed, or replaced rows: the merge is undone. */
  abandon(): Promise<void>;
}

interface Merged {
  client: pg.PoolClient;
  /** Rollup rows the merge deleted (dead until vacuumed). */
  rewritten: number;
}

/**
 * The merge's connection waits idle in its transaction for the load's outcome; a backend ended
 * meanwhile reports it as the client's 'error', which must not go unheard. The next query fails.
 */
const heard = () => undefined;

/** Whether the rollup is exact for every committed load, none of which is `loadId`. */
async function freshWithoutLoad(client: pg.PoolClient, loadId: string): Promise<boolean> {
  const { rows } = await client.query<{ fresh: boolean }>(
    `select not exists (select 1 from ingest_loads where id = $1)
        and ((select loads_signature from cost_rollup_state) = ${LOADS_SIGNATURE_SQL}
             or (not exists (select 1 from cost_rollup_state) and ${LOADS_SIGNATURE_SQL} = ${NO_LOADS_SIGNATURE_SQL} and ${ROLLUPS_EMPTY_SQL})) as fresh`,
    [loadId],
  );
  return rows[0]!.fresh;
}

/** Closes the merge's transaction and lock; a connection that could not is closed, which releases both. */
async function close(client: pg.PoolClient, end: 'commit' | 'rollback'): Promise<void> {
  let failure: unknown;
  try {
    await client.query(end);
  } catch (err) {
    failure = err;
    await client.query('rollback').catch(() => undefined);
  }
  const unlocked = await client.query(`select pg_advisory_unlock(${ROLLUP_LOCK_KEY})`).then(
    () => true,
    () => false,
  );
  client.off('error', heard);
  client.release(failure !== undefined || !unlocked ? new Error('rollup merge beside a load did not end cleanly') : undefined);
  if (failure !== undefined) throw failure;
}

/**
 * Merges the sums in a transaction left open for the load's outcome; undefined when the merge gave
 * up, or `abandoned` settled first (a failed load may never send its sums).
 */
async function merge(pool: pg.Pool, loadId: string, sums: Promise<DailySumsText>, abandoned: Promise<undefined>, snapshotTaken: () => void): Promise<Merged | undefined> {
  const client = await pool.connect();
  client.on('error', heard);
  const { rows } = await client.query<{ locked: boolean }>(`select pg_try_advisory_lock(${ROLLUP_LOCK_KEY}) as locked`).catch((err) => {
    client.off('error', heard);
    client.release(err);
    throw err;
  });
  // Never waits for another refresh: that one may be waiting for this load's commit.
  if (!rows[0]!.locked) {
    client.off('error', heard);
    client.release();
    return undefined;
  }
  try {
    await client.query(BEGIN_REFRESH);
    const fresh = await freshWithoutLoad(client, loadId);
    snapshotTaken();
    const daily = fresh ? await Promise.race([sums, abandoned]) : undefined;
    if (!daily) {
      await close(client, 'rollback');
      return undefined;
    }
    const merging = performance.now();
    const merged = await mergeDailySums(client, [daily]);
    await sign(client, SIGNATURE_WITH_LOAD_SQL, [loadId]);
    logger.debug({ loadId, rows: merged.written, ms: Math.round(performance.now() - merging) }, 'daily sums merged beside the load');
    return { client, rewritten: merged.deleted };
  } catch (err) {
    await close(client, 'rollback').catch(() => undefined);
    throw err;
  }
}

/** Starts merging `sums`, the daily sums of the load `loadId` under way on another connection. */
export function startRollupBesideLoad(pool: pg.Pool, loadId: string, sums: Promise<DailySumsText>): RollupBesideLoad {
  let abandon!: () => void;
  const abandoned = new Promise<undefined>((resolve) => (abandon = () => resolve(undefined)));
  let started!: () => void;
  const snapshot = new Promise<void>((resolve) => (started = resolve));
  const merging = merge(pool, loadId, sums, abandoned, started)
    .catch((err) => {
      logger.warn({ err, loadId }, 'rollup merge beside the load failed; the refresh after the ingest does it');
      return undefined;
    })
    .finally(started);
  return {
    started: () => snapshot,
    async commit() {
      const merged = await merging;
      if (!merged) return false;
      const done = await close(merged.client, 'commit').then(
        () => true,
        (err) => {
          logger.warn({ err, loadId }, 'rollup merge beside the load not committed; the rollup stays stale until the next refresh');
          return false;
        },
      );
      if (done) await vacuumAfter(pool, { rows: 0 }, merged.rewritten);
      return done;
    },
    async abandon() {
      abandon();
      const merged = await merging;
      if (merged) await close(merged.client, 'rollback').catch(() => undefined);
    },
  };
}
