import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import type { ScanKind } from '../../src/findings/finding.ts';
import { listFindings, recordRun, type DraftWithOwner } from '../../src/findings/store.ts';
import { saveOwnerMap } from '../../src/owners/store.ts';
import { deliverAlerts } from '../../src/notifications/owner-alerts.ts';
import { slackDeliverer } from '../../src/slack/deliverer.ts';
import { blockActions, interactionBody, signedPost } from './support/fake-slack.ts';
import { SECRET, slackHarness, type SlackHarness } from './support/harness.ts';
import { blockKitProblems } from './support/limits.ts';

let h: SlackHarness;
let clock = new Date('2026-03-02T09:00:00Z');

beforeAll(async () => {
  h = await slackHarness({ env: { PENNY_FINOPS_CHANNEL: '#finops', PENNY_ALERT_WINDOW_MINUTES: '60', PENNY_ALERT_ESCALATE_HOURS: '24', PENNY_ALERT_CRITICAL_MONTHLY: '1000' } });
  h.deps.now = () => clock;
  h.fake.addUser('U04SEARCH1', 'maya.chen@northwind.example');
  h.fake.addUser('U0MAYA0001', 'maya.chen@northwind.example');
  await saveOwnerMap(
    h.t.pool,
    [
      { key: 'team', value: 'search', owners: ['U04SEARCH1', 'ravi@northwind.example'], escalation: '#search-oncall', file: 'owners.yaml', line: 1 },
      { key: 'team', value: 'data', owners: ['U0SOLO0001'], escalation: null, file: 'owners.yaml', line: 4 },
    ],
    { replace: true, defaultChannel: '#finops' },
  );
  h.fake.addUser('U0RAVI0001', 'ravi@northwind.example');
});
afterAll(() => h?.close());
beforeEach(() => h.fake.reset());

function draft(i: number, ownerHint: string | null, impact = 100, prefix = 'i'): DraftWithOwner {
  return {
    type: 'idle_compute',
    scope: { resource_id: `${prefix}-${String(i).padStart(5, '0')}` },
    title: `Idle instance ${prefix}-${i}`,
    expected: 10,
    actual: 1.5,
    unit: 'percent',
    impactMonthly: impact,
    currency: 'USD',
    evidence: {},
    remediation: 'Stop or resize the instance.',
    ownerHint,
  };
}

async function record(kind: ScanKind, drafts: DraftWithOwner[]) {
  await recordRun(h.t.pool, { kind, asOf: '2026-03-02', startedAt: new Date() }, drafts);
}

const posts = () => h.fake.ok('chat.postMessage');

