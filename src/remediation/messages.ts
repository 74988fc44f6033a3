/**
 * What the approval card's thread says after each step of a proposal: its outcome, a rollback, a
 * run a restart cut off, and whatever the row says now (for a card brought up to date late).
 */
import type { Recovered } from './execute.ts';
import type { Proposal } from './store.ts';

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

/** What the row says now: a rollback's end when one ran, else the outcome. */
export function currentText(p: Proposal): string | null {
  return p.rollbackResult && (p.status === 'rolled_back' || p.status === 'executed') ? rollbackText(p) : outcomeText(p);
}
