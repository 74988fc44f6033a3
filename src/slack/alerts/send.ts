/**
 * Sending alert messages, for owner alerts (deliver.ts) and a workflow's channels (channels.ts)
 * alike: one message of findings to one recipient, each finding claimed in slack_alerts before the
 * post and marked sent with the message ts after, so no finding reaches a recipient twice in a
 * period. A post Slack refused releases its claims for the next run; a post Slack did not answer
 * stays pending and is looked for in the channel before it is sent again (settle.ts). Senders hold
 * the alerts lock, under which settle.ts may take every pending claim for an ended run's.
 */
import { randomUUID } from 'node:crypto';
import type { webApi } from '@slack/bolt';
import type pg from 'pg';
import { LOCKS } from '../../db/locks.ts';
import type { Finding } from '../../findings/finding.ts';
import { logger } from '../../log/logger.ts';
import { outcomeUnknown } from '../client.ts';
import { alertsSent, slackCall } from '../metrics.ts';
import { postAlertCharts } from './chart.ts';
import { alertMetadata } from './settle.ts';
import { claimAlerts, markSent, recordChannel, releaseClaims, type AlertKey } from './store.ts';
import { alertMessage } from './view.ts';

export const IS_CHANNEL = /^(#|[CG][A-Z0-9]{6,}$)/;
const IS_USER = /^[UW][A-Z0-9]{6,}$/;

export interface SendCounts {
  messages: number;
  alerts: number;
  failed: number;
}

export function addCounts(total: SendCounts, more: SendCounts): void {
  total.messages += more.messages;
  total.alerts += more.alerts;
  total.failed += more.failed;
}

/** A standing waste finding may be raised again each month; thresholds and anomaly days are in the fingerprint. */
export function periodKey(f: Finding, now: Date): string {
  return f.kind === 'waste' ? now.toISOString().slice(0, 7) : '';
}

/**
 * Runs `fn` holding the alerts lock; `wait: false` returns null at once when another run holds it
 * (the owner alerts run again in minutes), `wait: true` waits for it.
 */
export async function withAlertsLock<T>(pool: pg.Pool, wait: boolean, fn: () => Promise<T>): Promise<T | null> {
  const client = await pool.connect();
  try {
    if (wait) await client.query('select pg_advisory_lock($1)', [LOCKS.slackAlerts]);
    else if (!(await client.query<{ ok: boolean }>('select pg_try_advisory_lock($1) as ok', [LOCKS.slackAlerts])).rows[0]!.ok) return null;
    try {
      return await fn();
    } finally {
      await client.query('select pg_advisory_unlock($1)', [LOCKS.slackAlerts]);
    }
  } finally {
    client.release();
  }
}

/** Where to post for a recipient: a channel as is, a user's DM (by id, or email looked up). */
async function channelFor(client: webApi.WebClient, recipient: string): Promise<string> {
  if (IS_CHANNEL.test(recipient)) return recipient;
  let user = recipient;
  if (!IS_USER.test(recipient)) {
    const found = await slackCall('users.lookupByEmail', () => client.users.lookupByEmail({ email: recipient }));
    user = found.user!.id!;
  }
  const dm = await slackCall('conversations.open', () => client.conversations.open({ users: user }));
  return dm.channel!.id!;
}

/** Sends `recipient` one message of those `findings` nobody has claimed for it this period. */
export async function sendAlerts(pool: pg.Pool, client: webApi.WebClient, recipient: string, findings: Finding[], now: Date): Promise<SendCounts> {
  const token = randomUUID();
  const claimed = await claimAlerts(pool, findings.map((f): AlertKey => ({ fingerprint: f.fingerprint, recipient, periodKey: periodKey(f, now) })), now, token);
  if (claimed.length === 0) return { messages: 0, alerts: 0, failed: 0 };
  const mine = new Set(claimed.map((k) => k.fingerprint));
  const batch = findings.filter((f) => mine.has(f.fingerprint));
  let posted: { channel: string; ts: string };
  try {
    const channel = await channelFor(client, recipient);
    await recordChannel(pool, token, channel);
    const res = await slackCall('chat.postMessage', () => client.chat.postMessage({ channel, ...alertMessage(batch), metadata: alertMetadata(token), unfurl_links: false }));
    posted = { channel: res.channel ?? channel, ts: res.ts! };
  } catch (err) {
    if (outcomeUnknown(err)) {
      logger.error({ err, recipient, findings: batch.length }, 'Slack did not answer an alert; the next run looks for it in the channel before sending it again');
    } else {
      await releaseClaims(pool, claimed);
      logger.error({ err, recipient, findings: batch.length }, 'could not send an alert; it is retried on the next run');
    }
    return { messages: 0, alerts: 0, failed: 1 };
  }
  await markSent(pool, claimed, posted.channel, posted.ts, now);
  alertsSent.inc({ kind: IS_CHANNEL.test(recipient) ? 'channel' : 'owner' });
  await postAlertCharts(client, posted.channel, posted.ts, batch).catch((err) => logger.warn({ err, recipient }, 'could not post an alert chart'));
  return { messages: 1, alerts: batch.length, failed: 0 };
}
