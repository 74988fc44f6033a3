/**
 * The Slack side of the remediation notifier (src/remediation/notifier.ts): the approval card to
 * the first recipient that works (the approvals channel, or an approver's DM by user id or email),
 * chat.update in place after a decision, and results and rollbacks in the card's thread.
 */
import type { webApi } from '@slack/bolt';
import type { Notifier } from '../remediation/notifier.ts';
import { approvalCard } from './approval-card.ts';
import { fallback } from './blocks.ts';

const IS_CHANNEL = /^(#|[CGD][A-Z0-9]{6,}$)/;

/** The remediation notifier over Slack's Web API. */
export function slackNotifier(client: webApi.WebClient): Notifier {
  async function channelFor(recipient: string): Promise<string> {
    if (IS_CHANNEL.test(recipient)) return recipient;
    const user = recipient.includes('@') ? (await client.users.lookupByEmail({ email: recipient })).user?.id : recipient;
    const dm = user ? (await client.conversations.open({ users: user })).channel?.id : undefined;
    if (!dm) throw new Error(`no direct message channel for ${recipient}`);
    return dm;
  }
  return {
    async sendCard(p, recipients) {
      const errors: string[] = [];
      for (const to of recipients) {
        try {
          const posted = await client.chat.postMessage({ channel: await channelFor(to), ...approvalCard(p), unfurl_links: false });
          if (posted.channel && posted.ts) return { channel: posted.channel, ts: posted.ts };
        } catch (err) {
          errors.push(`${to}: ${(err as { data?: { error?: string } }).data?.error ?? (err as Error).message}`);
        }
      }
      throw new Error(`could not send the approval card for ${p.id} to anyone${errors.length ? ` (${errors.join('; ')})` : ': no owners, admins or approvals channel'}`);
    },
    async updateCard(p) {
      if (!p.cardChannel || !p.cardTs) return;
      await client.chat.update({ channel: p.cardChannel, ts: p.cardTs, ...approvalCard(p) });
    },
    async postInThread(p, text) {
      if (!p.cardChannel || !p.cardTs) return;
      await client.chat.postMessage({ channel: p.cardChannel, thread_ts: p.cardTs, text: fallback(text), unfurl_links: false });
    },
  };
}
