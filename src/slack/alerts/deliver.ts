/**
 * Owner alert delivery: open findings → their owners (the owner map rule naming the finding's
 * owner hint: every owner of that rule; a channel hint as is; nobody → the FinOps channel) → at
 * most one message per recipient per window, batching what arrived meanwhile. Each alert is
 * claimed in slack_alerts before posting and marked sent with the message ts after; a post Slack
 * refused releases its claims for the next run, and a post Slack did not answer (timeout, or a
 * crash after it) is looked for in the channel by the next run before it is sent again
 * (settle.ts). Rate limits are waited out by the Web API client (Retry-After), which retries the
 * same call: the DM is neither lost nor doubled. Anomalies get their chart in the message's
 * thread. Then critical findings still open after the escalation delay go to the FinOps channel, once.
 */
import { randomUUID } from 'node:crypto';
import type { webApi } from '@slack/bolt';
import type { Finding } from '../../findings/finding.ts';
import { listFindings } from '../../findings/store.ts';
import { LOCKS } from '../../db/locks.ts';
import { logger } from '../../log/logger.ts';
import { defaultChannel, listOwnerRules, type OwnerRule } from '../../owners/store.ts';
import { outcomeUnknown } from '../client.ts';
import type { SlackDeps } from '../deps.ts';
import { alertsSent, slackCall } from '../metrics.ts';
import {
  alertId, claimAlerts, dueEscalations, existingAlerts, markEscalated, markSent, recentlyAlerted, recordChannel, releaseClaims, type AlertKey,
} from './store.ts';
import { alertMetadata, settlePendingClaims } from './settle.ts';
import { postAlertCharts } from './chart.ts';
import { alertMessage, escalationMessage } from './view.ts';

export interface DeliveryResult {
  messages: number;
  alerts: number;
  /** Recipients with new findings who had a message this window: batched into the next. */
  waiting: number;
  escalations: number;
  failed: number;
}

const IS_CHANNEL = /^(#|[CG][A-Z0-9]{6,}$)/;
const IS_USER = /^[UW][A-Z0-9]{6,}$/;

/** A standing waste finding may be raised again each month; thresholds and anomaly days are in the fingerprint. */
export function periodKey(f: Finding, now: Date): string {
  return f.kind === 'waste' ? now.toISOString().slice(0, 7) : '';
}

export function recipientsOf(f: Finding, rules: OwnerRule[], fallback: string | null): string[] {
  const hint = f.ownerHint;
  if (hint && IS_CHANNEL.test(hint)) return [hint];
  if (hint) return rules.find((r) => r.owners.includes(hint))?.owners ?? [hint];
  return fallback ? [fallback] : [];
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

async function withLock<T>(deps: SlackDeps, fn: () => Promise<T>): Promise<T | null> {
  const client = await deps.pool.connect();
  try {
    const { rows } = await client.query<{ ok: boolean }>('select pg_try_advisory_lock($1) as ok', [LOCKS.slackAlerts]);
    if (!rows[0]!.ok) return null;
    try {
      return await fn();
    } finally {
      await client.query('select pg_advisory_unlock($1)', [LOCKS.slackAlerts]);
    }
  } finally {
    client.release();
  }
}

export async function deliverAlerts(deps: SlackDeps, client: webApi.WebClient): Promise<DeliveryResult> {
  const result: DeliveryResult = { messages: 0, alerts: 0, waiting: 0, escalations: 0, failed: 0 };
  const done = await withLock(deps, async () => {
    const { pool, env } = deps;
    const now = deps.now?.() ?? new Date();
    await settlePendingClaims(pool, client);
    const findings = await listFindings(pool, { statuses: ['open'] });
    const rules = await listOwnerRules(pool);
    const finops = env.PENNY_FINOPS_CHANNEL ?? (await defaultChannel(pool));
    const sent = await existingAlerts(pool, findings.map((f) => f.fingerprint));
    const byRecipient = new Map<string, Finding[]>();
    for (const f of findings) {
      for (const recipient of recipientsOf(f, rules, finops)) {
        if (sent.has(alertId({ fingerprint: f.fingerprint, recipient, periodKey: periodKey(f, now) }))) continue;
        byRecipient.set(recipient, [...(byRecipient.get(recipient) ?? []), f]);
      }
    }
    const busy = await recentlyAlerted(pool, [...byRecipient.keys()], new Date(now.getTime() - env.PENNY_ALERT_WINDOW_MINUTES * 60_000));
    for (const [recipient, list] of byRecipient) {
      if (busy.has(recipient)) {
        result.waiting++;
        continue;
      }
      const token = randomUUID();
      const claimed = await claimAlerts(pool, list.map((f): AlertKey => ({ fingerprint: f.fingerprint, recipient, periodKey: periodKey(f, now) })), now, token);
      if (claimed.length === 0) continue;
      const mine = new Set(claimed.map((k) => k.fingerprint));
      const batch = list.filter((f) => mine.has(f.fingerprint));
      let posted: { channel: string; ts: string };
      try {
        const channel = await channelFor(client, recipient);
        await recordChannel(pool, token, channel);
        const res = await slackCall('chat.postMessage', () => client.chat.postMessage({ channel, ...alertMessage(batch), metadata: alertMetadata(token), unfurl_links: false }));
        posted = { channel: res.channel ?? channel, ts: res.ts! };
      } catch (err) {
        result.failed++;
        if (outcomeUnknown(err)) {
          logger.error({ err, recipient, findings: batch.length }, 'Slack did not answer an owner alert; the next run looks for it in the channel before sending it again');
        } else {
          await releaseClaims(pool, claimed);
          logger.error({ err, recipient, findings: batch.length }, 'could not send an owner alert; it is retried on the next run');
        }
        continue;
      }
      await markSent(pool, claimed, posted.channel, posted.ts, now);
      alertsSent.inc({ kind: IS_CHANNEL.test(recipient) ? 'channel' : 'owner' });
      result.messages++;
      result.alerts += batch.length;
      await postAlertCharts(client, posted.channel, posted.ts, batch).catch((err) => logger.warn({ err, recipient }, 'could not post an alert chart'));
    }
    if (finops) await escalate(deps, client, finops, rules, now, result);
    return result;
  });
  return done ?? result;
}

async function escalate(deps: SlackDeps, client: webApi.WebClient, finops: string, rules: OwnerRule[], now: Date, result: DeliveryResult): Promise<void> {
  const { pool, env } = deps;
  const due = await dueEscalations(pool, new Date(now.getTime() - env.PENNY_ALERT_ESCALATE_HOURS * 3_600_000), env.PENNY_ALERT_CRITICAL_MONTHLY);
  if (due.length === 0) return;
  for (const f of await listFindings(pool, { fingerprints: due })) {
    try {
      const owners = recipientsOf(f, rules, null);
      const posted = await slackCall('chat.postMessage', () => client.chat.postMessage({ channel: finops, ...escalationMessage(f, owners, env.PENNY_ALERT_ESCALATE_HOURS), unfurl_links: false }));
      await markEscalated(pool, f.fingerprint, posted.channel ?? finops, posted.ts!, now);
      alertsSent.inc({ kind: 'escalation' });
      result.escalations++;
    } catch (err) {
      result.failed++;
      logger.error({ err, finding: f.fingerprint }, 'could not escalate a finding; retried on the next run');
    }
  }
}
