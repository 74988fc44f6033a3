/**
 * `notify.owners` of a scan workflow: with `false`, its findings reach no owner, neither from its
 * own run nor from the owner-alerts workflow; with `true`, its run sends them to their owners
 * itself, once (the owner-alerts workflow and later runs send nothing more). The shipped
 * daily-anomaly workflow on the demo company, against the fake Slack Web API over HTTP.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';
import { seedDemo } from '../../src/demo/seed.ts';
import { parseWorkflowFile, type LoadedWorkflow } from '../../src/scheduler/load.ts';
import { runSlot } from '../../src/scheduler/run-slot.ts';
import { serviceJobs } from '../../src/server/faces.ts';
import { slackHarness, type SlackHarness } from '../slack/support/harness.ts';

let h: SlackHarness;
let anomaly: string;
let day = 0;

async function load(name: string, text?: string): Promise<LoadedWorkflow> {
  const file = `workflows/${name}.yaml`;
  if (text) expect(text).not.toEqual(await fs.readFile(path.resolve(import.meta.dirname, '../..', file), 'utf8'));
  const parsed = parseWorkflowFile(file, text ?? (await fs.readFile(path.resolve(import.meta.dirname, '../..', file), 'utf8')), serviceJobs());
  expect(parsed.problems).toEqual([]);
  return parsed.workflow!;
}

/** The shipped daily-anomaly workflow with its notify replaced. */
const anomalyWith = (notify: string) => load('daily-anomaly', anomaly.replace(/^notify:.*\n(  .*\n)+/m, `notify:\n${notify}`));

beforeAll(async () => {
  // The demo ends yesterday, so the scan (as of today) sees its planted spike.
  h = await slackHarness({ seed: async (t) => void (await seedDemo(t.pool)) });
  anomaly = await fs.readFile(path.resolve(import.meta.dirname, '../../workflows/daily-anomaly.yaml'), 'utf8');
  // The planted spike is the platform team's: a user id and an email Slack knows.
  h.fake.addUser('U04SAMOK01', 'sam.okoro@northwind.example');
}, 180_000);
afterAll(() => h?.close());
afterEach(() => vi.unstubAllEnvs());

async function run(workflow: LoadedWorkflow): Promise<Record<string, number>> {
  vi.stubEnv('SLACK_BOT_TOKEN', 'xoxb-test');
  vi.stubEnv('SLACK_API_URL', h.fake.url);
  const outcome = await runSlot(h.t.pool, serviceJobs(), workflow, new Date(Date.UTC(2026, 0, ++day, 6, 30)), 'manual');
  expect(outcome.status).toBe('succeeded');
  return (outcome as { counts: Record<string, number> }).counts;
}

const posts = () => h.fake.ok('chat.postMessage', (a) => a.thread_ts === undefined);

async function sentToPeople(): Promise<string[]> {
  const { rows } = await h.t.pool.query<{ recipient: string }>("select recipient from slack_alerts where status = 'sent' and recipient !~ '^(#|[CG][A-Z0-9]{6,}$)'");
  return rows.map((r) => r.recipient).sort();
}

it('owners: false keeps a workflow’s findings from owners; owners: true sends them from the scan run, once', { timeout: 180_000 }, async () => {
  const quiet = await run(await anomalyWith('  owners: false\n'));
  expect(quiet.new).toBeGreaterThan(0);
  expect(quiet).not.toHaveProperty('ownerMessages');
  expect(await run(await load('owner-alerts'))).toMatchObject({ messages: 0, alerts: 0, failed: 0 });
  expect(posts()).toEqual([]);

  const told = await run(await anomalyWith('  owners: true\n'));
  expect(told).toMatchObject({ new: 0, ownerFailed: 0 });
  expect(told.ownerMessages).toBeGreaterThan(0);
  expect(posts()).toHaveLength(told.ownerMessages!);
  const people = await sentToPeople();
  expect(people).toEqual(['U04PLAT001', 'sam.okoro@northwind.example']);

  expect(await run(await load('owner-alerts'))).toMatchObject({ messages: 0, alerts: 0 });
  expect(await run(await anomalyWith('  owners: true\n'))).toMatchObject({ ownerMessages: 0, ownerAlerts: 0 });
  expect(posts()).toHaveLength(told.ownerMessages!);
  expect(await sentToPeople()).toEqual(people);
});
