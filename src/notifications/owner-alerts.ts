/**
 * Owner alerts: open findings → their owners (routing.ts) → at most one message per recipient per
 * window (PENNY_ALERT_WINDOW_MINUTES), batching what arrived meanwhile. Each message is sent as
 * send.ts sends alerts (claimed first, never twice; a post the channel did not answer is looked
 * for by the next run before it is sent again, settle.ts). Then critical findings (from
 * PENNY_ALERT_CRITICAL_MONTHLY a month) still open PENNY_ALERT_ESCALATE_HOURS after their owner
 * alert go to the FinOps channel, once. Findings of a workflow that said `notify.owners: false`
 * are not sent to owners.
 */
import type pg from 'pg';
import type { Env } from '../config/env.ts';
import type { Finding } from '../findings/finding.ts';
import { listFindings } from '../findings/store.ts';
import { logger } from '../log/logger.ts';
import { defaultChannel, listOwnerRules, type OwnerRule } from '../owners/store.ts';
import type { Deliverer } from './deliverer.ts';
import { escalationMessage } from './message.ts';
import { alertsSent } from './metrics.ts';
import { recipientsOf } from './routing.ts';
import { addCounts, periodKey, sendAlerts, withAlertsLock } from './send.ts';
import { settlePendingClaims } from './settle.ts';
import { alertId, dueEscalations, existingAlerts, markEscalated, ownersMuted, recentlyAlerted } from './store.ts';

export type AlertEnv = Pick<Env, 'PENNY_FINOPS_CHANNEL' | 'PENNY_ALERT_WINDOW_MINUTES' | 'PENNY_ALERT_ESCALATE_HOURS' | 'PENNY_ALERT_CRITICAL_MONTHLY'>;

export interface DeliveryResult {
  messages: number;
  alerts: number;
  /** Recipients with new findings who had a message this window: batched into the next. */
  waiting: number;
  escalations: number;
  failed: number;
}

/** Where unowned findings and escalations go: PENNY_FINOPS_CHANNEL, else the owner map's default channel. */
export async function finopsChannel(pool: pg.Pool, env: Pick<Env, 'PENNY_FINOPS_CHANNEL'>): Promise<string | null> {
  return env.PENNY_FINOPS_CHANNEL ?? (await defaultChannel(pool));
}

interface Routing {
  rules: OwnerRule[];
  finops: string | null;
}

/**
 * Sends `findings` (open ones, not muted for owners) to their owners, a message per recipient not
 * alerted this window; those who were wait for the next run. Call under the alerts lock.
 */
async function toOwners(pool: pg.Pool, deliverer: Deliverer, env: AlertEnv, findings: Finding[], now: Date, result: DeliveryResult): Promise<Routing> {
  const muted = await ownersMuted(
    pool,
    findings.map((f) => f.fingerprint),
  );
  const open = findings.filter((f) => f.status === 'open' && !muted.has(f.fingerprint));
  const rules = await listOwnerRules(pool);
  const finops = await finopsChannel(pool, env);
  const sent = await existingAlerts(
    pool,
    open.map((f) => f.fingerprint),
  );
  const byRecipient = new Map<string, Finding[]>();
  for (const f of open) {
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
    addCounts(result, await sendAlerts(pool, deliverer, recipient, list, now));
  }
  return { rules, finops };
}

const noResult = (): DeliveryResult => ({ messages: 0, alerts: 0, waiting: 0, escalations: 0, failed: 0 });

/** The owner alerts job: every open finding to its owners, then the escalations. Skips while another run delivers. */
export async function deliverAlerts(pool: pg.Pool, deliverer: Deliverer, env: AlertEnv, now = new Date()): Promise<DeliveryResult> {
  const result = noResult();
  const done = await withAlertsLock(pool, false, async () => {
    await settlePendingClaims(pool, deliverer);
    const { rules, finops } = await toOwners(pool, deliverer, env, await listFindings(pool, { statuses: ['open'] }), now, result);
    if (finops) await escalate(pool, deliverer, env, finops, rules, now, result);
    return result;
  });
  return done ?? result;
}

/** A scan workflow's findings to their owners at once (notify.owners): waits for a delivery under way rather than skipping it. */
export async function alertOwners(pool: pg.Pool, deliverer: Deliverer, env: AlertEnv, findings: Finding[], now = new Date()): Promise<DeliveryResult> {
  const result = noResult();
  if (!findings.some((f) => f.status === 'open')) return result;
  await withAlertsLock(pool, true, async () => {
    await settlePendingClaims(pool, deliverer);
    await toOwners(pool, deliverer, env, findings, now, result);
  });
  return result;
}

async function escalate(pool: pg.Pool, deliverer: Deliverer, env: AlertEnv, finops: string, rules: OwnerRule[], now: Date, result: DeliveryResult): Promise<void> {
  const due = await dueEscalations(pool, new Date(now.getTime() - env.PENNY_ALERT_ESCALATE_HOURS * 3_600_000), env.PENNY_ALERT_CRITICAL_MONTHLY);
  if (due.length === 0) return;
  for (const f of await listFindings(pool, { fingerprints: due })) {
    try {
      const posted = await deliverer.post(finops, escalationMessage(f, recipientsOf(f, rules, null), env.PENNY_ALERT_ESCALATE_HOURS));
      await markEscalated(pool, f.fingerprint, posted.address, posted.ref, now);
      alertsSent.inc({ kind: 'escalation' });
      result.escalations++;
    } catch (err) {
      result.failed++;
      logger.error({ err, finding: f.fingerprint }, 'could not escalate a finding; retried on the next run');
    }
  }
}
