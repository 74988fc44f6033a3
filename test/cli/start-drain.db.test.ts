/**
 * `penny start` stopped while a fix is running: a real child process with Slack over HTTP (the fake
 * Slack Web API, signed clicks into its receiver) and the webhook executor pointed at a local
 * receiver that holds the request. SIGTERM: the process waits for the fix, records the result,
 * tells the thread and exits. kill -9: the next start sends the fix again with the same
 * Idempotency-Key, records it and tells the thread; the proposal is never left 'executing'.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../src/remediation/audit.ts';
import { loadRemediationConfig } from '../../src/remediation/config.ts';
import { Remediation } from '../../src/remediation/service.ts';
import { getProposal } from '../../src/remediation/store.ts';
import { ACTIONS } from '../../src/slack/approval-card.ts';
import { slackNotifier } from '../../src/slack/approval-notifier.ts';
import { PENNY_BIN } from '../support/cli.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { tempDir } from '../support/focus-sample.ts';
import { ADMIN, idleComputeDraft, seedFindings, seedOwners } from '../remediation/seed.ts';
import { blockActions, FakeSlack, interactionBody, signedPost } from '../slack/support/fake-slack.ts';

const SIGNING_SECRET = 'test-signing-secret';
const HOOK_SECRET = 'webhook-secret-0123456789';

let t: TestDb;
let slack: FakeSlack;
let hookServer: http.Server;
let hookUrl: string;
let workflowsDir: string;
/** Requests the webhook receiver got, with the Idempotency-Key each carried. */
const hooks: Array<{ key: string; answer: (status: number) => void }> = [];
/** While true, the receiver holds each request until the test answers it. */
let hold = true;

beforeAll(async () => {
  t = await createTestDb();
  await seedOwners(t.pool);
  slack = new FakeSlack();
  await slack.start();
  slack.addUser(ADMIN);
  hookServer = http.createServer((req, res) => {
    req.resume().on('end', () => {
      const answer = (status: number) => res.writeHead(status).end('ok');
      hooks.push({ key: String(req.headers['idempotency-key']), answer });
      if (!hold) answer(202);
    });
  });
  await new Promise<void>((r) => hookServer.listen(0, '127.0.0.1', r));
  hookUrl = `http://127.0.0.1:${(hookServer.address() as AddressInfo).port}/hooks/penny`;
  workflowsDir = await tempDir('penny-no-workflows-');
});
afterAll(async () => {
  hookServer.closeAllConnections();
  await new Promise((r) => hookServer.close(r));
  await slack.stop();
  await t.drop();
  await fs.rm(workflowsDir, { recursive: true, force: true });
});

interface Running {
  child: ChildProcess;
  port: number;
  stderr: () => string;
  exited: Promise<number | null>;
}

async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 1200; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`gave up waiting for ${what}`);
}

