/**
 * What the Slack app does for scheduled jobs: the `alerts` job (deliver owner alerts and
 * escalations), the `digest` job (the weekly spend digest to the workflow's channels), and a scan
 * workflow's findings to its channels. Each builds its Web API client from the environment when it
 * runs, so `penny workflows run` works as well as `penny start`; without SLACK_BOT_TOKEN a run
 * sends nothing and says so in its counts.
 */
import type { webApi } from '@slack/bolt';
import { z } from 'zod';
import { loadEnv } from '../config/env.ts';
import { logger } from '../log/logger.ts';
import type { JobContext, JobRegistry, JobResult } from '../scheduler/jobs.ts';
import { defineJob } from '../scheduler/jobs.ts';
import { todayUtc } from '../costs/time.ts';
import type { Finding } from '../findings/finding.ts';
import { defaultChannel } from '../owners/store.ts';
import { notifyChannels } from './alerts/channels.ts';
import { deliverAlerts } from './alerts/deliver.ts';
import { slackClient } from './client.ts';
import type { SlackDeps } from './deps.ts';
import { postDigest } from './digest/post.ts';
import { identityResolver } from './identity.ts';

/** The deps and client a job run needs, or null when no bot token is set. */
function connect(ctx: JobContext): { deps: SlackDeps; client: webApi.WebClient } | null {
  const env = loadEnv();
  if (!env.SLACK_BOT_TOKEN) {
    logger.info({ workflow: ctx.workflow.name }, 'Slack is not connected (SLACK_BOT_TOKEN): nothing sent');
    return null;
  }
  const client = slackClient(env);
  return { deps: { pool: ctx.pool, env, identity: identityResolver(ctx.pool, env) }, client };
}

const DigestParams = z.strictObject({
  /** Top movers shown (cloud services and AI features by $ change). */
  movers: z.number().int().min(1).max(15).default(5),
  /** Open findings shown, largest monthly impact first. */
  findings: z.number().int().min(1).max(15).default(5),
});

export function slackJobs(): JobRegistry {
  return {
    alerts: defineJob('owner alerts: DM new findings to their owners (batched per window), unowned ones to the FinOps channel, escalate unacknowledged critical ones', z.strictObject({}), async (ctx): Promise<JobResult> => {
      const slack = connect(ctx);
      if (!slack) return { counts: { notConnected: 1 } };
      const r = await deliverAlerts(slack.deps, slack.client);
      return { counts: { ...r } };
    }),
    digest: defineJob('weekly digest: spend vs the week before by team and provider, top movers, open findings by savings, a chart, posted to the workflow channels', DigestParams, async (ctx): Promise<JobResult> => {
      const slack = connect(ctx);
      if (!slack) return { counts: { notConnected: 1 } };
      const channels = ctx.workflow.notify.channels.length ? ctx.workflow.notify.channels : [slack.deps.env.PENNY_FINOPS_CHANNEL ?? (await defaultChannel(ctx.pool))].filter((c) => c != null);
      if (channels.length === 0) throw new Error(`workflow ${ctx.workflow.name} names no channel for the digest: set notify.channels (or PENNY_FINOPS_CHANNEL)`);
      // The slot's day is "today": the digest covers the 7 complete days before it.
      const r = await postDigest(ctx.pool, slack.client, channels, { ...ctx.params, asOf: todayUtc(ctx.slot) });
      return { counts: { ...r } };
    }),
  };
}

/** A scan workflow's open findings to its notify.channels, once each; counts for its run. */
export async function notifyWorkflowChannels(ctx: JobContext, findings: Finding[]): Promise<Record<string, number>> {
  if (ctx.workflow.notify.channels.length === 0) return {};
  const slack = connect(ctx);
  if (!slack) return { notConnected: 1 };
  const r = await notifyChannels(ctx.pool, slack.client, ctx.workflow.notify.channels, findings, new Date());
  return { channelMessages: r.messages, channelAlerts: r.alerts, channelFailed: r.failed };
}
