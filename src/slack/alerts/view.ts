/**
 * Owner alert messages: one finding with its numbers and buttons, or a batch of an owner's
 * findings in one message (largest first; beyond the first few, a line with how many more and
 * their total). A finding someone has acted on shows who did what instead of its buttons, which
 * is how a click updates the original message. "Propose a fix" is handled by the approvals module.
 * An anomaly says what changed on its repositories in its window (src/changes), under its scope.
 */
import { changesText } from '../../changes/evidence.ts';
import { perCurrencyText } from '../../costs/currency.ts';
import { formatMoney } from '../../schema/money.ts';
import type { Finding } from '../../findings/finding.ts';
import { ACTIONS as APPROVAL_ACTIONS } from '../approval-card.ts';
import { actions, button, context, escapeText, fallback, fields, fitBlocks, header, section, type KnownBlock } from '../blocks.ts';

/** Findings shown with buttons in one message; 4 blocks each keeps a batch far inside 50 blocks. */
export const SHOWN = 8;

export const ALERT_ACTIONS = {
  acknowledge: 'finding_acknowledge',
  snooze: 'finding_snooze',
  notAnomaly: 'finding_not_anomaly',
  expected: 'finding_expected',
  planned: 'finding_planned',
} as const;

function money(x: number, currency: string): string {
  return formatMoney(x, currency, Math.abs(x) >= 100 ? 0 : 2);
}

/** "$1,200/month" or, over findings in several currencies, "€300/month and $1,200/month": never one mixed sum. */
function perMonth(findings: Finding[]): string {
  return perCurrencyText(findings.map((f) => ({ currency: f.currency, amount: f.impactMonthly })), (x, c) => `${money(x, c)}/month`);
}

function measured(x: number | null, f: Finding): string {
  if (x === null) return '—';
  if (f.unit?.startsWith(`${f.currency}/`) || f.unit === f.currency) return `${money(x, f.currency)}${f.unit.includes('/') ? `/${f.unit.split('/')[1]}` : ''}`;
  return `${x.toLocaleString('en-US', { maximumFractionDigits: 2 })}${f.unit ? ` ${f.unit}` : ''}`;
}

function scopeText(scope: Record<string, string>): string {
  return Object.entries(scope).map(([k, v]) => `${k}: ${v}`).join(' · ') || 'all spend';
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
  if (f.status === 'open') {
    const buttons = [button('Acknowledge', ALERT_ACTIONS.acknowledge, f.fingerprint, 'primary'), button('Snooze 7 days', ALERT_ACTIONS.snooze, f.fingerprint)];
    if (f.kind === 'anomaly') buttons.push(button('Not an anomaly', ALERT_ACTIONS.notAnomaly, f.fingerprint), button('Expected', ALERT_ACTIONS.expected, f.fingerprint));
    buttons.push(button('Planned', ALERT_ACTIONS.planned, f.fingerprint));
    // Hands over to the remediation flow (src/slack/approvals.ts): a proposal and its approval card.
    buttons.push(button('Propose a fix', APPROVAL_ACTIONS.proposeFix, f.fingerprint));
    blocks.push(actions(`finding:${f.fingerprint}`, buttons));
  } else {
    const feedback = f.feedback ? ` (${f.feedback.replace(/_/g, ' ')}${f.feedbackNote ? `: “${escapeText(f.feedbackNote)}”` : ''})` : '';
    const until = f.status === 'snoozed' && f.snoozedUntil ? ` until ${f.snoozedUntil.slice(0, 10)}` : '';
    blocks.push(context([`${STATUS_TEXT[f.status] ?? f.status}${feedback}${until}${actedBy ? ` by <@${actedBy}>` : ''}`]));
  }
  return blocks;
}

/** The alert message for one recipient: `findings` largest impact first. */
export function alertMessage(findings: Finding[], options: { actedBy?: Map<string, string>; note?: string } = {}): { text: string; blocks: KnownBlock[] } {
  const title = findings.length === 1 ? findings[0]!.title : `${findings.length} findings need your attention — ${perMonth(findings)} at stake`;
  const blocks: KnownBlock[] = [header(findings.length === 1 ? 'Penny found something you own' : title)];
  if (options.note) blocks.push(context([escapeText(options.note)]));
  for (const f of findings.slice(0, SHOWN)) blocks.push(...findingBlocks(f, options.actedBy?.get(f.fingerprint)), { type: 'divider' });
  const rest = findings.slice(SHOWN);
  if (rest.length) {
    blocks.push(section(`…and ${rest.length} more (${perMonth(rest)}). See them in Penny's App Home or with \`penny scan --json\`.`));
  }
  return { text: fallback(title), blocks: fitBlocks(blocks) };
}

export function escalationMessage(f: Finding, owners: string[], hours: number): { text: string; blocks: KnownBlock[] } {
  const who = owners.map((o) => (o.startsWith('U') || o.startsWith('W') ? `<@${o}>` : escapeText(o))).join(', ');
  const text = `Unacknowledged for ${hours} h: ${f.title}`;
  return {
    text: fallback(text),
    blocks: fitBlocks([header(':rotating_light: Escalated: no one acknowledged this'), context([`Sent to ${who || 'the owners'} ${hours} h ago without a response.`]), ...findingBlocks(f)]),
  };
}
