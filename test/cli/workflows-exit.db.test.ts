/**
 * `penny workflows run` for the workflows that post charts (the weekly digest, owner alerts of a
 * cost anomaly) exits by itself once the run is recorded, so cron and CI can run it: the chart
 * renderer's worker thread must not keep the process alive.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDemo } from '../../src/demo/seed.ts';
import { todayUtc } from '../../src/costs/time.ts';
import { runScans } from '../../src/scans/run.ts';
import { runPenny } from '../support/cli.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { tempDir } from '../support/focus-sample.ts';
import { FakeSlack } from '../slack/support/fake-slack.ts';

let t: TestDb;
let fake: FakeSlack;
let dir: string;

beforeAll(async () => {
  t = await createTestDb();
  // The digest covers the 7 days before today: data through yesterday.
  const yesterday = new Date(Date.parse(`${todayUtc()}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  await seedDemo(t.pool, { endDate: yesterday });
  fake = new FakeSlack();
  await fake.start();
  // The demo company's owners, found by email.
  ['lena.fischer', 'maya.chen', 'omar.haddad', 'priya.raman', 'sam.okoro'].forEach((name, i) => fake.addUser(`U0OWNER00${i}`, `${name}@northwind.example`));
  dir = await tempDir('penny-workflows-exit-');
  for (const file of ['weekly-digest.yaml', 'owner-alerts.yaml']) await fs.copyFile(path.resolve(import.meta.dirname, '../../workflows', file), path.join(dir, file));
}, 180_000);
afterAll(async () => {
  await fake?.stop();
  await fs.rm(dir, { recursive: true, force: true });
  await t?.drop();
});

const env = () => ({ DATABASE_URL: t.url, PENNY_WORKFLOWS_DIR: dir, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_API_URL: fake.url, PENNY_FINOPS_CHANNEL: '#finops' });

it('penny workflows run weekly-digest posts the digest and its chart, then exits with code 0', { timeout: 120_000 }, async () => {
  const run = await runPenny(['workflows', 'run', 'weekly-digest'], { env: env(), timeoutMs: 60_000 });
  expect(run.timedOut, `still running 60 s after start; stdout: ${run.stdout}`).toBe(false);
  expect(run.stderr).toBe('');
  expect(run.stdout).toMatch(/^weekly-digest: digest succeeded in /);
  expect(run.code).toBe(0);
  expect(fake.ok('chat.postMessage', (a) => a.channel === '#finops')).toHaveLength(1);
  expect(fake.ok('upload')[0]!.args.bytes).toBeGreaterThan(1000);
  expect(fake.ok('files.completeUploadExternal')).toHaveLength(1);
});

it('penny workflows run owner-alerts delivers the demo cost anomaly with its chart, then exits with code 0', { timeout: 120_000 }, async () => {
  await runScans(t.pool, { kinds: ['anomaly'], asOf: todayUtc() });
  fake.reset();
  const run = await runPenny(['workflows', 'run', 'owner-alerts'], { env: env(), timeoutMs: 60_000 });
  expect(run.timedOut, `still running 60 s after start; stdout: ${run.stdout}`).toBe(false);
  expect(run.stderr).toBe('');
  expect(run.stdout).toMatch(/^owner-alerts: alerts succeeded in .*messages [1-9]/);
  expect(run.code).toBe(0);
  expect(fake.ok('files.completeUploadExternal').length).toBeGreaterThan(0);
});
