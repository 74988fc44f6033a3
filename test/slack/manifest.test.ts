import fs from 'node:fs/promises';
import { expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';

const Manifest = z.object({
  features: z.object({ app_home: z.object({ home_tab_enabled: z.boolean() }), slash_commands: z.array(z.object({ command: z.string(), url: z.string() })) }),
  oauth_config: z.object({ scopes: z.object({ bot: z.array(z.string()) }) }),
  settings: z.object({
    event_subscriptions: z.object({ request_url: z.string(), bot_events: z.array(z.string()) }),
    interactivity: z.object({ is_enabled: z.boolean(), request_url: z.string() }),
  }),
});

it('the Slack manifest subscribes to what the app handles, at the route Penny serves, with the scopes its calls need', async () => {
  const m = Manifest.parse(parse(await fs.readFile(new URL('../../src/slack/manifest.yaml', import.meta.url), 'utf8')));
  const urls = [m.settings.event_subscriptions.request_url, m.settings.interactivity.request_url, ...m.features.slash_commands.map((c) => c.url)];
  for (const url of urls) expect(new URL(url).pathname).toBe('/slack/events');
  expect(m.features.slash_commands.map((c) => c.command)).toEqual(['/penny']);
  expect(m.features.app_home.home_tab_enabled).toBe(true);
  expect(m.settings.interactivity.is_enabled).toBe(true);
  expect(m.settings.event_subscriptions.bot_events).toEqual(expect.arrayContaining(['app_home_opened', 'app_mention', 'message.im']));
  // chat.postMessage/update, files.uploadV2, conversations.open, users.info with email, lookupByEmail.
  expect(m.oauth_config.scopes.bot).toEqual(expect.arrayContaining(['chat:write', 'files:write', 'im:write', 'im:history', 'users:read', 'users:read.email', 'commands', 'app_mentions:read']));
});
