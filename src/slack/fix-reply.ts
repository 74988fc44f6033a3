/**
 * The answer to a fix asked for in a question: the one open finding of the asker's that the words
 * name gets a proposal (its approval card goes to the approvers, as from an alert's button);
 * several equally good matches, or none, get a short list of the asker's findings to pick from,
 * each with its "Propose a fix" button.
 */
import { money } from '../scans/format.ts';
import type { SlackMessage } from './answer-view.ts';
import { ACTIONS } from './approval-card.ts';
import { actions, button, context, escapeText, fallback, section, type KnownBlock } from './blocks.ts';
import type { SlackDeps } from './deps.ts';
import { findingsOf } from './findings-of.ts';
import { onlyMatch, rankFindings } from './fix-request.ts';
import type { SlackIdentity } from './identity.ts';
import type { Finding } from '../findings/finding.ts';

/** Findings offered to pick from. */
const CHOICES = 5;

function choices(intro: string, findings: readonly Finding[]): SlackMessage {
  const blocks: KnownBlock[] = [section(escapeText(intro))];
  for (const f of findings.slice(0, CHOICES)) {
    blocks.push(
      section(`*${escapeText(f.title)}*\n${money(f.impactMonthly, f.currency)}/month · ${f.type.replace(/_/g, ' ')} · ${f.status}`),
      actions(`fix:${f.fingerprint}`, [button('Propose a fix', ACTIONS.proposeFix, f.fingerprint)]),
    );
  }
  blocks.push(context(['A fix runs only after an owner or a FinOps admin approves its card.']));
  return { text: fallback(intro), blocks };
}

export async function fixReply(deps: SlackDeps, who: SlackIdentity, what: string, propose: (findingId: string) => Promise<SlackMessage>): Promise<SlackMessage> {
  const mine = await findingsOf(deps, who);
  if (mine.length === 0) {
    const text = 'You have no open findings, so there is nothing to fix. Findings come from the scheduled scans; their owners get them as alerts.';
    return { text, blocks: [section(text)] };
  }
  const ranked = rankFindings(what, mine);
  const only = onlyMatch(ranked);
  if (only) return propose(only.fingerprint);
  if (ranked.length > 0)
    return choices(
      `Several of your findings match "${what}". Which one?`,
      ranked.map((r) => r.finding),
    );
  const intro = what ? `None of your open findings matches "${what}". Your largest ones:` : 'Which finding? Your largest open ones:';
  return choices(
    intro,
    [...mine].sort((a, b) => b.impactMonthly - a.impactMonthly),
  );
}
