/**
 * App Home: when someone opens Penny's Home tab (`app_home_opened`), Penny looks up who they are
 * (Slack user → email → owner map) and publishes their view with views.publish. The view is
 * rebuilt on every open, so it is as fresh as the data. A failure publishes a short message with
 * a reference to find in the log, never a stack trace.
 */
import { randomUUID } from 'node:crypto';
import type { App, webApi } from '@slack/bolt';
import { todayUtc } from '../../costs/time.ts';
import { logger } from '../../log/logger.ts';
import { section } from '../blocks.ts';
import type { SlackDeps } from '../deps.ts';
import { slackCall } from '../metrics.ts';
import { loadHome } from './data.ts';
import { homeView, type HomeView } from './view.ts';

async function viewFor(deps: SlackDeps, client: webApi.WebClient, userId: string): Promise<HomeView> {
  try {
    const who = await deps.identity(client, userId);
    return homeView(await loadHome(deps, who, deps.asOf?.() ?? todayUtc()));
  } catch (err) {
    const reference = randomUUID().slice(0, 8);
    logger.error({ err, reference, user: userId, component: 'slack' }, 'building the App Home view failed');
    return {
      type: 'home',
      blocks: [
        section(
          `:warning: Sorry, I could not load your spend just now. Open the tab again in a moment; if it keeps happening, ask your Penny admin to look for reference \`${reference}\` in the log.`,
        ),
      ],
    };
  }
}

export async function publishHome(deps: SlackDeps, client: webApi.WebClient, userId: string): Promise<void> {
  const view = await viewFor(deps, client, userId);
  await slackCall('views.publish', () => client.views.publish({ user_id: userId, view }));
}

export function registerHome(app: App, deps: SlackDeps): void {
  app.event('app_home_opened', async ({ event, client }) => {
    // The Messages tab opens the DM with Penny; only the Home tab has a view to publish.
    if (event.tab !== 'home') return;
    await publishHome(deps, client, event.user);
  });
}
