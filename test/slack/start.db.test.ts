import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../support/db.ts';
import { startPenny } from '../support/penny-start.ts';
import { FakeSlack, signedPost } from './support/fake-slack.ts';

let t: TestDb;
let fake: FakeSlack;

beforeAll(async () => {
  t = await createTestDb();
  fake = new FakeSlack();
  await fake.start();
});
afterAll(async () => {
  await fake?.stop();
  await t?.drop();
});

/** Runs `penny start` with `env` until its screen is printed, hands the screen to `check`, then stops it. */
async function withStart(env: Record<string, string>, check: (screen: string, port: string) => Promise<void>): Promise<number | null> {
  const penny = await startPenny({ DATABASE_URL: t.url, ...env });
  try {
    await check(penny.screen, String(penny.port));
  } catch (err) {
    await penny.stop();
    throw err;
  }
  return penny.stop();
}

it('without Slack tokens penny start keeps running, says how to connect and serves /metrics', { timeout: 60_000 }, async () => {
  const code = await withStart({ SLACK_BOT_TOKEN: '', SLACK_APP_TOKEN: '', SLACK_SIGNING_SECRET: '' }, async (screen, port) => {
    expect(screen).toMatch(/slack: +not connected: set SLACK_BOT_TOKEN with SLACK_SIGNING_SECRET .* or SLACK_APP_TOKEN/);
    const metrics = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('penny_slack_questions_total');
    expect((await fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST' })).status).toBe(404);
  });
  expect(code).toBe(0);
});

it('with a bot token and signing secret it serves signed Slack requests at /slack/events on the same port', { timeout: 60_000 }, async () => {
  const env = { SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: 'start-secret', SLACK_API_URL: fake.url, SLACK_APP_TOKEN: '' };
  const code = await withStart(env, async (screen, port) => {
    expect(screen).toContain(`slack:   HTTP as @penny in Northwind Labs, events at http://localhost:${port}/slack/events`);
    const url = `http://127.0.0.1:${port}/slack/events`;
    const challenge = await signedPost(url, 'start-secret', JSON.stringify({ type: 'url_verification', challenge: 'c-1' }));
    expect(await challenge.json()).toEqual({ challenge: 'c-1' });
    expect((await signedPost(url, 'other-secret', JSON.stringify({ type: 'url_verification', challenge: 'c-2' }))).status).toBe(401);
  });
  expect(code).toBe(0);
  expect(fake.ok('auth.test').length).toBeGreaterThan(0);
});
