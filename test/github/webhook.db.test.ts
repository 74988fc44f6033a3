/**
 * `POST /github/webhook` in Penny's real HTTP server: signatures checked (401 on a bad one),
 * pull_request opened/synchronize reviewed into one sticky comment on a fake GitHub over loopback.
 */
import { createHmac, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { githubClient } from '../../src/github/client.ts';
import { githubWebhook, type WebhookHandler } from '../../src/github/webhook.ts';
import { startHttp } from '../../src/server/http.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { startFakeGitHub, type FakeGitHub } from './fake-github.ts';

const SECRET = 'webhook-secret';
const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/review');
let t: TestDb;
let gh: FakeGitHub;
let server: http.Server;
let hook: WebhookHandler;
let url: string;

beforeAll(async () => {
  t = await createTestDb();
  gh = await startFakeGitHub();
  gh.diffs.set(7, fs.readFileSync(path.join(FIXTURES, 'model-swap.diff'), 'utf8'));
  hook = githubWebhook({ secret: SECRET, pool: t.pool, octokit: githubClient({ token: 't', baseUrl: gh.url, retryDelayMs: 1 }), timeoutMs: 5000, asOf: '2026-01-20', retryDelayMs: 1 });
  server = await startHttp(0, { 'POST /github/webhook': hook.route });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/github/webhook`;
});
afterAll(async () => {
  await new Promise((r) => server?.close(r));
  await gh?.close();
  await t?.drop();
});

const event = (action: string, sha: string) => JSON.stringify({ action, number: 7, pull_request: { number: 7, head: { sha } }, repository: { name: 'app', owner: { login: 'acme' } } });
const sign = (body: string, secret = SECRET) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

/** Posts a delivery as GitHub does, each with its own X-GitHub-Delivery unless `headers` names one. */
function deliver(body: string, headers: Record<string, string>) {
  return fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', 'x-github-event': 'pull_request', 'x-github-delivery': randomUUID(), ...headers } });
}

it('refuses a missing or wrong signature with 401 and reviews nothing', async () => {
  const body = event('opened', 'a'.repeat(40));
  expect((await deliver(body, {})).status).toBe(401);
  expect((await deliver(body, { 'x-hub-signature-256': sign(body, 'wrong-secret') })).status).toBe(401);
  expect((await deliver(body, { 'x-hub-signature-256': sign(body + ' ') })).status).toBe(401);
  await hook.idle();
  expect(gh.requests).toHaveLength(0);
});

it('reviews opened, then updates the same comment on synchronize', async () => {
  const opened = event('opened', 'a'.repeat(40));
  const r = await deliver(opened, { 'x-hub-signature-256': sign(opened) });
  expect(r.status).toBe(202);
  expect(await r.json()).toEqual({ reviewing: 'acme/app#7', head: 'a'.repeat(40) });
  await hook.idle();
  expect(gh.comments).toHaveLength(1);
  expect(gh.comments[0]!.body).toContain('aaaaaaa');

  gh.diffs.set(7, fs.readFileSync(path.join(FIXTURES, 'k8s-gpu.diff'), 'utf8'));
  const sync = event('synchronize', 'b'.repeat(40));
  expect((await deliver(sync, { 'x-hub-signature-256': sign(sync) })).status).toBe(202);
  await hook.idle();
  expect(gh.comments).toHaveLength(1);
  expect(gh.comments[0]!.body).toContain('nvidia-l4');
  expect(gh.comments[0]!.body).toContain('bbbbbbb');
});

it('acknowledges other events without reviewing', async () => {
  const closed = event('closed', 'c'.repeat(40));
  const r = await deliver(closed, { 'x-hub-signature-256': sign(closed) });
  expect(r.status).toBe(200);
  expect(await r.json()).toEqual({ ignored: 'pull_request.closed' });
  const before = gh.requests.length;
  await hook.idle();
  expect(gh.requests).toHaveLength(before);
});

it('reviews a delivery once: the same X-GitHub-Delivery again is acknowledged and dropped, unless its review failed', async () => {
  const body = event('reopened', 'd'.repeat(40));
  const headers = { 'x-hub-signature-256': sign(body), 'x-github-delivery': '3f1f6a40-0000-4000-8000-00000000d001' };
  gh.failNext({ method: 'GET', path: /\/pulls\/7$/, status: 404 });
  expect((await deliver(body, headers)).status).toBe(202);
  await hook.idle();
  expect(gh.comments[0]!.body).not.toContain('ddddddd');

  // The first review failed, so GitHub's "Redeliver" reviews it; after that it is a duplicate.
  expect((await deliver(body, headers)).status).toBe(202);
  await hook.idle();
  expect(gh.comments[0]!.body).toContain('ddddddd');
  const again = await deliver(body, headers);
  expect(again.status).toBe(200);
  expect(await again.json()).toEqual({ duplicate: '3f1f6a40-0000-4000-8000-00000000d001' });
  const before = gh.requests.length;
  await hook.idle();
  expect(gh.requests).toHaveLength(before);
});

it('refuses a signed delivery without X-GitHub-Delivery with 400', async () => {
  const body = event('opened', 'e'.repeat(40));
  const r = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', 'x-github-event': 'pull_request', 'x-hub-signature-256': sign(body) } });
  expect(r.status).toBe(400);
  expect(await r.json()).toEqual({ error: 'missing or malformed X-GitHub-Delivery header' });
});
