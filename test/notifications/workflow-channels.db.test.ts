/**
 * A scan workflow's `notify.channels`: the shipped daily-anomaly workflow, run on the demo company
 * against the fake Slack Web API, posts its open findings to #finops-alerts in one message, once:
 * a run without Slack or with a refused post loses nothing, and a run after the post sends nothing.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';
import { seedDemo } from '../../src/demo/seed.ts';
import { parseWorkflowFile, type LoadedWorkflow } from '../../src/scheduler/load.ts';
import { serviceJobs } from '../../src/server/faces.ts';
import { runSlot } from '../../src/scheduler/run-slot.ts';
import { fallback } from '../../src/slack/blocks.ts';
import { slackHarness, type SlackHarness } from '../slack/support/harness.ts';

const CHANNEL = '#finops-alerts';

let h: SlackHarness;
let workflow: LoadedWorkflow;
let day = 0;

beforeAll(async () => {
  // The demo ends yesterday, so the scan (as of today) sees its planted spike.
  h = await slackHarness({ seed: async (t) => void (await seedDemo(t.pool)) });
  const file = path.resolve(import.meta.dirname, '../../workflows/daily-anomaly.yaml');
  const parsed = parseWorkflowFile('workflows/daily-anomaly.yaml', await fs.readFile(file, 'utf8'), serviceJobs());
  expect(parsed.problems).toEqual([]);
  workflow = parsed.workflow!;
  expect(workflow.notify.channels).toEqual([CHANNEL]);
}, 180_000);
afterAll(() => h?.close());
afterEach(() => vi.unstubAllEnvs());

/** One run of the workflow, in a slot of its own, with Slack connected or not. */
async function run(slack: boolean): Promise<Record<string, number>> {
  vi.stubEnv('SLACK_BOT_TOKEN', slack ? 'xoxb-test' : '');
  vi.stubEnv('SLACK_API_URL', h.fake.url);
  const outcome = await runSlot(h.t.pool, serviceJobs(), workflow, new Date(Date.UTC(2026, 0, ++day, 6, 30)), 'manual');
  expect(outcome.status).toBe('succeeded');
  return (outcome as { counts: Record<string, number> }).counts;
}

const posts = () => h.fake.ok('chat.postMessage', (a) => a.channel === CHANNEL && a.thread_ts === undefined);

async function openAnomalies(): Promise<Array<{ fingerprint: string; title: string }>> {
  const { rows } = await h.t.pool.query<{ fingerprint: string; title: string }>("select fingerprint, title from findings where kind = 'anomaly' and status = 'open' order by fingerprint");
  return rows;
}

async function sentTo(channel: string): Promise<string[]> {
  const { rows } = await h.t.pool.query<{ fingerprint: string }>("select fingerprint from slack_alerts where recipient = $1 and status = 'sent' order by fingerprint", [channel]);
  return rows.map((r) => r.fingerprint);
}

it('posts the open findings to the workflow channel once, and keeps them for a later run while Slack is away or refuses', { timeout: 180_000 }, async () => {
  const unconnected = await run(false);
  expect(unconnected.new).toBeGreaterThan(0);
  expect(unconnected).toMatchObject({ notConnected: 1 });
  expect(h.fake.ok('chat.postMessage')).toEqual([]);
  const open = await openAnomalies();
  expect(open).toHaveLength(unconnected.findings!);

  // The workflow tells the spike's owner too (notify.owners), first: both posts are refused.
  h.fake.fail('chat.postMessage', 'channel_not_found', 2);
  expect(await run(true)).toMatchObject({ new: 0, channelMessages: 0, channelAlerts: 0, channelFailed: 1 });
  expect(posts()).toEqual([]);
  expect(await sentTo(CHANNEL)).toEqual([]);

  expect(await run(true)).toMatchObject({ new: 0, channelMessages: 1, channelAlerts: open.length, channelFailed: 0 });
  expect(posts()).toHaveLength(1);
  // The demo plants one spike: the message is that finding's alert.
  expect(open).toHaveLength(1);
  expect(posts()[0]!.args.text).toBe(fallback(open[0]!.title));
  expect(await sentTo(CHANNEL)).toEqual([open[0]!.fingerprint]);

  expect(await run(true)).toMatchObject({ new: 0, channelMessages: 0, channelAlerts: 0, channelFailed: 0 });
  expect(posts()).toHaveLength(1);
});
