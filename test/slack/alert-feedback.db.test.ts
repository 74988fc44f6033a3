/**
 * Feedback with a reason, through Penny's Slack receiver (signed requests, fake Slack Web API): an
 * anomaly alert's "Not an anomaly", "Expected" and "Planned" buttons open a modal asking why; the
 * submission dismisses the finding with the person and the reason, stores them with the
 * suppression rule, and redraws the alert saying who and why. Only owners and admins may submit,
 * and an empty reason or a tampered form is refused in the modal.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { listFindings, recordRun, type DraftWithOwner } from '../../src/findings/store.ts';
import { saveOwnerMap } from '../../src/owners/store.ts';
import { deliverAlerts } from '../../src/notifications/owner-alerts.ts';
import { slackDeliverer } from '../../src/slack/deliverer.ts';
import { blockActions, interactionBody, signedPost } from './support/fake-slack.ts';
import { SECRET, slackHarness, type SlackHarness } from './support/harness.ts';
import { blockKitProblems } from './support/limits.ts';

const OWNER = 'U0OWNER001';
const STRANGER = 'U0STRANGE1';
let h: SlackHarness;
let alertButtons: string[] = [];

const anomaly = (service: string): DraftWithOwner => ({
  type: 'cost_anomaly',
  scope: { service_name: service, sub_account_id: '111122223333' },
  key: '2026-03-01',
  title: `${service}: $900/day on 2026-03-01 vs $300 expected (+200 %)`,
  expected: 300,
  actual: 900,
  unit: 'USD/day',
  impactMonthly: 18_250,
  currency: 'USD',
  evidence: { start: '2026-03-01', end: '2026-03-01', direction: 'spike', relative: 2 },
  remediation: 'Look at the service.',
  ownerHint: OWNER,
});

beforeAll(async () => {
  h = await slackHarness({ env: { PENNY_FINOPS_CHANNEL: '#finops' } });
  h.deps.now = () => new Date('2026-03-02T09:00:00Z');
  h.fake.addUser(OWNER, 'owner@northwind.example');
  h.fake.addUser(STRANGER, 'stranger@northwind.example');
  await saveOwnerMap(h.t.pool, [{ key: 'team', value: 'platform', owners: [OWNER], escalation: null, file: 'owners.yaml', line: 1 }], { replace: true, defaultChannel: '#finops' });
  await recordRun(h.t.pool, { kind: 'anomaly', asOf: '2026-03-02', startedAt: new Date() }, [anomaly('Amazon EC2'), anomaly('Amazon RDS'), anomaly('Amazon S3')]);
  expect(await deliverAlerts(h.t.pool, slackDeliverer(h.app.client), h.deps.env, h.deps.now?.())).toMatchObject({ messages: 1, alerts: 3 });
  const blocks = h.fake.ok('chat.postMessage')[0]!.args.blocks as { type: string; elements?: { action_id?: string }[] }[];
  alertButtons = blocks.filter((b) => b.type === 'actions')[0]!.elements!.map((e) => e.action_id!);
});
afterAll(() => h?.close());
beforeEach(() => h.fake.reset());

const post = (payload: unknown) => signedPost(h.eventsUrl, SECRET, interactionBody(payload), { contentType: 'application/x-www-form-urlencoded' });

async function alertOf(service: string) {
  const [finding] = (await listFindings(h.t.pool, {})).filter((f) => f.scope.service_name === service);
  const { rows } = await h.t.pool.query<{ channel: string; message_ts: string }>('select channel, message_ts from slack_alerts where fingerprint = $1', [finding!.fingerprint]);
  return { fp: finding!.fingerprint, ...rows[0]! };
}

const click = (user: string, actionId: string, a: { fp: string; channel: string; message_ts: string }) =>
  post(
    blockActions({
      user,
      actionId,
      value: a.fp,
      blockId: `finding:${a.fp}`,
      channel: a.channel,
      messageTs: a.message_ts,
      responseUrl: h.fake.responseUrl('click'),
      triggerId: 'trigger-1',
      actionTs: '1',
    }),
  );

const submit = (user: string, metadata: string, reason: string) =>
  post({
    type: 'view_submission',
    user: { id: user },
    team: { id: 'T0NORTHWND' },
    api_app_id: 'A0PENNY',
    view: { id: 'V1', type: 'modal', callback_id: 'penny_feedback_reason', private_metadata: metadata, state: { values: { reason: { reason: { type: 'plain_text_input', value: reason } } } } },
  });

async function openedModal(): Promise<{ private_metadata: string; callback_id: string }> {
  await h.fake.waitFor(() => h.fake.ok('views.open').length === 1);
  return h.fake.ok('views.open')[0]!.args.view as { private_metadata: string; callback_id: string };
}

describe('alert feedback with a reason', () => {
  it('offers Not an anomaly, Expected and Planned on an anomaly alert', () => {
    expect(alertButtons).toEqual(expect.arrayContaining(['finding_not_anomaly', 'finding_expected', 'finding_planned']));
  });

  it.each([
    ['finding_expected', 'Amazon EC2', 'expected', 'quarter-end batch, runs every March'],
    ['finding_not_anomaly', 'Amazon RDS', 'not_an_anomaly', 'a restore test we run monthly'],
    ['finding_planned', 'Amazon S3', 'planned', 'migration of the archive, ticket OPS-12'],
  ])('%s opens a modal; its submission keeps the person and the reason', async (actionId, service, feedback, reason) => {
    const a = await alertOf(service);
    expect((await click(OWNER, actionId, a)).status).toBe(200);
    const modal = await openedModal();
    expect(modal.callback_id).toBe('penny_feedback_reason');
    expect((await listFindings(h.t.pool, { fingerprints: [a.fp] }))[0]!.status).toBe('open');

    const empty = await submit(OWNER, modal.private_metadata, '  ');
    expect(await empty.json()).toMatchObject({ response_action: 'errors', errors: { reason: 'Say why in a few words.' } });
    const stranger = await submit(STRANGER, modal.private_metadata, 'not mine but whatever');
    expect(await stranger.json()).toMatchObject({ response_action: 'errors', errors: { reason: expect.stringContaining('owner') } });
    expect((await listFindings(h.t.pool, { fingerprints: [a.fp] }))[0]!.status).toBe('open');

    expect((await submit(OWNER, modal.private_metadata, reason)).status).toBe(200);
    expect((await listFindings(h.t.pool, { fingerprints: [a.fp] }))[0]!).toMatchObject({ status: 'dismissed', feedback, feedbackBy: OWNER, feedbackNote: reason });
    const { rows } = await h.t.pool.query('select reason, note, created_by from finding_suppressions where fingerprint = $1', [a.fp]);
    expect(rows).toEqual([{ reason: feedback, note: reason, created_by: OWNER }]);
    await h.fake.waitFor(() => h.fake.ok('chat.update').length === 1);
    const update = h.fake.ok('chat.update')[0]!;
    expect(update.args).toMatchObject({ channel: a.channel, ts: a.message_ts });
    expect(JSON.stringify(update.args.blocks)).toContain(`(${feedback.replace(/_/g, ' ')}: “${reason}”) by <@${OWNER}>`);
    expect(blockKitProblems(h.fake.calls)).toEqual([]);
  });

  it('refuses a form whose hidden data was tampered with', async () => {
    const res = await submit(OWNER, '{"fingerprint":"x","feedback":"ignore"}', 'a good reason');
    expect(await res.json()).toMatchObject({ response_action: 'errors', errors: { reason: expect.stringContaining('out of date') } });
  });
});
