/**
 * Running approved proposals, once. The run is claimed in a row-locked transaction that moves the
 * proposal from 'approved' to 'executing' (only a decision recorded by decide() makes it
 * 'approved'), so however many times a step is retried or replicas race, one caller executes.
 * Results, failures, manual completion and rollbacks are recorded with their audit entries.
 * Manual fixes stay 'executing' until an approver marks them done. Sending the approval card holds
 * the same lock (lifecycle.ts), so two processes never send two cards.
 *
 * A run (claim, executor call, result) holds the proposal's run lock: a session advisory lock on
 * a connection of its own. Postgres drops it with the session, so a proposal 'executing' (or
 * 'rolling_back') whose lock is free was cut off: the process running it stopped (kill -9, a
 * crash, a deploy that did not wait). recoverCutOff sends such a run again (executors are
 * idempotent: same Idempotency-Key, same branch and pull request) or marks it failed with the
 * reason, and the audit log says which.
 */
import type pg from 'pg';
import { logger } from '../log/logger.ts';
import type { SlackUser } from './approvers.ts';
import { appendAudit } from './audit.ts';
import type { RemediationConfig } from './config.ts';
import { authorise, type Outcome } from './decide.ts';
import type { ActionExecutor, ExecutionResult, Phase } from './executors/executor.ts';
import type { Executor } from './plan.ts';
import { getProposal, ProposalNotFound, type Proposal } from './store.ts';
import { inTransaction, onClient } from '../db/transaction.ts';

export type Executors = Partial<Record<Exclude<Executor, 'manual'>, ActionExecutor>>;

/** A run cut off this many times is not sent again: something about it stops the process. */
const MAX_SENDS = 3;
/** Nor is one first sent longer ago than this: receivers commonly keep an Idempotency-Key for 24 hours. */
const RESEND_WITHIN_MS = 24 * 3_600_000;

// Per-proposal lock keys hash their own names (see db/locks.ts for whole-job keys).
const RUN_LOCK = "hashtextextended('penny.remediation-run:' || $1, 0)";

/**
 * Runs `fn` holding the proposal's run lock on a connection of its own (every query of the run goes
 * through it, so a run never waits on the pool while holding a connection); null when another
 * process holds the lock, that is, is running this proposal now.
 */
export async function withRunLock<T>(pool: pg.Pool, id: string, fn: (client: pg.PoolClient) => Promise<T>): Promise<T | null> {
  const client = await pool.connect();
  let broken: Error | undefined;
  const onError = (err: Error) => (broken = err);
  client.on('error', onError);
  try {
    const { rows } = await client.query<{ ok: boolean }>(`select pg_try_advisory_lock(${RUN_LOCK}) as ok`, [id]);
    if (!rows[0]!.ok) return null;
    try {
      return await fn(client);
    } finally {
      await client.query(`select pg_advisory_unlock(${RUN_LOCK})`, [id]).catch(onError);
    }
  } finally {
    // A broken connection may still report its end: keep listening, as the pool discards it.
    if (!broken) client.off('error', onError);
    client.release(broken);
  }
}

function executorFor(executors: Executors, p: Proposal): ActionExecutor {
  if (p.executor === 'manual') throw new Error('a manual fix has no executor');
  const e = executors[p.executor];
  if (!e) throw new Error(`the ${p.executor} executor is not configured`);
  return e;
}

/** The executor's result, or the error it failed with. */
async function attempt(executors: Executors, p: Proposal, phase: Phase): Promise<ExecutionResult | Error> {
  try {
    return await executorFor(executors, p).run(p, phase);
  } catch (err) {
    logger.warn({ proposal: p.id, phase, err: (err as Error).message }, 'remediation failed');
    return err as Error;
  }
}

async function finish(client: pg.PoolClient, p: Proposal, phase: Phase, result: ExecutionResult | Error): Promise<Proposal> {
  const ok = !(result instanceof Error);
  const detail = ok ? result : { error: result.message };
  const [status, event] =
    phase === 'apply'
      ? ok
        ? (['executed', 'executed'] as const)
        : (['failed', 'execution_failed'] as const)
      : ok
        ? (['rolled_back', 'rolled_back'] as const)
        : (['executed', 'rollback_failed'] as const);
  return onClient(client, async () => {
    const column = phase === 'apply' ? 'result = $3, executed_at = now()' : "rollback_result = $3, rolled_back_at = case when $2 = 'rolled_back' then now() end";
    await client.query(`update remediation_proposals set status = $2, ${column}, updated_at = now() where id = $1`, [p.id, status, JSON.stringify(detail)]);
    await appendAudit(client, p.id, event, 'penny', detail);
    return getProposal(client, p.id);
  });
}

/**
 * Executes the proposal if it is approved and nobody has claimed it; returns it as it ends up, or
 * null when there was nothing to run (not approved, or already claimed).
 */
export async function executeApproved(pool: pg.Pool, executors: Executors, proposalId: string): Promise<Proposal | null> {
  const ran = await withRunLock(pool, proposalId, async (client) => {
    const claimed = await onClient(client, async () => {
      const p = await getProposal(client, proposalId, { lock: true });
      if (p.status !== 'approved') return null;
      await client.query(`update remediation_proposals set status = 'executing', updated_at = now() where id = $1`, [p.id]);
      await appendAudit(client, p.id, 'execution_started', 'penny', { executor: p.executor, action: p.action, approvedBy: p.decidedBy });
      return { ...p, status: 'executing' as const };
    });
    if (!claimed || claimed.executor === 'manual') return claimed;
    return finish(client, claimed, 'apply', await attempt(executors, claimed, 'apply'));
  });
  return ran ?? null;
}

