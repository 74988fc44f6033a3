/**
 * Where ask conversations are kept: LangGraph's Postgres checkpointer in schema penny_agent, one
 * thread per conversation (a Slack thread, or one `penny ask`). Its tables are set up once per
 * process under an advisory lock (replicas starting together would otherwise collide in its own
 * migrations), and threads nobody added to for PENNY_CONVERSATION_DAYS are deleted: when the
 * checkpointer is set up, then at most hourly as questions come in, off the question's path (as
 * server/deliveries.ts prunes delivery ids).
 */
import { PostgresSaver } from '@langchain/langgraph-checkpoint-postgres';
import type pg from 'pg';
import { LOCKS } from '../db/locks.ts';
import { inTransaction } from '../db/transaction.ts';
import { logger } from '../log/logger.ts';

const SCHEMA = 'penny_agent';
const PRUNE_EVERY_MS = 3_600_000;

/**
 * Deletes the threads whose latest checkpoint is older than `keepDays` days, with their blobs and
 * pending writes; returns how many. Nothing to do before the first agent question made the tables.
 */
export async function pruneConversations(pool: pg.Pool, keepDays: number): Promise<number> {
  const { rows: made } = await pool.query<{ ok: boolean }>(`select to_regclass('${SCHEMA}.checkpoints') is not null as ok`);
  if (!made[0]!.ok) return 0;
  // Data-modifying CTEs share one snapshot, so the three deletes agree on which threads are old.
  const { rows } = await pool.query<{ n: number }>(
    `with old as (
       select thread_id from ${SCHEMA}.checkpoints
        group by thread_id
       having max((checkpoint->>'ts')::timestamptz) < now() - make_interval(days => $1::int)
     ),
     blobs as (delete from ${SCHEMA}.checkpoint_blobs b using old where b.thread_id = old.thread_id),
     writes as (delete from ${SCHEMA}.checkpoint_writes w using old where w.thread_id = old.thread_id),
     gone as (delete from ${SCHEMA}.checkpoints c using old where c.thread_id = old.thread_id)
     select count(*)::int as n from old`,
    [keepDays],
  );
  return rows[0]!.n;
}

export interface Conversations {
  checkpointer: PostgresSaver;
  /** Prunes old threads in the background, unless that was done in the last hour. */
  pruneNowAndThen(): void;
}

export async function openConversations(pool: pg.Pool, keepDays: number): Promise<Conversations> {
  const checkpointer = new PostgresSaver(pool, undefined, { schema: SCHEMA });
  await inTransaction(pool, async (client) => {
    await client.query('select pg_advisory_xact_lock($1)', [LOCKS.agentCheckpoints]);
    await checkpointer.setup();
  });
  let prunedAt = 0;
  const pruneNowAndThen = () => {
    if (Date.now() - prunedAt < PRUNE_EVERY_MS) return;
    prunedAt = Date.now();
    pruneConversations(pool, keepDays)
      .then((n) => n > 0 && logger.info({ threads: n, keepDays }, 'pruned old ask conversations'))
      .catch((err: Error) => logger.warn({ err: err.message }, 'could not prune old ask conversations'));
  };
  pruneNowAndThen();
  return { checkpointer, pruneNowAndThen };
}
