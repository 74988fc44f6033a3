import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Registrar } from '../../src/slack/app.ts';
import { blockActions, interactionBody, signedPost } from './support/fake-slack.ts';
import { SECRET, slackHarness, type SlackHarness } from './support/harness.ts';

let h: SlackHarness;
const outcomes: string[] = [];

// A listener that replies through response_url, as the alert and approval buttons do.
const replier: Registrar = (app) => {
  app.action('probe', async ({ ack, respond }) => {
    await ack();
    await respond({ response_type: 'ephemeral', text: 'ok' }).then(
      () => outcomes.push('answered'),
      (err: Error) => outcomes.push(`gave up: ${err.name}`),
    );
  });
};

beforeAll(async () => {
  h = await slackHarness({ env: { PENNY_SLACK_TIMEOUT_MS: '300' }, registrars: [replier] });
}, 120_000);
afterAll(() => h?.close());

it('a reply to a response_url that never answers is given up at the Slack timeout instead of hanging', { timeout: 30_000 }, async () => {
  h.fake.hang('response_url');
  const res = await signedPost(
    h.eventsUrl,
    SECRET,
    interactionBody(blockActions({ user: 'U0SOMEONE1', actionId: 'probe', value: 'x', responseUrl: h.fake.responseUrl('hung'), triggerId: 't', actionTs: '1' })),
    { contentType: 'application/x-www-form-urlencoded' },
  );
  expect(res.status).toBe(200);
  await h.fake.waitFor(() => outcomes.length === 1, 20_000, 'the reply to give up');
  expect(outcomes).toEqual(['gave up: TimeoutError']);
});
