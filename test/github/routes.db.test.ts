/**
 * What `penny start` mounts for GitHub: the webhook only with both a secret and a token.
 */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadEnv } from '../../src/config/env.ts';
import { githubRoutes } from '../../src/github/routes.ts';
import { startHttp } from '../../src/server/http.ts';
import { createTestDb, type TestDb } from '../support/db.ts';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t?.drop();
});

it('mounts POST /github/webhook when GITHUB_WEBHOOK_SECRET and GITHUB_TOKEN are set', async () => {
  expect(githubRoutes(loadEnv({ GITHUB_WEBHOOK_SECRET: 's' }), t.pool)).toEqual({});
  expect(githubRoutes(loadEnv({ GITHUB_TOKEN: 't' }), t.pool)).toEqual({});
  const routes = githubRoutes(loadEnv({ GITHUB_WEBHOOK_SECRET: 's', GITHUB_TOKEN: 't' }), t.pool);
  expect(Object.keys(routes)).toEqual(['POST /github/webhook']);
  const server = await startHttp(0, routes);
  try {
    const r = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/github/webhook`, { method: 'POST', body: '{}', headers: { 'x-github-event': 'ping' } });
    expect(r.status).toBe(401);
  } finally {
    await new Promise((r) => server.close(r));
  }
});
