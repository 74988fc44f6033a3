/**
 * Alerts and escalations (src/notifications/message.ts) as Block Kit: each shown finding with its
 * numbers and a button per action it offers, then the line counting the rest. A finding someone
 * has acted on shows who did what instead of its buttons, which is how a click updates the
 * original message. "Propose a fix" is handled by the approvals module. An anomaly says what
 * changed on its repositories in its window (src/changes), under its scope.
 */
import { changesText } from '../../changes/evidence.ts';
import type { Finding } from '../../findings/finding.ts';
import { alertMoney as money, findingActions, perMonth, type AlertMessage, type EscalationMessage, type FindingAction } from '../../notifications/message.ts';
import { ACTIONS as APPROVAL_ACTIONS } from '../approval-card.ts';
import { actions, button, context, escapeText, fallback, fields, fitBlocks, header, section, type KnownBlock } from '../blocks.ts';

export const ALERT_ACTIONS = {
  acknowledge: 'finding_acknowledge',
  snooze: 'finding_snooze',
  notAnomaly: 'finding_not_anomaly',
  expected: 'finding_expected',
  planned: 'finding_planned',
} as const;

/** Each action's button: its label, action id and style. "Propose a fix" hands over to the remediation flow (src/slack/approvals.ts). */
const BUTTONS: Record<FindingAction, [label: string, actionId: string, style?: 'primary']> = {
  acknowledge: ['Acknowledge', ALERT_ACTIONS.acknowledge, 'primary'],
  snooze: ['Snooze 7 days', ALERT_ACTIONS.snooze],
  not_anomaly: ['Not an anomaly', ALERT_ACTIONS.notAnomaly],
  expected: ['Expected', ALERT_ACTIONS.expected],
  planned: ['Planned', ALERT_ACTIONS.planned],
  propose_fix: ['Propose a fix', APPROVAL_ACTIONS.proposeFix],
};

function measured(x: number | null, f: Finding): string {
  if (x === null) return '—';
  if (f.unit?.startsWith(`${f.currency}/`) || f.unit === f.currency) return `${money(x, f.currency)}${f.unit.includes('/') ? `/${f.unit.split('/')[1]}` : ''}`;
  return `${x.toLocaleString('en-US', { maximumFractionDigits: 2 })}${f.unit ? ` ${f.unit}` : ''}`;
}

function scopeText(scope: Record<string, string>): string {
  return (
    Object.entries(scope)
      .map(([k, v]) => `${k}: ${v}`)
      .join(' · ') || 'all spend'
  );
}

const STATUS_TEXT: Record<string, string> = {
  acknowledged: ':white_check_mark: Acknowledged',
  snoozed: ':zzz: Snoozed',
  dismissed: ':no_bell: Dismissed',
  resolved: ':heavy_check_mark: Resolved (no longer seen)',
};

function findingBlocks(f: Finding, actedBy?: string): KnownBlock[] {
  const changed = changesText(f.evidence);
  const blocks: KnownBlock[] = [
    section(`*${escapeText(f.title)}*\n${escapeText(scopeText(f.scope))}${changed ? `\n:twisted_rightwards_arrows: ${escapeText(changed)}` : ''}`),
    fields([
      ['Expected', escapeText(measured(f.expected, f))],
      ['Actual', escapeText(measured(f.actual, f))],
      ['Impact', `${escapeText(money(f.impactMonthly, f.currency))}/month`],
      ['Kind', escapeText(`${f.kind} · ${f.type.replace(/_/g, ' ')}`)],
    ]),
    context([`:bulb: ${escapeText(f.remediation)}`, `first seen ${f.firstAsOf}`]),
  ];
  const offered = findingActions(f);
  if (offered.length) {
    blocks.push(
      actions(
        `finding:${f.fingerprint}`,
        offered.map((a) => button(BUTTONS[a][0], BUTTONS[a][1], f.fingerprint, BUTTONS[a][2])),
      ),
    );
  } else {
    const feedback = f.feedback ? ` (${f.feedback.replace(/_/g, ' ')}${f.feedbackNote ? `: “${escapeText(f.feedbackNote)}”` : ''})` : '';
    const until = f.status === 'snoozed' && f.snoozedUntil ? ` until ${f.snoozedUntil.slice(0, 10)}` : '';
    blocks.push(context([`${STATUS_TEXT[f.status] ?? f.status}${feedback}${until}${actedBy ? ` by <@${actedBy}>` : ''}`]));
  }
  return blocks;
}

/** An alert as a Slack message; `actedBy` and `note` when a click redraws it. */
export function alertView(m: AlertMessage, options: { actedBy?: Map<string, string>; note?: string } = {}): { text: string; blocks: KnownBlock[] } {
  const blocks: KnownBlock[] = [header(m.shown.length === 1 && !m.more ? 'Penny found something you own' : m.title)];
  if (options.note) blocks.push(context([escapeText(options.note)]));
  for (const f of m.shown) blocks.push(...findingBlocks(f, options.actedBy?.get(f.fingerprint)), { type: 'divider' });
  if (m.more) {
    blocks.push(section(`…and ${m.more.count} more (${perMonth(m.more.monthly)}). See them in Penny's App Home or with \`penny scan --json\`.`));
  }
  return { text: fallback(m.title), blocks: fitBlocks(blocks) };
}

export function escalationView(m: EscalationMessage): { text: string; blocks: KnownBlock[] } {
  const who = m.owners.map((o) => (o.startsWith('U') || o.startsWith('W') ? `<@${o}>` : escapeText(o))).join(', ');
  return {
    text: fallback(m.title),
    blocks: fitBlocks([header(':rotating_light: Escalated: no one acknowledged this'), context([`Sent to ${who || 'the owners'} ${m.hours} h ago without a response.`]), ...findingBlocks(m.finding)]),
  };
}
