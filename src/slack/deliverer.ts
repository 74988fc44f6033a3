/**
 * Slack as a notifications channel (src/notifications/deliverer.ts): a recipient's address (a
 * channel as is, a user's DM by id or by email looked up), messages rendered as Block Kit, alert
 * posts marked with their claim as message metadata, charts uploaded as PNGs into the message's
 * thread, and a claim's message looked for in the channel's history when its post got no answer.
 * Rate limits are waited out by the Web API client (Retry-After), which retries the same call: a
 * message is neither lost nor doubled.
 */
import type { webApi } from '@slack/bolt';
import { z } from 'zod';
import type { ChartSpec } from '../charts/chart.ts';
import type { Deliverer, Posted } from '../notifications/deliverer.ts';
import type { Message } from '../notifications/message.ts';
import { IS_CHANNEL } from '../notifications/routing.ts';
import { alertView, escalationView } from './alerts/view.ts';
import type { SlackMessage } from './answer-view.ts';
import { renderChartPng } from './chart-renderer.ts';
import { outcomeUnknown } from './client.ts';
import { digestView } from './digest/view.ts';
import { slackCall } from './metrics.ts';

const IS_USER = /^[UW][A-Z0-9]{6,}$/;
/** Channel ids whose history can be read (a #name cannot be). */
const IS_CHANNEL_ID = /^[CDG][A-Z0-9]{6,}$/;
const ALERT_EVENT = 'penny_alert';
/** Pages of history looked through: a DM holds few messages since one claim. */
const PAGES = 5;
/** Slack's clock and Penny's may differ a little. */
const SKEW_S = 60;

// What Slack returns is read through a schema: other apps' metadata may be in the channel too.
const AlertMetadata = z.object({ event_type: z.literal(ALERT_EVENT), event_payload: z.object({ claim: z.string() }) });

function render(m: Message): SlackMessage {
  if (m.kind === 'alert') return alertView(m);
  if (m.kind === 'escalation') return escalationView(m);
  return digestView(m.digest);
}

const FILE_NAMES: Record<Message['kind'], string> = { alert: 'penny-anomaly.png', escalation: 'penny-anomaly.png', digest: 'penny-weekly-digest.png' };

const chartsOf = (m: Message): ChartSpec[] => (m.kind === 'escalation' ? [] : m.charts);

export function slackDeliverer(client: webApi.WebClient): Deliverer {
  /** The ts of the message of claim `token` in `channel` since `since`, or null. */
  async function findPosted(channel: string, token: string, since: Date): Promise<string | null> {
    if (!IS_CHANNEL_ID.test(channel)) return null;
    let cursor: string | undefined;
    for (let page = 0; page < PAGES; page++) {
      const res = await slackCall('conversations.history', () =>
        client.conversations.history({ channel, oldest: String(Math.floor(since.getTime() / 1000) - SKEW_S), include_all_metadata: true, limit: 200, cursor }),
      );
      const found = res.messages?.find((m) => AlertMetadata.safeParse(m.metadata).data?.event_payload.claim === token);
      if (found?.ts) return found.ts;
      cursor = res.response_metadata?.next_cursor || undefined;
      if (!res.has_more || !cursor) return null;
    }
    return null;
  }

  return {
    async address(recipient) {
      if (IS_CHANNEL.test(recipient)) return recipient;
      let user = recipient;
      if (!IS_USER.test(recipient)) {
        const found = await slackCall('users.lookupByEmail', () => client.users.lookupByEmail({ email: recipient }));
        user = found.user!.id!;
      }
      const dm = await slackCall('conversations.open', () => client.conversations.open({ users: user }));
      return dm.channel!.id!;
    },
    async post(address, message, claim): Promise<Posted> {
      const metadata = claim ? { metadata: { event_type: ALERT_EVENT, event_payload: { claim } } } : {};
      const res = await slackCall('chat.postMessage', () => client.chat.postMessage({ channel: address, ...render(message), ...metadata, unfurl_links: false }));
      return { address: res.channel ?? address, ref: res.ts! };
    },
    async followUp(posted, message) {
      const charts = chartsOf(message);
      for (const chart of charts) {
        const png = await renderChartPng(chart);
        await slackCall('files.uploadV2', () => client.filesUploadV2({ channel_id: posted.address, thread_ts: posted.ref, file: png, filename: FILE_NAMES[message.kind], title: chart.title }));
      }
      return charts.length;
    },
    findPosted,
    outcomeUnknown,
    reason: (err) => (err as { data?: { error?: string } }).data?.error ?? (err as Error).message,
  };
}
