/**
 * How the remediation flow talks to people, without knowing the channel: send the approval card
 * (to the first recipient that works: an approvals channel, or owners' and admins' DMs), update it
 * in place after a decision, and post results and rollbacks in its thread. The Slack app
 * implements it (src/slack/approvals.ts); remediation never imports a channel.
 */
import type { Proposal } from './store.ts';

export interface Notifier {
  sendCard(p: Proposal, recipients: readonly string[]): Promise<{ channel: string; ts: string }>;
  updateCard(p: Proposal): Promise<void>;
  postInThread(p: Proposal, text: string): Promise<void>;
}
