import { afterAll, beforeAll, beforeEach, expect, it, vi } from 'vitest';
import { listFindings, recordRun } from '../../src/findings/store.ts';
import { listAudit } from '../../src/remediation/audit.ts';
import { listProposals } from '../../src/remediation/store.ts';
import { saveOwnerMap } from '../../src/owners/store.ts';
import { deliverAlerts } from '../../src/notifications/owner-alerts.ts';
import { slackDeliverer } from '../../src/slack/deliverer.ts';
import { blockActions, interactionBody, signedPost } from './support/fake-slack.ts';
import { SECRET, slackHarness, type SlackHarness } from './support/harness.ts';

const OWNER = 'U0OWNER001';
const ADMIN = 'U0ADMIN001';
const STRANGER = 'U0STRANGER';
const ENV = { PENNY_ADMINS: ADMIN, PENNY_FINOPS_CHANNEL: 'C0FINOPS01', PENNY_APPROVALS_CHANNEL: 'C0APPROVAL', PENNY_REMEDIATION_SWEEP_SECONDS: '0' };

let h: SlackHarness;
let seq = 0;
let clock = new Date('2026-03-02T09:00:00Z');

beforeAll(async () => {
  // Remediation (Propose a fix) reads its settings from the environment.
  for (const [k, v] of Object.entries(ENV)) vi.stubEnv(k, v);
  h = await slackHarness({ env: ENV });
  h.deps.now = () => clock;
  for (const id of [OWNER, ADMIN, STRANGER]) h.fake.addUser(id);
  await saveOwnerMap(h.t.pool, [{ key: 'team', value: 'search', owners: [OWNER], escalation: null, file: 'owners.yaml', line: 1 }], { replace: true, defaultChannel: 'C0FINOPS01' });
}, 120_000);
afterAll(async () => {
  vi.unstubAllEnvs();
  await h?.close();
});
beforeEach(() => h.fake.reset());

/** A $2,136/month anomaly of team search, alerted to its owner; returns its fingerprint and message. */
async function alertedAnomaly(key: string): Promise<{ fingerprint: string; channel: string; ts: string }> {
  const { findings } = await recordRun(h.t.pool, { kind: 'anomaly', asOf: '2026-03-02', startedAt: new Date() }, [
    {
      type: 'cost_spike',
      scope: { team: 'search', service_name: 'AmazonCloudWatch' },
      key,
      title: `CloudWatch spend of search ×6 (${key})`,
      expected: 12,
      actual: 83,
      unit: 'USD/day',
      impactMonthly: 2136,
      currency: 'USD',
      evidence: {},
      remediation: 'Check the log retention of the new service.',
      ownerHint: OWNER,
    },
  ]);
  // Past the owner's alert window, so the alert goes out now.
  clock = new Date(clock.getTime() + 2 * 3_600_000);
  await deliverAlerts(h.t.pool, slackDeliverer(h.app.client), h.deps.env, h.deps.now?.());
  const fingerprint = findings[0]!.fingerprint;
  const { rows } = await h.t.pool.query<{ channel: string; message_ts: string }>('select channel, message_ts from slack_alerts where fingerprint = $1', [fingerprint]);
  return { fingerprint, channel: rows[0]!.channel, ts: rows[0]!.message_ts };
}

function click(user: string, actionId: string, alert: { fingerprint: string; channel: string; ts: string }) {
  const n = ++seq;
  return signedPost(
    h.eventsUrl,
    SECRET,
    interactionBody(
      blockActions({
        user,
        actionId,
        value: alert.fingerprint,
        blockId: `finding:${alert.fingerprint}`,
        channel: alert.channel,
        messageTs: alert.ts,
        responseUrl: h.fake.responseUrl(`click-${n}`),
        triggerId: `trig.${n}`,
        actionTs: `${n}.0`,
      }),
    ),
    { contentType: 'application/x-www-form-urlencoded' },
  );
}

const replies = () => h.fake.calls.filter((c) => c.method === 'response_url');
const statusOf = async (fp: string) => (await listFindings(h.t.pool, { fingerprints: [fp] }))[0]!;

it("a stranger's click on an owner's alert is refused to them alone, changes nothing and is audited; the owner's works", async () => {
  const alert = await alertedAnomaly('2026-03-01');
  for (const action of ['finding_acknowledge', 'finding_snooze', 'finding_not_anomaly', 'finding_expected', 'finding_planned', 'penny_propose_fix']) {
    const before = replies().length;
    expect((await click(STRANGER, action, alert)).status).toBe(200);
    await h.fake.waitFor(() => replies().length > before, 10_000, `the refusal of ${action}`);
    const reply = replies().at(-1)!.args;
    expect(reply).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(String(reply.text)).toMatch(/only .*owners.* FinOps admins/i);
  }
  expect(await statusOf(alert.fingerprint)).toMatchObject({ status: 'open', feedback: null });
  expect(h.fake.ok('chat.update')).toHaveLength(0);
  expect(await listProposals(h.t.pool)).toHaveLength(0);
  const refused = (await listAudit(h.t.pool)).filter((e) => e.event === 'click_refused');
  expect(refused.map((e) => e.detail.action)).toEqual(['finding_acknowledge', 'finding_snooze', 'finding_not_anomaly', 'finding_expected', 'finding_planned', 'penny_propose_fix']);
  expect(h.fake.ok('views.open')).toHaveLength(0);
  for (const e of refused) expect(e).toMatchObject({ actor: STRANGER, proposalId: null, detail: { finding: alert.fingerprint } });

  // The owner's feedback asks why first (test/slack/alert-feedback.db.test.ts), then is recorded.
  await click(OWNER, 'finding_not_anomaly', alert);
  await h.fake.waitFor(() => h.fake.ok('views.open').length === 1);
  const view = h.fake.ok('views.open')[0]!.args.view as { private_metadata: string };
  await signedPost(
    h.eventsUrl,
    SECRET,
    interactionBody({
      type: 'view_submission',
      user: { id: OWNER },
      team: { id: 'T0NORTHWND' },
      api_app_id: 'A0PENNY',
      view: {
        id: 'V1',
        type: 'modal',
        callback_id: 'penny_feedback_reason',
        private_metadata: view.private_metadata,
        state: { values: { reason: { reason: { type: 'plain_text_input', value: 'a planned load test' } } } },
      },
    }),
    { contentType: 'application/x-www-form-urlencoded' },
  );
  await h.fake.waitFor(() => h.fake.ok('chat.update').length === 1);
  expect(await statusOf(alert.fingerprint)).toMatchObject({ status: 'dismissed', feedback: 'not_an_anomaly' });
});

it('a FinOps admin may act on any alert, and propose a fix for it', async () => {
  const alert = await alertedAnomaly('2026-03-02');
  await click(ADMIN, 'finding_snooze', alert);
  await h.fake.waitFor(() => h.fake.ok('chat.update').length === 1);
  expect((await statusOf(alert.fingerprint)).status).toBe('snoozed');
  await click(ADMIN, 'penny_propose_fix', alert);
  await h.fake.waitFor(() => replies().length === 1);
  expect(String(replies()[0]!.args.text)).toMatch(/Proposed|already waiting/);
  expect((await listProposals(h.t.pool)).map((p) => p.findingFingerprint)).toEqual([alert.fingerprint]);
});
