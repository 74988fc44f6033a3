/**
 * The alert claims (slack_alerts) through the shipped owner-alerts workflow: a post the channel
 * never answers ends the run with the failure counted and is sent once by the next run; a post the
 * channel took whose answer was lost is found by the next run (settle.ts) and not sent again.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { recordRun } from '../../src/findings/store.ts';
import { parseWorkflowFile, type LoadedWorkflow } from '../../src/scheduler/load.ts';
import { serviceJobs } from '../../src/server/faces.ts';
import { runSlot } from '../../src/scheduler/run-slot.ts';
import { slackHarness, type SlackHarness } from '../slack/support/harness.ts';

let h: SlackHarness;
let workflow: LoadedWorkflow;
let minute = 0;

beforeAll(async () => {
  h = await slackHarness();
  const file = path.resolve(import.meta.dirname, '../../workflows/owner-alerts.yaml');
  const parsed = parseWorkflowFile('workflows/owner-alerts.yaml', await fs.readFile(file, 'utf8'), serviceJobs());
  expect(parsed.problems).toEqual([]);
  workflow = parsed.workflow!;
  // The job builds its Slack client from the environment, as under `penny start`.
  vi.stubEnv('SLACK_BOT_TOKEN', 'xoxb-test');
  vi.stubEnv('SLACK_API_URL', h.fake.url);
  vi.stubEnv('PENNY_SLACK_TIMEOUT_MS', '500');
}, 120_000);
afterAll(async () => {
  vi.unstubAllEnvs();
  await h?.close();
});

/** One run of the owner-alerts workflow, in a slot of its own. */
async function run() {
  const slot = new Date(Date.UTC(2026, 0, 1, 0, 5 * ++minute));
  const outcome = await runSlot(h.t.pool, serviceJobs(), workflow, slot, 'manual');
  expect(outcome.status).toBe('succeeded');
  return (outcome as { counts: Record<string, number> }).counts;
}

async function finding(owner: string): Promise<string> {
  const { findings } = await recordRun(h.t.pool, { kind: 'waste', asOf: '2026-03-02', startedAt: new Date() }, [
    {
      type: 'idle_compute',
      scope: { resource_id: `i-${owner.toLowerCase()}` },
      title: `Idle instance of ${owner}`,
      expected: 10,
      actual: 1,
      unit: 'percent',
      impactMonthly: 300,
      currency: 'USD',
      evidence: {},
      remediation: 'Stop it.',
      ownerHint: owner,
    },
  ]);
  return findings[0]!.fingerprint;
}

const dmsTo = (channel: string) => h.fake.calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === channel);

it('a Slack API that never answers chat.postMessage does not stall the job: the run ends with the failure counted, the next one sends the DM once', { timeout: 30_000 }, async () => {
  await finding('U0HANG0001');
  h.fake.hang('chat.postMessage');
  expect(await run()).toMatchObject({ messages: 0, failed: 1 });
  expect(await run()).toMatchObject({ messages: 1, failed: 0 });
  expect(dmsTo('D0HANG0001').map((c) => c.status)).toEqual([0, 200]);
  expect(await run()).toMatchObject({ messages: 0, failed: 0 });
  expect(dmsTo('D0HANG0001')).toHaveLength(2);
});

it('a DM Slack accepted whose answer was lost (a crash after the post) is found in the DM on the next run, not sent again', { timeout: 30_000 }, async () => {
  const fp = await finding('U0LOST0001');
  h.fake.hang('chat.postMessage', 1, { accept: true });
  expect(await run()).toMatchObject({ messages: 0, failed: 1 });
  expect(await run()).toMatchObject({ messages: 0, failed: 0 });
  expect(await run()).toMatchObject({ messages: 0, failed: 0 });
  expect(dmsTo('D0LOST0001')).toHaveLength(1);
  const history = h.fake.ok('conversations.history', (a) => a.channel === 'D0LOST0001');
  expect(history.length).toBeGreaterThan(0);
  const { rows } = await h.t.pool.query<{ status: string; channel: string; message_ts: string }>('select status, channel, message_ts from slack_alerts where fingerprint = $1', [fp]);
  expect(rows).toEqual([{ status: 'sent', channel: 'D0LOST0001', message_ts: expect.stringMatching(/^\d+\.\d+$/) }]);
});
