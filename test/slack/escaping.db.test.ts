import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { recordRun } from '../../src/findings/store.ts';
import { loadUsageFile } from '../../src/ingest/usage/load.ts';
import { saveOwnerMap } from '../../src/owners/store.ts';
import { deliverAlerts } from '../../src/notifications/owner-alerts.ts';
import { slackDeliverer } from '../../src/slack/deliverer.ts';
import { broadcast } from '../../src/notifications/broadcast.ts';
import { digestMessage } from '../../src/notifications/message.ts';
import { buildDigest } from '../../src/reports/digest.ts';
import { premiumModelDraft } from '../remediation/seed.ts';
import { tempDir } from '../support/focus-sample.ts';
import { blockActions, eventBody, interactionBody, signedPost, type SlackCall } from './support/fake-slack.ts';
import { SECRET, slackHarness, type SlackHarness } from './support/harness.ts';

// Tag values and resource ids as someone with write access to tags could set them.
const HOSTILE = '<!channel> <@U123> x&amp;y <https://evil.example|click>';
const OWNER = 'U0OWNER001';
const ADMIN = 'U0ADMIN001';
const AS_OF = '2026-03-10';
const ENV = { PENNY_ADMINS: ADMIN, PENNY_APPROVALS_CHANNEL: 'C0APPROVAL', PENNY_REMEDIATION_SWEEP_SECONDS: '0', PENNY_ALERT_ESCALATE_HOURS: '24', PENNY_FINOPS_CHANNEL: 'C0FINOPS01' };

let h: SlackHarness;
let clock = new Date(`${AS_OF}T09:00:00Z`);
let fingerprint = '';

beforeAll(async () => {
  for (const [k, v] of Object.entries(ENV)) vi.stubEnv(k, v);
  h = await slackHarness({ env: ENV });
  h.deps.now = () => clock;
  h.deps.asOf = () => AS_OF;
  for (const id of [OWNER, ADMIN]) h.fake.addUser(id);
  await saveOwnerMap(h.t.pool, [{ key: 'team', value: 'search', owners: [OWNER], escalation: null, file: 'owners.yaml', line: 1 }], { replace: true, defaultChannel: null });
  const dir = await tempDir();
  const call = (i: number, team: string, tokens: number) => ({
    timestamp: `2026-03-0${3 + (i % 4)}T10:00:00Z`,
    'gen_ai.provider.name': 'openai',
    'gen_ai.request.model': 'gpt-4o',
    'gen_ai.response.id': `resp-${i}`,
    'gen_ai.usage.input_tokens': tokens,
    'gen_ai.usage.output_tokens': 100,
    team,
    feature: HOSTILE,
  });
  const file = path.join(dir, 'usage.jsonl');
  await fs.writeFile(
    file,
    [...Array.from({ length: 8 }, (_, i) => call(i, HOSTILE, 900_000)), ...Array.from({ length: 4 }, (_, i) => call(100 + i, 'search', 100_000))].map((r) => JSON.stringify(r)).join('\n'),
  );
  expect((await loadUsageFile(h.t.pool, file)).rows).toBe(12);
  const { findings } = await recordRun(h.t.pool, { kind: 'waste', asOf: AS_OF, startedAt: new Date() }, [
    {
      ...premiumModelDraft({ scope: { model: 'gpt-4o', team: 'search', feature: HOSTILE, resource_id: HOSTILE } }),
      title: `Feature ${HOSTILE} uses gpt-4o for short calls`,
      unit: `USD/${HOSTILE}`,
      impactMonthly: 5000,
      evidence: { provider: 'openai', alternative: 'gpt-4o-mini', note: HOSTILE },
      remediation: `Switch ${HOSTILE} to a smaller model.`,
      ownerHint: OWNER,
    },
  ]);
  fingerprint = findings[0]!.fingerprint;
}, 120_000);
afterAll(async () => {
  vi.unstubAllEnvs();
  await h?.close();
});

/** Everything Penny sent to Slack: messages, updates, ephemeral replies, views. */
const posted = (): SlackCall[] => h.fake.calls.filter((c) => /^(chat\.|views\.|response_url)/.test(c.method));

function expectEscaped(calls: SlackCall[]): void {
  expect(calls.length).toBeGreaterThan(0);
  for (const c of calls) {
    const payload = JSON.stringify(c.args);
    for (const raw of ['<!channel>', '<@U123>', '<https://evil.example', 'x&amp;y']) expect(payload, `${c.method} carries ${raw} unescaped`).not.toContain(raw);
  }
}

it('an answer whose table, sentence and fallback text carry hostile tag values posts them escaped', async () => {
  const res = await signedPost(
    h.eventsUrl,
    SECRET,
    eventBody({ type: 'message', channel_type: 'im', user: ADMIN, text: 'what did we spend on AI in the last 7 days by team?', ts: '5.1', channel: 'D0ADMIN001', event_ts: '5.1' }, 'EvEsc1'),
  );
  expect(res.status).toBe(200);
  await h.fake.waitFor(() => h.fake.ok('chat.update').some((c) => !JSON.stringify(c.args.blocks).includes('Working on it')));
  const answer = h.fake.ok('chat.update').at(-1)!;
  // The hostile team is the table's largest row, so it is in the table and the sentence.
  expect(JSON.stringify(answer.args.blocks)).toContain('```');
  expect(JSON.stringify(answer.args)).toContain('&lt;!channel&gt;');
  expect(String(answer.args.text)).toContain('&lt;!channel&gt;');
  expectEscaped(posted());
});

it('the owner alert, its escalation, the approval card and the digest post hostile finding text escaped', async () => {
  h.fake.reset();
  expect(await deliverAlerts(h.t.pool, slackDeliverer(h.app.client), h.deps.env, h.deps.now?.())).toMatchObject({ messages: 1, failed: 0 });
  const alert = h.fake.ok('chat.postMessage')[0]!;
  expect(String(alert.args.text)).toContain('&lt;!channel&gt;');
  clock = new Date(clock.getTime() + 25 * 3_600_000);
  expect(await deliverAlerts(h.t.pool, slackDeliverer(h.app.client), h.deps.env, h.deps.now?.())).toMatchObject({ escalations: 1 });

  await signedPost(
    h.eventsUrl,
    SECRET,
    interactionBody(
      blockActions({
        user: ADMIN,
        actionId: 'penny_propose_fix',
        value: fingerprint,
        channel: String(alert.args.channel),
        responseUrl: h.fake.responseUrl('fix'),
        triggerId: 'trig.fix',
        actionTs: '1.2',
      }),
    ),
    { contentType: 'application/x-www-form-urlencoded' },
  );
  await h.fake.waitFor(() => h.fake.calls.some((c) => c.method === 'response_url'));
  expect(h.fake.ok('chat.postMessage', (a) => a.channel === 'C0APPROVAL')).toHaveLength(1);

  expect(await broadcast(slackDeliverer(h.app.client), ['C0DIGEST01'], digestMessage(await buildDigest(h.t.pool, { asOf: AS_OF, movers: 5, findings: 5 })))).toMatchObject({ posted: 1 });
  const digest = h.fake.ok('chat.postMessage', (a) => a.channel === 'C0DIGEST01')[0]!;
  expect(JSON.stringify(digest.args.blocks)).toContain('&lt;!channel&gt;');
  expectEscaped(posted());
});
