/**
 * Decisions on proposals. Every click is re-checked in ONE transaction holding the proposal's row
 * lock: the clicker is an approver (current owners + admins), the proposal is still pending and
 * not expired, and the four-eyes rule holds. Only then is the decision written, with who and when.
 * A refused click changes nothing but the audit log, which says why. Two clicks at once queue on
 * the lock; the second sees the first's decision and is refused.
 */
import type pg from 'pg';
import type { RemediationConfig } from './config.ts';
import { approversOf, matches, type SlackUser } from './approvers.ts';
import { appendAudit } from './audit.ts';
import { getProposal, ProposalNotFound, type Proposal } from './store.ts';
import { inTransaction } from '../db/transaction.ts';

export type Decision = 'approve' | 'reject';

export type Outcome = { accepted: true; proposal: Proposal } | { accepted: false; why: string; proposal: Proposal | null };

const MAX_REASON = 2000;

function describeStatus(p: Proposal): string {
  if (p.status === 'expired') return `it expired at ${p.expiresAt}`;
  if (p.decidedBy) return `it was already ${p.status === 'rejected' ? 'rejected' : 'approved'} by ${p.decidedBy} at ${p.decidedAt} (now ${p.status.replace('_', ' ')})`;
  return `it is ${p.status}`;
}

/**
 * Whether `user` may act on `p` now: null if so, else why not. Expects the row locked; marks an
 * overdue pending proposal expired (in the caller's transaction).
 */
export async function authorise(client: pg.PoolClient, p: Proposal, user: SlackUser, config: RemediationConfig, wanted: readonly Proposal['status'][]): Promise<string | null> {
  if (p.status === 'pending') {
    const { rows } = await client.query<{ overdue: boolean }>('select expires_at <= now() as overdue from remediation_proposals where id = $1', [p.id]);
    if (rows[0]!.overdue) {
      await client.query(`update remediation_proposals set status = 'expired', updated_at = now() where id = $1`, [p.id]);
      await appendAudit(client, p.id, 'expired', 'penny', { expiresAt: p.expiresAt });
      return `it expired at ${p.expiresAt}`;
    }
  }
  if (!wanted.includes(p.status)) return describeStatus(p);
  const approvers = await approversOf(client, p, config.admins);
  if (!matches(user, [...approvers.owners, ...approvers.admins])) {
    return 'you are not an approver of this proposal: only the owners of its scope and the FinOps admins are';
  }
  return null;
}

/** Records a refused click, in its own transaction, and says why. */
async function refuse(client: pg.PoolClient, p: Proposal | null, user: SlackUser, action: string, why: string, extra: Record<string, unknown> = {}): Promise<Outcome> {
  await appendAudit(client, p?.id ?? null, 'click_refused', user.id, { action, why, email: user.email ?? null, ...extra });
  return { accepted: false, why, proposal: p };
}

export async function decide(pool: pg.Pool, config: RemediationConfig, proposalId: string, user: SlackUser, decision: Decision, reason?: string): Promise<Outcome> {
  return inTransaction(pool, async (client) => {
    let p: Proposal;
    try {
      p = await getProposal(client, proposalId, { lock: true });
    } catch (err) {
      if (err instanceof ProposalNotFound) return refuse(client, null, user, decision, 'there is no such proposal', { proposalId: proposalId.slice(0, 80) });
      throw err;
    }
    const why = await authorise(client, p, user, config, ['pending']);
    if (why) return refuse(client, p, user, decision, why);
    const bound = config.fourEyes === 'all' || (config.fourEyes === 'high' && p.risk === 'high');
    if (decision === 'approve' && bound && p.requestedBy !== null && matches(user, [p.requestedBy])) {
      return refuse(client, p, user, decision, `four-eyes rule: you asked for this ${p.risk}-risk fix, so someone else must approve it`);
    }
    const text = reason?.trim() ?? '';
    if (decision === 'reject' && !text) return refuse(client, p, user, decision, 'a rejection needs a reason');
    if (text.length > MAX_REASON) return refuse(client, p, user, decision, `the reason is longer than ${MAX_REASON} characters`);
    await client.query(`update remediation_proposals set status = $2, decided_by = $3, decided_at = now(), decision_reason = $4, updated_at = now() where id = $1`, [
      p.id,
      decision === 'approve' ? 'approved' : 'rejected',
      user.id,
      text || null,
    ]);
    await appendAudit(client, p.id, decision === 'approve' ? 'approved' : 'rejected', user.id, { email: user.email ?? null, reason: text || null });
    return { accepted: true, proposal: await getProposal(client, p.id) };
  });
}

/** Marks pending proposals past their expiry as expired; returns their ids. */
export async function expireDue(pool: pg.Pool): Promise<string[]> {
  return inTransaction(pool, async (client) => {
    const { rows } = await client.query<{ id: string; expires_at: Date }>(
      `update remediation_proposals set status = 'expired', updated_at = now() where status = 'pending' and expires_at <= now() returning id, expires_at`,
    );
    for (const r of rows) await appendAudit(client, r.id, 'expired', 'penny', { expiresAt: r.expires_at.toISOString() });
    return rows.map((r) => r.id);
  });
}
