/**
 * The jobs that tell people: `alerts` (owner alerts and escalations, src/notifications) and
 * `digest` (the weekly report, src/reports, to the workflow's channels), and a scan workflow's
 * findings to its notify.channels and, with notify.owners, its owners. They deliver through the
 * channel `connect` opens when a run starts (the composition in src/server/jobs.ts passes Slack's),
 * so `penny workflows run` works as well as `penny start`; with no channel connected a run sends
 * nothing and says so in its counts.
 */
import { z } from 'zod';
import { loadEnv } from '../config/env.ts';
import { todayUtc } from '../costs/time.ts';
import type { Finding } from '../findings/finding.ts';
import { logger } from '../log/logger.ts';
import { broadcast } from '../notifications/broadcast.ts';
import { notifyChannels } from '../notifications/channels.ts';
import type { Connect, Deliverer } from '../notifications/deliverer.ts';
import { digestMessage } from '../notifications/message.ts';
import { alertOwners, deliverAlerts, finopsChannel } from '../notifications/owner-alerts.ts';
import { setOwnerNotify } from '../notifications/store.ts';
import { buildDigest } from '../reports/digest.ts';
import { defineJob, type JobContext, type JobRegistry, type JobResult } from './jobs.ts';

/** The connected channel's deliverer, or null (logged) when none is. */
async function open(ctx: JobContext, connect: Connect): Promise<Deliverer | null> {
  const deliverer = await connect();
  if (!deliverer) logger.info({ workflow: ctx.workflow.name }, 'no channel is connected (Slack: SLACK_BOT_TOKEN): nothing sent');
  return deliverer;
}

const DigestParams = z.strictObject({
  /** Top movers shown (cloud services and AI features by $ change). */
  movers: z.number().int().min(1).max(15).default(5),
  /** Open findings shown, largest monthly impact first. */
  findings: z.number().int().min(1).max(15).default(5),
});

export function deliveryJobs(connect: Connect): JobRegistry {
  return {
    alerts: defineJob(
      'owner alerts: DM new findings to their owners (batched per window), unowned ones to the FinOps channel, escalate unacknowledged critical ones',
      z.strictObject({}),
      async (ctx): Promise<JobResult> => {
        const deliverer = await open(ctx, connect);
        if (!deliverer) return { counts: { notConnected: 1 } };
        return { counts: { ...(await deliverAlerts(ctx.pool, deliverer, loadEnv())) } };
      },
    ),
    digest: defineJob(
      'weekly digest: spend vs the week before by team and provider, top movers, open findings by savings, a chart, posted to the workflow channels',
      DigestParams,
      async (ctx): Promise<JobResult> => {
        const deliverer = await open(ctx, connect);
        if (!deliverer) return { counts: { notConnected: 1 } };
        const channels = ctx.workflow.notify.channels.length ? ctx.workflow.notify.channels : [await finopsChannel(ctx.pool, loadEnv())].filter((c) => c != null);
        if (channels.length === 0) throw new Error(`workflow ${ctx.workflow.name} names no channel for the digest: set notify.channels (or PENNY_FINOPS_CHANNEL)`);
        // The slot's day is "today": the digest covers the 7 complete days before it.
        const digest = await buildDigest(ctx.pool, { ...ctx.params, asOf: todayUtc(ctx.slot) });
        return { counts: { ...(await broadcast(deliverer, channels, digestMessage(digest))) } };
      },
    ),
  };
}

/**
 * A scan workflow's findings, told as its notify says: owners or not (recorded per finding, so the
 * owner alerts job keeps to it too), and to its channels; each once. Counts for its run.
 */
export async function notifyWorkflow(ctx: JobContext, connect: Connect, findings: Finding[]): Promise<Record<string, number>> {
  const { owners, channels } = ctx.workflow.notify;
  if (findings.length)
    await setOwnerNotify(
      ctx.pool,
      findings.map((f) => f.fingerprint),
      ctx.workflow.name,
      owners,
    );
  if (channels.length === 0 && !owners) return {};
  const deliverer = await open(ctx, connect);
  if (!deliverer) return { notConnected: 1 };
  const counts: Record<string, number> = {};
  if (owners) {
    const r = await alertOwners(ctx.pool, deliverer, loadEnv(), findings);
    Object.assign(counts, { ownerMessages: r.messages, ownerAlerts: r.alerts, ownerWaiting: r.waiting, ownerFailed: r.failed });
  }
  if (channels.length) {
    const r = await notifyChannels(ctx.pool, deliverer, channels, findings, new Date());
    Object.assign(counts, { channelMessages: r.messages, channelAlerts: r.alerts, channelFailed: r.failed });
  }
  return counts;
}
