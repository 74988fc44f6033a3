/**
 * A proposal's lifecycle. Its row (remediation_proposals.status) is the one state machine: every
 * arrow below is one transaction on the locked row, with its audit entry, so whichever process
 * takes the next step reads where the last one left off.
 *
 *   (proposed) pending ──send card (once, under the run lock)──► pending, card_ts set
 *   pending ──Approve, by an approver──► approved                           decide.ts
 *   pending ──Reject with a reason────► rejected                            decide.ts
 *   pending ──past expires_at─────────► expired                             decide.ts (sweep or a late click)
 *   approved ──claim──► executing ──executor──► executed | failed           execute.ts (run lock)
 *   executing (manual) ──Mark done──► executed                              execute.ts
 *   executing | rolling_back, run lock free (cut off) ──► sent again, or failed   execute.ts
 *   executed ──Roll back──► rolling_back ──► rolled_back | executed         execute.ts
 *
 * After each arrow the card is brought up to date and the thread told, once per row version
 * (told_at): by the process that moved the row, or by the next sweep when that process stopped
 * first. A LangGraph thread used to mirror this row with its own checkpoints; two truths, which the
 * sweep had to reconcile and a crash between the two writes could split, so the row is all there is.
 */
import type pg from 'pg';
import { logger } from '../log/logger.ts';
import { executeApproved, recoverCutOff, withRunLock, type Executors } from './execute.ts';
import { currentText, outcomeText, recoveredText } from './messages.ts';
import type { Notifier } from './notifier.ts';
import { claimTelling, getProposal, isSettled, recordCard, type Proposal } from './store.ts';

export interface LifecycleDeps {
  pool: pg.Pool;
  notifier: Notifier;
  executors: Executors;
}

/**
 * Sends the card of a pending proposal that has none, holding the proposal's run lock so two
 * processes never send two cards; false when there was nothing to send or another is sending it.
 */
export async function sendCardOnce(deps: LifecycleDeps, id: string, recipients: readonly string[]): Promise<boolean> {
  const sent = await withRunLock(deps.pool, id, async (client) => {
    const p = await getProposal(client, id);
    if (p.cardTs !== null || p.status !== 'pending') return false;
    return recordCard(client, id, await deps.notifier.sendCard(p, recipients));
  });
  return sent ?? false;
}

/**
 * Updates the card and posts `text` in its thread, once per row version. Telling people is best
 * effort: the row is already recorded and a failed Slack call must not undo it. False when someone
 * else told it, or the row is a step under way.
 */
export async function tell(deps: LifecycleDeps, p: Proposal, text: string | null = currentText(p)): Promise<boolean> {
  if (!isSettled(p) || !(await claimTelling(deps.pool, p))) return false;
  try {
    await deps.notifier.updateCard(p);
    if (text) await deps.notifier.postInThread(p, text);
  } catch (err) {
    logger.warn({ proposal: p.id, err: (err as Error).message }, 'could not update the approval card');
  }
  return true;
}

/**
 * Takes the step a decision calls for, from what the row says: runs an approved fix, finishes an
 * apply run a restart cut off, and tells the outcome. A decision is only ever read from the row,
 * so calling this never grants anything. True when it ran or told something.
 */
export async function carryOut(deps: LifecycleDeps, id: string): Promise<boolean> {
  const p = await getProposal(deps.pool, id);
  if (p.status === 'approved') {
    const ran = await executeApproved(deps.pool, deps.executors, id);
    if (ran) await tell(deps, ran, outcomeText(ran));
    return ran !== null;
  }
  if (p.status === 'executing' && p.executor !== 'manual') {
    const recovered = await recoverCutOff(deps.pool, deps.executors, id);
    if (recovered) await tell(deps, recovered.proposal, recoveredText(recovered));
    return recovered !== null;
  }
  return tell(deps, p);
}
