/**
 * Sending alert messages, for owner alerts (owner-alerts.ts) and a workflow's channels
 * (channels.ts) alike: one message of findings to one recipient, each finding claimed in
 * slack_alerts before the post and marked sent with the message's reference after, so no finding
 * reaches a recipient twice in a period. A post the channel refused releases its claims for the
 * next run; a post it did not answer stays pending and is looked for before it is sent again
 * (settle.ts). Senders hold the alerts lock, under which settle.ts may take every pending claim
 * for an ended run's.
 */
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { LOCKS } from '../db/locks.ts';
import type { Finding } from '../findings/finding.ts';
import { logger } from '../log/logger.ts';
import type { Deliverer } from './deliverer.ts';
import { alertMessage } from './message.ts';
import { alertsSent } from './metrics.ts';
import { IS_CHANNEL } from './routing.ts';
import { claimAlerts, markSent, recordChannel, releaseClaims, type AlertKey } from './store.ts';

export interface SendCounts {
  messages: number;
  alerts: number;
  failed: number;
}

export const noCounts = (): SendCounts => ({ messages: 0, alerts: 0, failed: 0 });

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

/** Sends `recipient` one message of those `findings` nobody has claimed for it this period. */
export async function sendAlerts(pool: pg.Pool, deliverer: Deliverer, recipient: string, findings: Finding[], now: Date): Promise<SendCounts> {
  const token = randomUUID();
  const claimed = await claimAlerts(
    pool,
    findings.map((f): AlertKey => ({ fingerprint: f.fingerprint, recipient, periodKey: periodKey(f, now) })),
    now,
    token,
  );
  if (claimed.length === 0) return noCounts();
  const mine = new Set(claimed.map((k) => k.fingerprint));
  const batch = findings.filter((f) => mine.has(f.fingerprint));
  const message = alertMessage(batch);
  let posted;
  try {
    const address = await deliverer.address(recipient);
    await recordChannel(pool, token, address);
    posted = await deliverer.post(address, message, token);
  } catch (err) {
    if (deliverer.outcomeUnknown(err)) {
      logger.error({ err, recipient, findings: batch.length }, 'the channel did not answer an alert; the next run looks for it before sending it again');
    } else {
      await releaseClaims(pool, claimed);
      logger.error({ err, recipient, findings: batch.length }, 'could not send an alert; it is retried on the next run');
    }
    return { messages: 0, alerts: 0, failed: 1 };
  }
  await markSent(pool, claimed, posted.address, posted.ref, now);
  alertsSent.inc({ kind: IS_CHANNEL.test(recipient) ? 'channel' : 'owner' });
  await deliverer.followUp(posted, message).catch((err) => logger.warn({ err, recipient }, 'could not post an alert chart'));
  return { messages: 1, alerts: batch.length, failed: 0 };
}
