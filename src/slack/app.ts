/**
 * Builds the Bolt app: the Web API client as client.ts sets it up, Bolt's log in Penny's log, and
 * the features as a list of registrars — each a function that adds its listeners to the app.
 * Another module (remediation approvals) joins by adding one registrar to the list it is given.
 */
import { App, type Receiver } from '@slack/bolt';
import { logger } from '../log/logger.ts';
import { boltLogger } from './bolt-logger.ts';
import { slackClientOptions } from './client.ts';
import type { SlackDeps } from './deps.ts';
import { registerApprovals } from './approvals.ts';
import { registerAlertActions } from './alerts/actions.ts';
import { registerHome } from './home/register.ts';
import { registerQuestions } from './questions.ts';
import { registerSuppressedAction } from './suppressed/action.ts';

export type Registrar = (app: App, deps: SlackDeps) => void;

/** What Penny's Slack app does: questions, owner alert buttons, the remediation approval cards, App Home, and the digest's suppressed-list button. */
export const REGISTRARS: readonly Registrar[] = [registerQuestions, registerAlertActions, registerApprovals, registerHome, registerSuppressedAction];

export type Connection = { receiver: Receiver } | { appToken: string };

export function buildSlackApp(deps: SlackDeps, connection: Connection, registrars: readonly Registrar[] = REGISTRARS): App {
  const { env } = deps;
  if (!env.SLACK_BOT_TOKEN) throw new Error('SLACK_BOT_TOKEN is not set');
  const app = new App({
    token: env.SLACK_BOT_TOKEN,
    ...('receiver' in connection ? { receiver: connection.receiver } : { socketMode: true, appToken: connection.appToken }),
    clientOptions: slackClientOptions(env),
    logger: boltLogger(),
  });
  for (const register of registrars) register(app, deps);
  app.error(async (err) => {
    logger.error({ err, component: 'slack' }, 'a Slack listener failed');
  });
  return app;
}
