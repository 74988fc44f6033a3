/**
 * The remediation approval card as Block Kit: what, why, evidence, estimated savings, risk and
 * rollback, with Approve and Reject while pending; after a decision the buttons give way to who
 * decided and when (and Roll back / Mark done where they apply). Every piece of finding text is
 * escaped: a tag or resource name cannot mention @channel or forge a link. Buttons carry only the
 * proposal id.
 */
import type { Proposal } from '../remediation/store.ts';
import { money } from '../scans/format.ts';
import { actions, button, context, escapeText, fallback, fields, header, section, type KnownBlock } from './blocks.ts';

export const ACTIONS = {
  approve: 'penny_approve',
  reject: 'penny_reject',
  rollback: 'penny_rollback',
  markDone: 'penny_mark_done',
  proposeFix: 'penny_propose_fix',
} as const;
export const REJECT_VIEW = 'penny_reject_reason';

const EXECUTOR_TEXT = { 'github-pr': 'a GitHub pull request', webhook: 'your automation webhook', manual: 'a person, by hand' } as const;

function actionText(p: Proposal, which: 'action' | 'rollback'): string {
  const a = p[which];
  switch (a.kind) {
    case 'switch_model':
      return `switch *${escapeText(a.feature)}* from \`${escapeText(a.from)}\` to \`${escapeText(a.to)}\``;
    case 'stop_instance':
    case 'start_instance':
    case 'unschedule_instance':
      return `${a.kind.replace('_', ' ')} \`${escapeText(a.resourceId)}\``;
    case 'schedule_instance':
      return `run \`${escapeText(a.resourceId)}\` ${a.hoursPerWeek} hours a week`;
    case 'manual':
      return escapeText(a.instructions);
  }
}

function evidenceText(evidence: Record<string, unknown>): string {
  const lines = Object.entries(evidence)
    .filter(([, v]) => v !== null && (typeof v !== 'object' || Array.isArray(v)))
    .slice(0, 10)
    .map(([k, v]) => `• ${escapeText(k)}: ${escapeText(Array.isArray(v) ? v.join(', ') : String(v)).slice(0, 300)}`);
  return lines.length ? lines.join('\n') : '(none recorded)';
}

const when = (iso: string | null) => (iso ? `<!date^${Math.floor(Date.parse(iso) / 1000)}^{date_short_pretty} {time}|${iso}>` : '');

function statusLine(p: Proposal): string {
  switch (p.status) {
    case 'pending':
      return `Waiting for an owner or a FinOps admin · expires ${when(p.expiresAt)}`;
    case 'rejected':
      return `:no_entry: Rejected by <@${p.decidedBy}> ${when(p.decidedAt)}: ${escapeText(p.decisionReason ?? '')}`;
    case 'expired':
      return `:hourglass: Expired ${when(p.expiresAt)} without a decision; nothing was executed`;
    default: {
      const approved = `:white_check_mark: Approved by <@${p.decidedBy}> ${when(p.decidedAt)}`;
      const more: Record<string, string> = {
        approved: '',
        executing: p.executor === 'manual' ? ' · waiting to be marked done' : ' · running',
        executed: ' · done',
        failed: ' · failed (see thread)',
        rolling_back: ' · rolling back',
        rolled_back: ' · rolled back',
      };
      return approved + (more[p.status] ?? '');
    }
  }
}

export function approvalCard(p: Proposal): { text: string; blocks: KnownBlock[] } {
  const blocks: KnownBlock[] = [
    header(`Proposed fix: ${p.title}`),
    section(`*What:* ${actionText(p, 'action')}, through ${EXECUTOR_TEXT[p.executor]}.`),
    section(`*Why:* ${escapeText(p.why)}`),
    fields([
      ['Estimated savings', `${money(p.savingsMonthly, p.currency)}/month`],
      ['Risk', p.risk],
      ['Rollback', actionText(p, 'rollback')],
      ['Requested by', p.requestedBy ? `<@${p.requestedBy}>` : 'a Penny scan'],
    ]),
    section(`*Evidence*\n${evidenceText(p.evidence)}`),
    context([statusLine(p), `proposal ${p.id}`]),
  ];
  if (p.status === 'pending') {
    blocks.push(actions(`penny_approval_${p.id}`, [button('Approve', ACTIONS.approve, p.id, 'primary'), button('Reject…', ACTIONS.reject, p.id, 'danger')]));
  } else if (p.status === 'executing' && p.executor === 'manual') {
    blocks.push(actions(`penny_approval_${p.id}`, [button('Mark done', ACTIONS.markDone, p.id, 'primary')]));
  } else if (p.status === 'executed' && p.executor !== 'manual') {
    blocks.push(actions(`penny_approval_${p.id}`, [button('Roll back', ACTIONS.rollback, p.id, 'danger')]));
  }
  return { text: fallback(`Proposed fix: ${p.title} (${money(p.savingsMonthly, p.currency)}/month, ${p.risk} risk) — ${p.status}`), blocks };
}

/** The modal that asks why a proposal is rejected; the proposal id rides in private_metadata. */
export function rejectModal(p: { id: string; title: string }) {
  return {
    type: 'modal' as const,
    callback_id: REJECT_VIEW,
    private_metadata: p.id,
    title: { type: 'plain_text' as const, text: 'Reject the fix' },
    submit: { type: 'plain_text' as const, text: 'Reject' },
    close: { type: 'plain_text' as const, text: 'Cancel' },
    blocks: [
      section(`Rejecting: ${escapeText(p.title)}`.slice(0, 2900)),
      {
        type: 'input' as const,
        block_id: 'reason',
        label: { type: 'plain_text' as const, text: 'Why? (kept in the audit log)' },
        element: { type: 'plain_text_input' as const, action_id: 'reason', multiline: true, max_length: 2000 },
      },
    ],
  };
}
