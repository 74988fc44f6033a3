/**
 * Two `penny start` processes on one database, as two replicas behind a load balancer: every Slack
 * event delivered to both (as Slack's retries may be) is answered once, the same GitHub delivery
 * posted to both gives one review comment, an approval clicked on both executes once, and each
 * scheduled slot runs once.
 */
import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { listAudit } from '../../src/remediation/audit.ts';
import { getProposal } from '../../src/remediation/store.ts';
import { startFakeGitHub, type FakeGitHub } from '../github/fake-github.ts';
import { ADMIN, idleComputeDraft, seedFindings, seedOwners } from '../remediation/seed.ts';
import { blockActions, eventBody, FakeSlack, interactionBody, signedPost } from '../slack/support/fake-slack.ts';
import { runPenny } from '../support/cli.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { startPenny, type RunningPenny } from '../support/penny-start.ts';

const SLACK_SECRET = 'replicas-slack-secret';
const GITHUB_SECRET = 'replicas-github-secret';
const HOOK_SECRET = 'replicas-hook-secret-0123456789';
const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/review');

let t: TestDb;
let slack: FakeSlack;
let gh: FakeGitHub;
let hook: http.Server;
const hookCalls: Array<{ idempotencyKey: string }> = [];
let workflowsDir: string;
let env: Record<string, string>;
let replicas: RunningPenny[] = [];

beforeAll(async () => {
  t = await createTestDb();
  await seedOwners(t.pool);
  slack = new FakeSlack();
  await slack.start();
  slack.addUser(ADMIN);
  gh = await startFakeGitHub();
  gh.diffs.set(7, fs.readFileSync(path.join(FIXTURES, 'model-swap.diff'), 'utf8'));
  // The team's automation, which the webhook executor calls for an approved fix.
  hook = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      hookCalls.push(JSON.parse(body) as { idempotencyKey: string });
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
  workflowsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'penny-replicas-'));
  fs.writeFileSync(path.join(workflowsDir, 'every-second.yaml'), 'name: every-second\nschedule: "* * * * * *"\njob: budget\n');
  env = {
    DATABASE_URL: t.url,
    PENNY_LOG_LEVEL: 'info',
    PENNY_WORKFLOWS_DIR: workflowsDir,
    OPENAI_API_KEY: '',
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_SIGNING_SECRET: SLACK_SECRET,
    SLACK_APP_TOKEN: '',
    SLACK_API_URL: slack.url,
    PENNY_VISIBILITY: 'all',
    PENNY_ADMINS: ADMIN,
    PENNY_APPROVALS_CHANNEL: 'C0APPROVAL',
    PENNY_REMEDIATION_WEBHOOK_URL: `http://127.0.0.1:${(hook.address() as AddressInfo).port}/fix`,
    PENNY_REMEDIATION_WEBHOOK_SECRET: HOOK_SECRET,
    // Both replicas sweep every second, so they also race to resume the approved proposal.
    PENNY_REMEDIATION_SWEEP_SECONDS: '1',
    GITHUB_WEBHOOK_SECRET: GITHUB_SECRET,
    GITHUB_TOKEN: 'ghp-test',
    GITHUB_API_URL: gh.url,
  };
  replicas = await Promise.all([startPenny(env), startPenny(env)]);
}, 120_000);
afterAll(async () => {
  await Promise.all(replicas.map((r) => r.stop()));
  await new Promise((r) => hook?.close(r));
  await gh?.close();
  await slack?.stop();
  await t?.drop();
  fs.rmSync(workflowsDir, { recursive: true, force: true });
});

const url = (r: RunningPenny, route: string) => `http://127.0.0.1:${r.port}${route}`;
const settle = () => new Promise((r) => setTimeout(r, 1500));

it('a Slack event delivered to both replicas, the second as a retry, is answered once', async () => {
  const users = ['U0REPLICA1', 'U0REPLICA2', 'U0REPLICA3', 'U0REPLICA4'];
  const bodies = users.map((user, i) => {
    const ts = `1700000900.00000${i}`;
    return eventBody({ type: 'message', channel_type: 'im', user, text: 'spend last week', ts, channel: `D${user.slice(1)}`, event_ts: ts }, `EvReplica${i}`);
  });
  const acks = await Promise.all(
    bodies.flatMap((body) => [
      signedPost(url(replicas[0]!, '/slack/events'), SLACK_SECRET, body),
      signedPost(url(replicas[1]!, '/slack/events'), SLACK_SECRET, body, { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } }),
    ]),
  );
  expect(acks.map((a) => a.status)).toEqual(Array(8).fill(200));
  const threads = (user: string) => slack.ok('chat.postMessage', (a) => a.channel === `D${user.slice(1)}`);
  await slack.waitFor(() => users.every((u) => threads(u).length > 0), 30_000, 'an answer to each DM');
  await settle();
  expect(users.map((u) => threads(u).length)).toEqual([1, 1, 1, 1]);
});

