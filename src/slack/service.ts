/**
 * The Slack side of `penny start`, picked from what is set: SLACK_APP_TOKEN → Socket Mode (no
 * public URL); SLACK_SIGNING_SECRET → HTTP at POST /slack/events on Penny's port; neither → not
 * connected, with one line saying what to set. The bot token is checked with auth.test at start;
 * a rejected token is reported and Penny keeps running the rest. `stop` stops taking events and
 * waits, for a bounded time, for remediations under way to record their results.
 */
import type { App } from '@slack/bolt';
import type pg from 'pg';
import type { Env } from '../config/env.ts';
import { logger } from '../log/logger.ts';
import { deliveries } from '../server/deliveries.ts';
import type { Route } from '../server/http.ts';
import { buildSlackApp } from './app.ts';
import { stopApprovals } from './approvals.ts';
import { stopChartRenderer } from './chart-renderer.ts';
import { boltLogger } from './bolt-logger.ts';
import type { SlackDeps } from './deps.ts';
import { identityResolver } from './identity.ts';
import { RouteReceiver } from './receiver.ts';

export interface SlackService {
  /** HTTP routes to serve (the events endpoint in HTTP mode). */
  routes: Record<string, Route>;
  /** One line for the start screen: how Slack is connected, or how to connect it. */
  status: (port: number) => string;
  app: App | null;
  deps: SlackDeps;
  stop(): Promise<void>;
}

const HOW_TO_CONNECT = 'not connected: set SLACK_BOT_TOKEN with SLACK_SIGNING_SECRET (HTTP, /slack/events) or SLACK_APP_TOKEN (Socket Mode); see "Connecting Slack" in the README';

async function whoAmI(app: App): Promise<string> {
  try {
    const me = await app.client.auth.test();
    return `as @${me.user} in ${me.team}`;
  } catch (err) {
    const code = (err as { data?: { error?: string } }).data?.error ?? (err as Error).message;
    logger.error({ err: code }, 'Slack rejected the bot token');
    return `but Slack rejected SLACK_BOT_TOKEN (${code})`;
  }
}

export async function startSlack(env: Env, pool: pg.Pool): Promise<SlackService> {
  const deps: SlackDeps = { pool, env, identity: identityResolver(pool, env) };
  const off = (why: string): SlackService => ({ routes: {}, status: () => why, app: null, deps, stop: async () => undefined });
  if (!env.SLACK_BOT_TOKEN) return off(HOW_TO_CONNECT);
  if (env.SLACK_APP_TOKEN) {
    const app = buildSlackApp(deps, { appToken: env.SLACK_APP_TOKEN });
    const who = await whoAmI(app);
    try {
      await app.start();
    } catch (err) {
      logger.error({ err }, 'Socket Mode could not connect');
      return off(`not connected: Socket Mode failed (${(err as Error).message}); check SLACK_APP_TOKEN (xapp-…, connections:write)`);
    }
    return { routes: {}, status: () => `Socket Mode ${who}`, app, deps, stop: () => stopApp(app) };
  }
  if (!env.SLACK_SIGNING_SECRET) return off(`not connected: SLACK_BOT_TOKEN is set but neither SLACK_SIGNING_SECRET (HTTP) nor SLACK_APP_TOKEN (Socket Mode) is`);
  const receiver = new RouteReceiver({ signingSecret: env.SLACK_SIGNING_SECRET, logger: boltLogger(), deliveries: deliveries(pool) });
  const app = buildSlackApp(deps, { receiver });
  const who = await whoAmI(app);
  return {
    routes: { 'POST /slack/events': receiver.route },
    status: (port) => `HTTP ${who}, events at http://localhost:${port}/slack/events`,
    app,
    deps,
    stop: () => stopApp(app),
  };
}

/** Stops taking events, then waits (bounded) for fixes under way before the pool closes. */
async function stopApp(app: App): Promise<void> {
  await app.stop();
  await stopApprovals(app);
  await stopChartRenderer();
}
