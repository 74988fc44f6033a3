/**
 * Penny's Slack app over real HTTP: a migrated test database (with the demo company when asked),
 * the fake Slack Web API, and the app's receiver mounted on Penny's own HTTP server on 127.0.0.1.
 */
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { App } from '@slack/bolt';
import { loadEnv, type Env } from '../../../src/config/env.ts';
import { buildSlackApp, REGISTRARS, type Registrar } from '../../../src/slack/app.ts';
import { boltLogger } from '../../../src/slack/bolt-logger.ts';
import type { SlackDeps } from '../../../src/slack/deps.ts';
import { identityResolver } from '../../../src/slack/identity.ts';
import { RouteReceiver } from '../../../src/slack/receiver.ts';
import { deliveries } from '../../../src/server/deliveries.ts';
import { startHttp } from '../../../src/server/http.ts';
import { createTestDb, type TestDb } from '../../support/db.ts';
import { FakeSlack } from './fake-slack.ts';

export const SECRET = 'test-signing-secret';

export interface SlackHarness {
  t: TestDb;
  fake: FakeSlack;
  env: Env;
  deps: SlackDeps;
  app: App;
  /** http://127.0.0.1:port/slack/events */
  eventsUrl: string;
  close(): Promise<void>;
}

export async function slackHarness(options: { env?: Record<string, string>; seed?: (t: TestDb) => Promise<void>; registrars?: readonly Registrar[] } = {}): Promise<SlackHarness> {
  const t = await createTestDb();
  await options.seed?.(t);
  const fake = new FakeSlack();
  await fake.start();
  const env = loadEnv({ DATABASE_URL: t.url, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.url, ...options.env });
  const deps: SlackDeps = { pool: t.pool, env, identity: identityResolver(t.pool, env) };
  const receiver = new RouteReceiver({ signingSecret: SECRET, logger: boltLogger(), deliveries: deliveries(t.pool) });
  const app = buildSlackApp(deps, { receiver }, options.registrars ?? REGISTRARS);
  const server: http.Server = await startHttp(0, { 'POST /slack/events': receiver.route });
  const eventsUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  return {
    t,
    fake,
    env,
    deps,
    app,
    eventsUrl,
    async close() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await fake.stop();
      await t.drop();
    },
  };
}