it('the same GitHub delivery posted to both replicas gives one review comment', async () => {
  const body = JSON.stringify({ action: 'opened', number: 7, pull_request: { number: 7, head: { sha: 'f'.repeat(40) } }, repository: { name: 'app', owner: { login: 'acme' } } });
  const headers = {
    'content-type': 'application/json',
    'x-github-event': 'pull_request',
    'x-github-delivery': '5d7e3a90-1c2b-11f0-8000-00000000beef',
    'x-hub-signature-256': `sha256=${createHmac('sha256', GITHUB_SECRET).update(body).digest('hex')}`,
  };
  const answers = await Promise.all(replicas.map((r) => fetch(url(r, '/github/webhook'), { method: 'POST', body, headers })));
  expect(answers.map((a) => a.status).sort()).toEqual([200, 202]);
  const posted = () => gh.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/issues/7/comments'));
  await slack.waitFor(() => posted().length > 0, 30_000, 'the review comment');
  await settle();
  expect(posted()).toHaveLength(1);
  expect(gh.comments).toHaveLength(1);
});

it('an approval clicked on both replicas at once executes once', async () => {
  const [finding] = await seedFindings(t.pool, [idleComputeDraft()]);
  const proposed = await runPenny(['propose', finding!.fingerprint, '--json'], { env });
  expect(proposed.code).toBe(0);
  const id = (JSON.parse(proposed.stdout) as { proposal: { id: string } }).proposal.id;
  const click = (n: number) =>
    interactionBody(
      blockActions({
        user: ADMIN,
        actionId: 'penny_approve',
        value: id,
        channel: 'C0APPROVAL',
        responseUrl: slack.responseUrl(`replica-click-${n}`),
        triggerId: `trig.replica.${n}`,
        actionTs: `${n}.0`,
      }),
    );
  const form = { contentType: 'application/x-www-form-urlencoded' };
  const acks = await Promise.all(replicas.map((r, n) => signedPost(url(r, '/slack/events'), SLACK_SECRET, click(n), form)));
  expect(acks.map((a) => a.status)).toEqual([200, 200]);
  await slack.waitFor(() => hookCalls.length > 0, 30_000, 'the fix to be executed');
  const done = async () => (await getProposal(t.pool, id)).status === 'executed';
  while (!(await done())) await new Promise((r) => setTimeout(r, 50));
  await settle();
  expect(hookCalls.map((c) => c.idempotencyKey)).toEqual([`${id}:apply`]);
  const events = (await listAudit(t.pool, { proposalId: id })).map((e) => e.event);
  expect(events.filter((e) => e === 'approved')).toHaveLength(1);
  expect(events.filter((e) => e === 'executed')).toHaveLength(1);
  // The other click was refused, and the clicker told so.
  expect(events.filter((e) => e === 'click_refused')).toHaveLength(1);
});

it('each scheduled slot runs once across both replicas', async () => {
  const runs = async () => (await t.pool.query<{ n: number }>("select count(*)::int as n from workflow_runs where workflow = 'every-second'")).rows[0]!.n;
  while ((await runs()) < 3) await new Promise((r) => setTimeout(r, 100));
  const codes = await Promise.all(replicas.map((r) => r.stop()));
  expect(codes).toEqual([0, 0]);
  const started = replicas.flatMap((r) =>
    r
      .log()
      .filter((l) => l.workflow === 'every-second' && l.msg === 'run started')
      .map((l) => String(l.slot)),
  );
  const { rows } = await t.pool.query<{ slot: Date; status: string }>("select slot, status from workflow_runs where workflow = 'every-second' order by slot");
  expect(started.sort()).toEqual(rows.map((r) => r.slot.toISOString()));
  expect(rows.every((r) => r.status === 'succeeded')).toBe(true);
});
