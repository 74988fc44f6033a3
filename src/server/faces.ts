/**
 * How the faces are handed to the domain, in one place: the scheduler's jobs deliver through
 * Slack's deliverer, and remediation sends its approval cards through Slack's notifier, when
 * SLACK_BOT_TOKEN is set (read when a run starts, so a changed environment counts). The Slack
 * module loads only then: listing workflows or proposing without Slack does not load Bolt.
 */
import { loadEnv, type Env } from '../config/env.ts';
import type { Connect } from '../notifications/deliverer.ts';
import type { Notifier } from '../remediation/notifier.ts';
import type { JobRegistry } from '../scheduler/jobs.ts';
import { defaultJobs } from '../scheduler/registry.ts';

export const connectSlack: Connect = async () => {
  const env = loadEnv();
  if (!env.SLACK_BOT_TOKEN) return null;
  const [{ slackClient }, { slackDeliverer }] = await Promise.all([import('../slack/client.ts'), import('../slack/deliverer.ts')]);
  return slackDeliverer(slackClient(env));
};

/** The scheduler's jobs, delivering through Slack. */
export function serviceJobs(): JobRegistry {
  return defaultJobs(connectSlack);
}

/** The approval card notifier of the connected channel, or null when none is. */
export async function approvalNotifier(env: Env): Promise<Notifier | null> {
  if (!env.SLACK_BOT_TOKEN) return null;
  const [{ slackClient }, { slackNotifier }] = await Promise.all([import('../slack/client.ts'), import('../slack/approval-notifier.ts')]);
  return slackNotifier(slackClient(env));
}
