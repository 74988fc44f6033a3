/**
 * Request bodies are bounded on every route of Penny's HTTP server, as `penny start` mounts them
 * (Slack events, the GitHub webhook, /healthz, /metrics): a body announced over the route's limit
 * is refused with 413 before a byte of it is read, a chunked body is counted as it streams and cut
 * at the limit, and the connection is closed instead of draining the rest. Normal signed requests
 * still work.
 */
import { createHmac } from 'node:crypto';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadEnv } from '../../src/config/env.ts';
import { githubRoutes } from '../../src/github/routes.ts';
import { healthRoute, startHttp } from '../../src/server/http.ts';
import { metricsRoute } from '../../src/server/metrics.ts';
import { startSlack, type SlackService } from '../../src/slack/service.ts';
import { startFakeGitHub, type FakeGitHub } from '../github/fake-github.ts';
import { FakeSlack, signedPost } from '../slack/support/fake-slack.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { rawRequest } from '../support/raw-http.ts';

const SLACK_SECRET = 'limits-slack-secret';
const GITHUB_SECRET = 'limits-github-secret';
const MB = 1024 * 1024;

let t: TestDb;
let fakeSlack: FakeSlack;
let gh: FakeGitHub;
let slack: SlackService;
let server: http.Server;
let port: number;

beforeAll(async () => {
  t = await createTestDb();
  fakeSlack = new FakeSlack();
  await fakeSlack.start();
  gh = await startFakeGitHub();
  const env = loadEnv({
    DATABASE_URL: t.url,
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_SIGNING_SECRET: SLACK_SECRET,
    SLACK_API_URL: fakeSlack.url,
    GITHUB_WEBHOOK_SECRET: GITHUB_SECRET,
    GITHUB_TOKEN: 'ghp-test',
    GITHUB_API_URL: gh.url,
  });
  slack = await startSlack(env, t.pool);
  server = await startHttp(0, { 'GET /healthz': healthRoute(t.pool), 'GET /metrics': metricsRoute(), ...slack.routes, ...githubRoutes(env, t.pool) });
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r));
  await slack?.stop();
  await gh?.close();
  await fakeSlack?.stop();
  await t?.drop();
});

const LIMITS = [
  { method: 'POST', path: '/slack/events', limit: 4 * MB },
  { method: 'POST', path: '/github/webhook', limit: 25 * MB },
  { method: 'GET', path: '/healthz', limit: 0 },
  { method: 'GET', path: '/metrics', limit: 0 },
];

it.each(LIMITS)('$method $path: a Content-Length over $limit bytes gets 413 without the body being sent', { timeout: 20_000 }, async ({ method, path }) => {
  const answer = await rawRequest({ port, method, path, headers: { 'content-type': 'application/json', 'content-length': String(256 * MB) } });
  expect(answer.status).toBe(413);
  expect(answer.headers.connection).toBe('close');
});

it.each(LIMITS)('$method $path: a chunked body is cut with 413 once it passes $limit bytes', { timeout: 20_000 }, async ({ method, path, limit }) => {
  // The body never ends: the answer comes from counting, not from waiting for the end.
  const answer = await rawRequest({ port, method, path, headers: { 'content-type': 'application/json' }, chunkedBytes: limit + MB });
  expect(answer.status).toBe(413);
  expect(answer.headers.connection).toBe('close');
});

it('normal requests still work: signed Slack and GitHub deliveries, health and metrics', async () => {
  const challenge = await signedPost(`http://127.0.0.1:${port}/slack/events`, SLACK_SECRET, JSON.stringify({ type: 'url_verification', challenge: 'c-1' }));
  expect(challenge.status).toBe(200);
  expect(await challenge.json()).toEqual({ challenge: 'c-1' });

  const ping = JSON.stringify({ zen: 'Keep it logically awesome.', hook_id: 1 });
  const delivered = await fetch(`http://127.0.0.1:${port}/github/webhook`, {
    method: 'POST',
    body: ping,
    headers: {
      'content-type': 'application/json',
      'x-github-event': 'ping',
      'x-github-delivery': '72d3162e-cc78-11e3-81ab-4c9367dc0958',
      'x-hub-signature-256': `sha256=${createHmac('sha256', GITHUB_SECRET).update(ping).digest('hex')}`,
    },
  });
  expect(delivered.status).toBe(200);
  expect(await delivered.json()).toEqual({ ignored: 'ping' });

  expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
  expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(200);
  // A Slack body just under the limit is read whole and judged by its signature.
  const big = JSON.stringify({ type: 'event_callback', pad: 'x'.repeat(4 * MB - 100) });
  expect((await signedPost(`http://127.0.0.1:${port}/slack/events`, 'wrong-secret', big)).status).toBe(401);
});
