/**
 * Owner alert delivery: open findings → their owners (the owner map rule naming the finding's
 * owner hint: every owner of that rule; a channel hint as is; nobody → the FinOps channel) → at
 * most one message per recipient per window, batching what arrived meanwhile. Each message is
 * sent as send.ts sends alerts (claimed first, never twice; a post Slack did not answer is looked
 * for by the next run before it is sent again, settle.ts). Rate limits are waited out by the Web
 * API client (Retry-After), which retries the same call: the DM is neither lost nor doubled.
 * Anomalies get their chart in the message's thread. Then critical findings still open after the
 * escalation delay go to the FinOps channel, once.
 */
import type { webApi } from '@slack/bolt';
import type { Finding } from '../../findings/finding.ts';
import { listFindings } from '../../findings/store.ts';
import { logger } from '../../log/logger.ts';
import { defaultChannel, listOwnerRules, type OwnerRule } from '../../owners/store.ts';
import type { SlackDeps } from '../deps.ts';
import { alertsSent, slackCall } from '../metrics.ts';
import { addCounts, IS_CHANNEL, periodKey, sendAlerts, withAlertsLock } from './send.ts';
import { alertId, dueEscalations, existingAlerts, markEscalated, recentlyAlerted } from './store.ts';
import { settlePendingClaims } from './settle.ts';
import { escalationMessage } from './view.ts';

export interface DeliveryResult {
  messages: number;
  alerts: number;
  /** Recipients with new findings who had a message this window: batched into the next. */
  waiting: number;
  escalations: number;
  failed: number;
}

export function recipientsOf(f: Finding, rules: OwnerRule[], fallback: string | null): string[] {
  const hint = f.ownerHint;
  if (hint && IS_CHANNEL.test(hint)) return [hint];
  if (hint) return rules.find((r) => r.owners.includes(hint))?.owners ?? [hint];
  return fallback ? [fallback] : [];
}

export async function deliverAlerts(deps: SlackDeps, client: webApi.WebClient): Promise<DeliveryResult> {
  const result: DeliveryResult = { messages: 0, alerts: 0, waiting: 0, escalations: 0, failed: 0 };
  const done = await withAlertsLock(deps.pool, false, async () => {
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
      addCounts(result, await sendAlerts(pool, client, recipient, list, now));
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