/** `penny start` on the test database, Slack over HTTP, no workflows; resolves once it is serving. */
async function start(): Promise<Running> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: t.url,
    PORT: '0',
    PENNY_DEMO: 'off',
    PENNY_WORKFLOWS_DIR: workflowsDir,
    PENNY_LOG_LEVEL: 'info',
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.url,
    PENNY_ADMINS: ADMIN,
    PENNY_REMEDIATION_WEBHOOK_URL: hookUrl,
    PENNY_REMEDIATION_WEBHOOK_SECRET: HOOK_SECRET,
    PENNY_REMEDIATION_DRAIN_SECONDS: '600',
  };
  delete env.SLACK_APP_TOKEN;
  const child = spawn(process.execPath, [PENNY_BIN, 'start'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  await until(() => stdout.includes('Stop with Ctrl-C') || child.exitCode !== null, 'penny start');
  if (child.exitCode !== null) throw new Error(`penny start exited with ${child.exitCode}: ${stderr}`);
  return { child, port: Number(/localhost:(\d+)\/healthz/.exec(stdout)![1]), stderr: () => stderr, exited };
}

/** A stop-instance proposal with its card in the fake Slack, and its id. */
async function proposeStop(resourceId: string): Promise<{ id: string; cardTs: string }> {
  const [finding] = await seedFindings(t.pool, [idleComputeDraft({ scope: { resource_id: resourceId } })]);
  const config = loadRemediationConfig({ PENNY_ADMINS: ADMIN, PENNY_REMEDIATION_WEBHOOK_URL: hookUrl, PENNY_REMEDIATION_WEBHOOK_SECRET: HOOK_SECRET });
  const service = await Remediation.create(t.pool, config, slackNotifier(new webApi.WebClient('xoxb-test', { slackApiUrl: slack.url })));
  const { proposal } = await service.propose(finding!.fingerprint, null);
  return { id: proposal.id, cardTs: proposal.cardTs! };
}

/** The admin presses Approve on the card, through the running process's Slack receiver. */
async function approve(p: Running, id: string): Promise<void> {
  const body = interactionBody(blockActions({ user: ADMIN, actionId: ACTIONS.approve, value: id, channel: 'D0CARD', responseUrl: slack.responseUrl(id), triggerId: 'trig.1' }));
  expect((await signedPost(`http://127.0.0.1:${p.port}/slack/events`, SIGNING_SECRET, body, { contentType: 'application/x-www-form-urlencoded' })).status).toBe(200);
}

const threadOf = (cardTs: string) => slack.ok('chat.postMessage', (a) => a.thread_ts === cardTs).map((c) => String(c.args.text));
const events = async (id: string) => (await listAudit(t.pool, { proposalId: id })).map((e) => e.event);

describe('penny start stopped while a fix is running', { timeout: 120_000 }, () => {
  it('SIGTERM: it waits for the fix, records the result, tells the thread, then exits', async () => {
    const { id, cardTs } = await proposeStop('i-0sigterm');
    const penny = await start();
    try {
      const before = hooks.length;
      await approve(penny, id);
      await until(() => hooks.length > before, 'the webhook request');
      penny.child.kill('SIGTERM');
      await until(() => penny.stderr().includes('waiting for fixes under way to finish'), 'the drain');
      expect(penny.child.exitCode).toBeNull();
      expect((await getProposal(t.pool, id)).status).toBe('executing');

      hooks.at(-1)!.answer(202);
      expect(await penny.exited).toBe(0);
      expect(await getProposal(t.pool, id)).toMatchObject({ status: 'executed', result: { status: 202 } });
      expect(await events(id)).toEqual(['proposed', 'card_sent', 'approved', 'execution_started', 'executed']);
      expect(threadOf(cardTs)).toEqual([expect.stringContaining('accepted stop_instance (HTTP 202)')]);
    } finally {
      penny.child.kill('SIGKILL');
    }
  });

  it('kill -9: the next start sends the fix again with the same Idempotency-Key, records it and tells the thread', async () => {
    const { id, cardTs } = await proposeStop('i-0sigkill');
    hold = true;
    const first = await start();
    const before = hooks.length;
    try {
      await approve(first, id);
      await until(() => hooks.length > before, 'the webhook request');
    } finally {
      first.child.kill('SIGKILL');
    }
    await first.exited;
    hooks.at(-1)!.answer(202);
    expect((await getProposal(t.pool, id)).status).toBe('executing');

    hold = false;
    const second = await start();
    try {
      await until(async () => (await getProposal(t.pool, id)).status !== 'executing', 'the cut-off fix to be finished');
      expect(hooks.slice(before).map((h) => h.key)).toEqual([`${id}:apply`, `${id}:apply`]);
      expect(await getProposal(t.pool, id)).toMatchObject({ status: 'executed', result: { status: 202 } });
      expect(await events(id)).toEqual(['proposed', 'card_sent', 'approved', 'execution_started', 'execution_resumed', 'executed']);
      await until(() => threadOf(cardTs).length > 0, 'the thread message');
      expect(threadOf(cardTs)).toEqual([expect.stringMatching(/sent it again with the same Idempotency-Key\.\n:white_check_mark: .*accepted stop_instance/)]);
      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
    } finally {
      second.child.kill('SIGKILL');
    }
  });
});
