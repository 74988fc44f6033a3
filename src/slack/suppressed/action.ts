/**
 * The digest's "What feedback silenced" button: the same list as `/penny suppressed`, answered to
 * the person who pressed it alone (an ephemeral reply), since what they may see depends on who they
 * are: FinOps admins everything, owners their teams' and scopes' (reply.ts). The digest goes to a
 * channel, so a click there must not show one person's view to everyone.
 */
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { noAccessMessage } from '../answer-view.ts';
import type { SlackDeps } from '../deps.ts';
import { suppressedReply } from './reply.ts';

export const SUPPRESSED_ACTION = 'penny_suppressed_open';

export function registerSuppressedAction(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>(SUPPRESSED_ACTION, async ({ ack, body, client, respond }) => {
    await ack();
    const who = await deps.identity(client, body.user.id);
    const message = !who.viewer.admin && who.viewer.teams.length === 0 ? noAccessMessage(who.email, body.user.id) : await suppressedReply(deps, who);
    await respond({ response_type: 'ephemeral', replace_original: false, ...message });
  });
}
