/**
 * The remediation graph, one thread per proposal (thread id = proposal id), checkpointed in
 * Postgres so it survives restarts and replica changes:
 *
 *   START → card → wait (interrupt) → act → END
 *
 * `card` sends the approval card once (a rerun finds card_ts set). `wait` only pauses: the resume
 * value is a wake-up, never a permission. `act` reads the proposal from Postgres and executes only
 * if decide() recorded an approval there (executeApproved claims it under a row lock), then
 * updates the card and posts the outcome in its thread. A rerun of `act` after the process running
 * it stopped finishes the cut-off run (recoverCutOff: sent again, or marked failed). A rejected or
 * expired proposal executes nothing.
 */
import { Annotation, END, interrupt, START, StateGraph, type BaseCheckpointSaver } from '@langchain/langgraph';
import type pg from 'pg';
import { logger } from '../log/logger.ts';
import { executeApproved, recoverCutOff, type Executors, type Recovered } from './execute.ts';
import type { Notifier } from './notifier.ts';
import { getProposal, recordCard, type Proposal } from './store.ts';

export const RemediationState = Annotation.Root({
  proposalId: Annotation<string>({ reducer: (_, next) => next, default: () => '' }),
  /** Recipients of the card, in order of preference. */
  recipients: Annotation<string[]>({ reducer: (_, next) => next, default: () => [] }),
  status: Annotation<string>({ reducer: (_, next) => next, default: () => '' }),
});

export interface RemediationGraphDeps {
  pool: pg.Pool;
  notifier: Notifier;
  executors: Executors;
  checkpointer: BaseCheckpointSaver;
}

const RESENT = ':repeat: Penny stopped while running this fix (a restart) and sent it again with the same Idempotency-Key.';

/** How a rollback (asked for by `by`, when known) ended, for the card's thread. */
export function rollbackText(p: Proposal, by?: string): string {
  const result = p.rollbackResult as { summary?: string; error?: string; url?: string } | null;
  const who = by ? ` by ${by}` : '';
  return p.status === 'rolled_back'
    ? `:leftwards_arrow_with_hook: Rolled back${who}: ${result?.summary ?? ''}${result?.url ? ` ${result.url}` : ''}`
    : `:x: Rollback${who} failed: ${result?.error ?? 'unknown error'}`;
}

/** What a run cut off by a restart ended in, for the card's thread. */
export function recoveredText(r: Recovered): string {
  const text = r.phase === 'apply' ? outcomeText(r.proposal) : rollbackText(r.proposal);
  return r.resent ? `${RESENT}\n${text ?? ''}`.trim() : (text ?? '');
}

/** What happened, for the card's thread. */
export function outcomeText(p: Proposal): string | null {
  const result = p.result as { summary?: string; error?: string; url?: string } | null;
  switch (p.status) {
    case 'executed':
      return `:white_check_mark: ${result?.summary ?? 'Done.'}${result?.url ? ` ${result.url}` : ''}`;
    case 'failed':
      return `:x: The fix failed: ${result?.error ?? 'unknown error'}. Nothing else will be tried; see \`penny audit --proposal ${p.id}\`.`;
    case 'executing':
      return p.executor === 'manual' ? 'Approved. This is a manual fix: do it, then press *Mark done*.' : null;
    case 'rejected':
      return `Rejected by ${p.decidedBy}: ${p.decisionReason}. Nothing was executed.`;
    case 'expired':
      return 'Expired without a decision. Nothing was executed.';
    default:
      return null;
  }
}

export function buildRemediationGraph(deps: RemediationGraphDeps) {
  const { pool, notifier } = deps;
  const graph = new StateGraph(RemediationState)
    .addNode('card', async (s) => {
      const p = await getProposal(pool, s.proposalId);
      if (p.cardTs === null && p.status === 'pending') {
        const card = await notifier.sendCard(p, s.recipients);
        await recordCard(pool, p.id, card);
      }
      return { status: p.status };
    })
    .addNode('wait', () => {
      interrupt({ waitingFor: 'decision' });
      return {};
    })
    .addNode('act', async (s) => {
      const ran = await executeApproved(pool, deps.executors, s.proposalId);
      const recovered = ran ? null : await recoverCutOff(pool, deps.executors, s.proposalId);
      const p = ran ?? recovered?.proposal ?? (await getProposal(pool, s.proposalId));
      // A run that ended elsewhere (another replica, the sweep) was reported there.
      if (!ran && !recovered && ['executed', 'failed', 'rolling_back', 'rolled_back'].includes(p.status)) return { status: p.status };
      // The decision is recorded; telling people is best effort and must not undo it.
      try {
        await notifier.updateCard(p);
        const text = recovered ? recoveredText(recovered) : outcomeText(p);
        if (text) await notifier.postInThread(p, text);
      } catch (err) {
        logger.warn({ proposal: p.id, err: (err as Error).message }, 'could not update the approval card');
      }
      return { status: p.status };
    })
    .addEdge(START, 'card')
    .addEdge('card', 'wait')
    .addEdge('wait', 'act')
    .addEdge('act', END);
  return graph.compile({ checkpointer: deps.checkpointer });
}