it('an alert storm of 1,000 findings sends at most one message per owner per window, and nothing twice', async () => {
  const hints = ['U04SEARCH1', 'U0SOLO0001', null, 'ravi@northwind.example'];
  await record(
    'waste',
    Array.from({ length: 1000 }, (_, i) => draft(i, hints[i % hints.length]!)),
  );
  const first = await deliverAlerts(h.t.pool, slackDeliverer(h.app.client), h.deps.env, h.deps.now?.());
  // Search's rule names two owners (one by email, looked up), data one, and unowned go to #finops.
  expect(first).toMatchObject({ messages: 4, alerts: 250 * 2 * 2 + 250 + 250, failed: 0 });
  const channels = posts()
    .map((c) => c.args.channel)
    .sort();
  expect(channels).toEqual(['#finops', 'D04SEARCH1', 'D0RAVI0001', 'D0SOLO0001'].sort());
  expect(h.fake.ok('users.lookupByEmail', (a) => a.email === 'ravi@northwind.example')).toHaveLength(1);
  for (const p of posts()) expect(String(p.args.text)).toMatch(/findings need your attention/);
  expect(blockKitProblems(h.fake.calls)).toEqual([]);
  const { rows } = await h.t.pool.query<{ n: number; sent: number }>("select count(*)::int as n, count(*) filter (where status = 'sent' and message_ts is not null)::int as sent from slack_alerts");
  expect(rows[0]).toEqual({ n: 1500, sent: 1500 });

  h.fake.reset();
  expect(await deliverAlerts(h.t.pool, slackDeliverer(h.app.client), h.deps.env, h.deps.now?.())).toMatchObject({ messages: 0, alerts: 0 });
  // New findings within the window wait; after it, they come in one message per owner.
  await record('budget', [draft(1, 'U0SOLO0001', 50, 'b'), draft(2, 'U0SOLO0001', 60, 'b')]);
  clock = new Date(clock.getTime() + 30 * 60_000);
  expect(await deliverAlerts(h.t.pool, slackDeliverer(h.app.client), h.deps.env, h.deps.now?.())).toMatchObject({ messages: 0, waiting: 1 });
  clock = new Date(clock.getTime() + 31 * 60_000);
  expect(await deliverAlerts(h.t.pool, slackDeliverer(h.app.client), h.deps.env, h.deps.now?.())).toMatchObject({ messages: 1, alerts: 2 });
  expect(posts().map((c) => c.args.channel)).toEqual(['D0SOLO0001']);
  expect(posts()[0]!.args.text).toBe('2 findings need your attention — $110/month at stake');
  expect(h.fake.calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(1);
});

it('a 429 is waited out: the DM is sent once, neither lost nor doubled; a failed post is retried on the next run', async () => {
  const spike = { ...draft(1, 'U0SOLO0001', 5000, 'a'), type: 'cost_spike', title: 'CloudWatch ×6', key: '2026-03-01' };
  await record('anomaly', [spike]);
  clock = new Date(clock.getTime() + 2 * 3_600_000);
  h.fake.rateLimit('chat.postMessage', 1, 1);
  expect(await deliverAlerts(h.t.pool, slackDeliverer(h.app.client), h.deps.env, h.deps.now?.())).toMatchObject({ messages: 1, failed: 0 });
  expect(h.fake.calls.filter((c) => c.method === 'chat.postMessage').map((c) => c.status)).toEqual([429, 200]);

  // A run resolves the anomalies it no longer sees: the spike is still there.
  await record('anomaly', [spike, { ...draft(2, 'U0SOLO0001', 20, 'a'), type: 'cost_spike', title: 'S3 ×2', key: '2026-03-02' }]);
  clock = new Date(clock.getTime() + 2 * 3_600_000);
  h.fake.reset();
  h.fake.fail('chat.postMessage', 'internal_error');
  expect(await deliverAlerts(h.t.pool, slackDeliverer(h.app.client), h.deps.env, h.deps.now?.())).toMatchObject({ messages: 0, failed: 1 });
  expect(await deliverAlerts(h.t.pool, slackDeliverer(h.app.client), h.deps.env, h.deps.now?.())).toMatchObject({ messages: 1, failed: 0 });
  expect(posts()).toHaveLength(1);
  expect(posts()[0]!.args.text).toBe('S3 ×2');
});

it('buttons change the finding and update the original message; critical findings nobody acknowledged escalate once', async () => {
  const { rows } = await h.t.pool.query<{ fingerprint: string; channel: string; message_ts: string }>(
    "select a.fingerprint, a.channel, a.message_ts from slack_alerts a join findings f using (fingerprint) where f.title = 'S3 ×2'",
  );
  const alert = rows[0]!;
  const click = (actionId: string, fp: string, channel: string, ts: string) =>
    signedPost(
      h.eventsUrl,
      SECRET,
      interactionBody(
        blockActions({ user: 'U0SOLO0001', actionId, value: fp, blockId: `finding:${fp}`, channel, messageTs: ts, responseUrl: h.fake.responseUrl('click'), triggerId: 't', actionTs: '1' }),
      ),
      { contentType: 'application/x-www-form-urlencoded' },
    );
  expect((await click('finding_acknowledge', alert.fingerprint, alert.channel, alert.message_ts)).status).toBe(200);
  await h.fake.waitFor(() => h.fake.ok('chat.update').length === 1);
  expect((await listFindings(h.t.pool, { fingerprints: [alert.fingerprint] }))[0]!.status).toBe('acknowledged');
  const update = h.fake.ok('chat.update')[0]!;
  expect(update.args).toMatchObject({ channel: alert.channel, ts: alert.message_ts });
  expect(JSON.stringify(update.args.blocks)).toContain('Acknowledged by <@U0SOLO0001>');

  const spike = (
    await h.t.pool.query<{ fingerprint: string; channel: string; message_ts: string }>(
      "select a.fingerprint, a.channel, a.message_ts from slack_alerts a join findings f using (fingerprint) where f.title = 'CloudWatch ×6'",
    )
  ).rows[0]!;
  clock = new Date(clock.getTime() + 25 * 3_600_000);
  h.fake.reset();
  // The critical spike ($5,000/month) is unacknowledged past 24 h; the $100 ones are not critical.
  expect(await deliverAlerts(h.t.pool, slackDeliverer(h.app.client), h.deps.env, h.deps.now?.())).toMatchObject({ escalations: 1 });
  expect(posts().map((c) => c.args.channel)).toEqual(['#finops']);
  expect(String(posts()[0]!.args.text)).toBe('Unacknowledged for 24 h: CloudWatch ×6');
  expect(await deliverAlerts(h.t.pool, slackDeliverer(h.app.client), h.deps.env, h.deps.now?.())).toMatchObject({ escalations: 0 });

  h.fake.reset();
  await click('finding_snooze', spike.fingerprint, spike.channel, spike.message_ts);
  await h.fake.waitFor(() => h.fake.ok('chat.update').length === 1);
  const snoozed = (await listFindings(h.t.pool, { fingerprints: [spike.fingerprint] }))[0]!;
  expect(snoozed.status).toBe('snoozed');
  expect(Date.parse(snoozed.snoozedUntil!) - clock.getTime()).toBe(7 * 86_400_000);
  // Feedback asks why first (test/slack/alert-feedback.db.test.ts): the click alone changes nothing.
  await click('finding_not_anomaly', spike.fingerprint, spike.channel, spike.message_ts);
  await h.fake.waitFor(() => h.fake.ok('views.open').length === 1);
  expect((await listFindings(h.t.pool, { fingerprints: [spike.fingerprint] }))[0]!).toMatchObject({ status: 'snoozed', feedback: null });
  expect(blockKitProblems(h.fake.calls)).toEqual([]);
});

it('an anomaly alert carries its daily chart in the message thread; other findings get none', async () => {
  const series = Array.from({ length: 14 }, (_, i) => ({ date: `2026-03-${String(i + 1).padStart(2, '0')}`, cost: i === 13 ? 900 : 100 + (i % 7) * 5 }));
  const anomaly = {
    ...draft(9, 'U0SOLO0001', 24_000, 'x'),
    type: 'cost_anomaly',
    scope: { service_name: 'AmazonCloudWatch', sub_account_id: '111122223333' },
    key: '2026-03-14',
    unit: 'USD/day',
    evidence: { start: '2026-03-14', series },
  };
  await record('anomaly', [anomaly]);
  await record('waste', [draft(9, 'U0SOLO0001', 700, 'y')]);
  clock = new Date(clock.getTime() + 2 * 3_600_000);
  expect(await deliverAlerts(h.t.pool, slackDeliverer(h.app.client), h.deps.env, h.deps.now?.())).toMatchObject({ messages: 1, alerts: 2, failed: 0 });
  const { rows } = await h.t.pool.query<{ channel: string; message_ts: string }>(
    "select distinct a.channel, a.message_ts from slack_alerts a join findings f using (fingerprint) where f.type = 'cost_anomaly' and a.status = 'sent'",
  );
  expect(rows).toHaveLength(1);
  const uploads = h.fake.ok('files.completeUploadExternal');
  expect(uploads).toHaveLength(1);
  expect(uploads[0]!.args).toMatchObject({ channel_id: rows[0]!.channel, thread_ts: rows[0]!.message_ts });
  expect(rows[0]!.channel).toBe('D0SOLO0001');
  expect(JSON.stringify(uploads[0]!.args.files)).toContain('AmazonCloudWatch / 111122223333: daily cost');
  expect(h.fake.ok('upload')[0]!.args.bytes).toBeGreaterThan(1000);
});