/** Why a cut-off run must not be sent again, or null when it may. Expects the row locked. */
async function whyNotResend(client: pg.PoolClient, executors: Executors, p: Proposal, phase: Phase): Promise<string | null> {
  if (p.executor === 'manual' || !executors[p.executor]) return `the ${p.executor} executor is no longer configured`;
  const events = phase === 'apply' ? ['execution_started', 'execution_resumed'] : ['rollback_started', 'rollback_resumed'];
  const { rows } = await client.query<{ sends: number; first: Date | null }>('select count(*)::int as sends, min(at) as first from remediation_audit where proposal_id = $1 and event = any($2)', [
    p.id,
    events,
  ]);
  const { sends, first } = rows[0]!;
  if (!first) return 'the audit log has no record of it being sent';
  if (sends >= MAX_SENDS) return `it was cut off ${sends} times`;
  if (Date.now() - first.getTime() > RESEND_WITHIN_MS) return 'it was first sent more than 24 hours ago, longer than receivers keep an Idempotency-Key';
  return null;
}

export interface Recovered {
  proposal: Proposal;
  phase: Phase;
  /** True when the run was sent again; false when it was marked failed instead. */
  resent: boolean;
}

/**
 * Finishes a run cut off mid-way (the proposal is 'executing' or 'rolling_back' and nobody holds its
 * run lock): sends it again, or records it failed with the reason. Null when there is nothing to
 * recover (the run is going on elsewhere, finished, or is a manual fix waiting for a person).
 */
export async function recoverCutOff(pool: pg.Pool, executors: Executors, proposalId: string): Promise<Recovered | null> {
  return withRunLock(pool, proposalId, async (client) => {
    const plan = await onClient(client, async () => {
      const p = await getProposal(client, proposalId, { lock: true });
      const phase: Phase | null = p.status === 'executing' && p.executor !== 'manual' ? 'apply' : p.status === 'rolling_back' ? 'rollback' : null;
      if (!phase) return null;
      const why = await whyNotResend(client, executors, p, phase);
      if (!why) await appendAudit(client, p.id, phase === 'apply' ? 'execution_resumed' : 'rollback_resumed', 'penny', { reason: 'the process running it stopped before recording a result' });
      return { p, phase, why };
    });
    if (!plan) return null;
    const { p, phase, why } = plan;
    const result = why ? new Error(`Penny stopped while running it and did not send it again: ${why}. Check by hand whether it took effect`) : await attempt(executors, p, phase);
    return { proposal: await finish(client, p, phase, result), phase, resent: !why };
  });
}

/** A click, checked and applied inside the caller's transaction, or refused with the reason audited. */
async function guarded(
  client: pg.PoolClient,
  proposalId: string,
  user: SlackUser,
  action: string,
  check: (client: pg.PoolClient, p: Proposal) => Promise<string | null>,
  apply: (client: pg.PoolClient, p: Proposal) => Promise<void>,
): Promise<Outcome> {
  let p: Proposal;
  try {
    p = await getProposal(client, proposalId, { lock: true });
  } catch (err) {
    if (!(err instanceof ProposalNotFound)) throw err;
    await appendAudit(client, null, 'click_refused', user.id, { action, why: 'there is no such proposal', proposalId: proposalId.slice(0, 80) });
    return { accepted: false, why: 'there is no such proposal', proposal: null };
  }
  const why = await check(client, p);
  if (why) {
    await appendAudit(client, p.id, 'click_refused', user.id, { action, why, email: user.email ?? null });
    return { accepted: false, why, proposal: p };
  }
  await apply(client, p);
  return { accepted: true, proposal: await getProposal(client, p.id) };
}

/** An approver says the manual fix is done. */
export async function markDone(pool: pg.Pool, config: RemediationConfig, proposalId: string, user: SlackUser, note?: string): Promise<Outcome> {
  return inTransaction(pool, (client) =>
    guarded(
      client,
      proposalId,
      user,
      'mark_done',
      async (c, p) => (p.executor !== 'manual' ? 'only a manual fix is marked done by hand' : authorise(c, p, user, config, ['executing'])),
      async (c, p) => {
        const result = { summary: `Marked done by ${user.id}`, note: note?.trim() || null };
        await c.query(`update remediation_proposals set status = 'executed', result = $2, executed_at = now(), updated_at = now() where id = $1`, [p.id, JSON.stringify(result)]);
        await appendAudit(c, p.id, 'marked_done', user.id, { email: user.email ?? null, note: result.note });
      },
    ),
  );
}

/** An approver asks to undo an executed fix: claimed under the row lock and the run lock, then run once. */
export async function rollBack(pool: pg.Pool, config: RemediationConfig, executors: Executors, proposalId: string, user: SlackUser): Promise<Outcome> {
  const outcome = await withRunLock(pool, proposalId, async (client) => {
    const claimed = await onClient(client, () =>
      guarded(
        client,
        proposalId,
        user,
        'rollback',
        async (c, p) => (p.executor === 'manual' ? 'Penny changed nothing for a manual fix; undo it by hand' : authorise(c, p, user, config, ['executed'])),
        async (c, p) => {
          await c.query(`update remediation_proposals set status = 'rolling_back', rolled_back_by = $2, updated_at = now() where id = $1`, [p.id, user.id]);
          await appendAudit(c, p.id, 'rollback_started', user.id, { email: user.email ?? null, rollback: p.rollback });
        },
      ),
    );
    if (!claimed.accepted) return claimed;
    return { accepted: true as const, proposal: await finish(client, claimed.proposal, 'rollback', await attempt(executors, claimed.proposal, 'rollback')) };
  });
  return outcome ?? { accepted: false, why: 'it is being run right now; wait for its result', proposal: null };
}
