/**
 * Running approved proposals, once. The run is claimed in a row-locked transaction that moves the
 * proposal from 'approved' to 'executing' (only a decision recorded by decide() makes it
 * 'approved'), so however many times a graph node reruns or replicas race, one caller executes.
 * Results, failures, manual completion and rollbacks are recorded with their audit entries.
 * Manual fixes stay 'executing' until an approver marks them done.
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
import { inTransaction } from '../db/transaction.ts';

export type Executors = Partial<Record<Exclude<Executor, 'manual'>, ActionExecutor>>;

function executorFor(executors: Executors, p: Proposal): ActionExecutor {
  if (p.executor === 'manual') throw new Error('a manual fix has no executor');
  const e = executors[p.executor];
  if (!e) throw new Error(`the ${p.executor} executor is not configured`);
  return e;
}

async function finish(pool: pg.Pool, p: Proposal, phase: Phase, result: ExecutionResult | Error): Promise<Proposal> {
  const ok = !(result instanceof Error);
  const detail = ok ? result : { error: result.message };
  const [status, event] =
    phase === 'apply' ? (ok ? (['executed', 'executed'] as const) : (['failed', 'execution_failed'] as const)) : ok ? (['rolled_back', 'rolled_back'] as const) : (['executed', 'rollback_failed'] as const);
  return inTransaction(pool, async (client) => {
    const column = phase === 'apply' ? 'result = $3, executed_at = now()' : 'rollback_result = $3, rolled_back_at = case when $2 = \'rolled_back\' then now() end';
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
  const claimed = await inTransaction(pool, async (client) => {
    const p = await getProposal(client, proposalId, { lock: true });
    if (p.status !== 'approved') return null;
    await client.query(`update remediation_proposals set status = 'executing', updated_at = now() where id = $1`, [p.id]);
    await appendAudit(client, p.id, 'execution_started', 'penny', { executor: p.executor, action: p.action, approvedBy: p.decidedBy });
    return { ...p, status: 'executing' as const };
  });
  if (!claimed) return null;
  if (claimed.executor === 'manual') return claimed;
  let result: ExecutionResult | Error;
  try {
    result = await executorFor(executors, claimed).run(claimed, 'apply');
  } catch (err) {
    logger.warn({ proposal: claimed.id, err: (err as Error).message }, 'remediation failed');
    result = err as Error;
  }
  return finish(pool, claimed, 'apply', result);
}

async function guarded(pool: pg.Pool, proposalId: string, user: SlackUser, action: string, check: (client: pg.PoolClient, p: Proposal) => Promise<string | null>, apply: (client: pg.PoolClient, p: Proposal) => Promise<void>): Promise<Outcome> {
  return inTransaction(pool, async (client) => {
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
  });
}

/** An approver says the manual fix is done. */
export function markDone(pool: pg.Pool, config: RemediationConfig, proposalId: string, user: SlackUser, note?: string): Promise<Outcome> {
  return guarded(
    pool, proposalId, user, 'mark_done',
    async (client, p) => (p.executor !== 'manual' ? 'only a manual fix is marked done by hand' : authorise(client, p, user, config, ['executing'])),
    async (client, p) => {
      const result = { summary: `Marked done by ${user.id}`, note: note?.trim() || null };
      await client.query(`update remediation_proposals set status = 'executed', result = $2, executed_at = now(), updated_at = now() where id = $1`, [p.id, JSON.stringify(result)]);
      await appendAudit(client, p.id, 'marked_done', user.id, { email: user.email ?? null, note: result.note });
    },
  );
}

/** An approver asks to undo an executed fix: claimed under the row lock, then run once. */
export async function rollBack(pool: pg.Pool, config: RemediationConfig, executors: Executors, proposalId: string, user: SlackUser): Promise<Outcome> {
  const outcome = await guarded(
    pool, proposalId, user, 'rollback',
    async (client, p) => (p.executor === 'manual' ? 'Penny changed nothing for a manual fix; undo it by hand' : authorise(client, p, user, config, ['executed'])),
    async (client, p) => {
      await client.query(`update remediation_proposals set status = 'rolling_back', rolled_back_by = $2, updated_at = now() where id = $1`, [p.id, user.id]);
      await appendAudit(client, p.id, 'rollback_started', user.id, { email: user.email ?? null, rollback: p.rollback });
    },
  );
  if (!outcome.accepted) return outcome;
  let result: ExecutionResult | Error;
  try {
    result = await executorFor(executors, outcome.proposal).run(outcome.proposal, 'rollback');
  } catch (err) {
    result = err as Error;
  }
  return { accepted: true, proposal: await finish(pool, outcome.proposal, 'rollback', result) };
}
