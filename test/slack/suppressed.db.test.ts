/**
 * The Slack view of what feedback silenced, through Penny's receiver (signed requests, fake Slack
 * Web API): `/penny suppressed`, a DM or a mention asking "what did feedback silence?" answers in
 * the thread with each suppressed anomaly, who gave the feedback, why, and how many runs it
 * silenced. A FinOps admin sees them all; an owner sees those of their teams, of scopes the owner
 * map gives them, and those they silenced themselves; nobody sees another team's. The weekly
 * digest's anomaly section counts what feedback silenced that week, and its button answers the same
 * list to whoever presses it, alone, as they may see it.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { recordRun, type DraftWithOwner } from '../../src/findings/store.ts';
import { broadcast } from '../../src/notifications/broadcast.ts';
import { digestMessage } from '../../src/notifications/message.ts';
import { buildDigest } from '../../src/reports/digest.ts';
import { slackDeliverer } from '../../src/slack/deliverer.ts';
import { digestView } from '../../src/slack/digest/view.ts';
import { saveOwnerMap } from '../../src/owners/store.ts';
import { recordSuppressed } from '../../src/scans/anomaly/suppressed.ts';
import { recordFeedback } from '../../src/scans/feedback.ts';
import { blockActions, commandBody, eventBody, interactionBody, signedPost, type SlackCall } from './support/fake-slack.ts';
import { SECRET, slackHarness, type SlackHarness } from './support/harness.ts';
import { blockKitProblems } from './support/limits.ts';

const ADMIN = 'U0FINOPS01';
const SEARCH = 'U0SEARCH01';
const PLATFORM = 'U0PLATFRM1';
const STRANGER = 'U0STRANGER';
const CHECKOUT = 'U0CHECKOUT';
const EC2 = { service_name: 'Amazon EC2', sub_account_id: '111122223333' };

let h: SlackHarness;
let eventSeq = 0;

const anomaly = (scope: Record<string, string>, start: string, expected: number, actual: number): DraftWithOwner => ({
  type: 'cost_anomaly',
  scope,
  key: start,
  title: `${Object.values(scope).join(' ')}: $${actual}/day on ${start} vs $${expected} expected`,
  expected,
  actual,
  unit: 'USD/day',
  impactMonthly: (actual - expected) * 30.44,
  currency: 'USD',
  evidence: { start, end: start, direction: 'spike', relative: actual / expected - 1 },
  remediation: 'Look at it.',
  ownerHint: null,
});

/** Dismisses an anomaly with feedback, then records later runs that feedback silenced, as the scan does. */
async function silence(draft: DraftWithOwner, feedback: 'expected' | 'not_an_anomaly' | 'planned', by: string, note: string, runs: string[]) {
  const { findings } = await recordRun(h.t.pool, { kind: 'anomaly', asOf: '2026-03-02', startedAt: new Date() }, [draft]);
  const fingerprint = findings[0]!.fingerprint;
  await recordFeedback(h.t.pool, fingerprint, feedback, { note, by });
  const { rows } = await h.t.pool.query<{ id: string }>('select id from finding_suppressions where fingerprint = $1', [fingerprint]);
  const hit = {
    suppressionId: Number(rows[0]!.id),
    type: draft.type,
    scope: draft.scope,
    start: '2026-03-09',
    direction: 'spike' as const,
    expected: draft.expected!,
    actual: draft.actual!,
    impactMonthly: draft.impactMonthly,
    currency: 'USD',
  };
  for (const asOf of runs) await recordSuppressed(h.t.pool, asOf, [hit]);
}

beforeAll(async () => {
  h = await slackHarness({ env: { PENNY_ADMINS: ADMIN } });
  for (const id of [ADMIN, SEARCH, PLATFORM, CHECKOUT, STRANGER]) h.fake.addUser(id, `${id.toLowerCase()}@northwind.example`);
  await saveOwnerMap(
    h.t.pool,
    [
      { key: 'team', value: 'search', owners: [SEARCH], escalation: null, file: 'owners.yaml', line: 1 },
      { key: 'team', value: 'platform', owners: [PLATFORM], escalation: null, file: 'owners.yaml', line: 2 },
      { key: 'service_name', value: 'Amazon EC2', owners: [PLATFORM], escalation: null, file: 'owners.yaml', line: 3 },
      { key: 'team', value: 'checkout', owners: [CHECKOUT], escalation: null, file: 'owners.yaml', line: 4 },
    ],
    { replace: true, defaultChannel: '#finops' },
  );
  await silence(anomaly({ team: 'search', model: 'gpt-4o' }, '2026-03-01', 40, 160), 'expected', SEARCH, 'reindexing with embeddings, every Monday', ['2026-03-09', '2026-03-10', '2026-03-11']);
  await silence(anomaly(EC2, '2026-03-01', 300, 900), 'not_an_anomaly', ADMIN, 'a <restore> test we run monthly', ['2026-03-10']);
  // Silenced by the search owner on a team that is not theirs: they still see what they silenced.
  await silence(anomaly({ team: 'checkout', feature: 'cart' }, '2026-03-01', 10, 35), 'planned', SEARCH, 'load test, ticket OPS-9', ['2026-03-10']);
}, 120_000);
afterAll(() => h?.close());
beforeEach(() => h.fake.reset());

const blocksText = (c: SlackCall) => JSON.stringify(c.args.blocks ?? []);
const answers = (channel: string) => h.fake.ok('chat.update', (a) => a.channel === channel && !JSON.stringify(a.blocks ?? []).includes('Working on it'));

function dm(user: string, text: string, ts: string) {
  return eventBody({ type: 'message', channel_type: 'im', user, text, ts, channel: `D${user.slice(1)}`, event_ts: ts }, `Ev${++eventSeq}`);
}

async function askByDm(user: string, text: string): Promise<string> {
  await signedPost(h.eventsUrl, SECRET, dm(user, text, `1700000${++eventSeq}.000100`));
  const channel = `D${user.slice(1)}`;
  await h.fake.waitFor(() => answers(channel).length === 1);
  return blocksText(answers(channel)[0]!);
}

describe('what feedback silenced, in Slack', () => {
  it('/penny suppressed shows a FinOps admin every suppressed anomaly with who, why and how often', async () => {
    const res = await signedPost(h.eventsUrl, SECRET, commandBody({ user_id: ADMIN, channel_id: 'C0FINOPS01', text: 'suppressed', response_url: h.fake.responseUrl('s1') }), {
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(res.status).toBe(200);
    await h.fake.waitFor(() => answers('C0FINOPS01').length === 1);
    const answer = answers('C0FINOPS01')[0]!;
    const text = blocksText(answer);
    expect(answer.args.text).toContain('3 anomalies suppressed by feedback (1 expected, 1 not an anomaly, 1 planned)');
    // (160 − 40 + 900 − 300 + 35 − 10) × 30.44 a month.
    expect(answer.args.text).toContain('$22,678');
    expect(text).toContain(`expected by <@${SEARCH}>: “reindexing with embeddings, every Monday” · silenced 3 times (2026-03-09 to 2026-03-11)`);
    expect(text).toContain(`not an anomaly by <@${ADMIN}>: “a &lt;restore&gt; test we run monthly” · silenced once (on 2026-03-10)`);
    expect(text).toContain('planned by');
    expect(text).toContain('Amazon EC2');
    expect(blockKitProblems(h.fake.calls)).toEqual([]);
  });

  it('an owner asking in a DM sees their team and what they silenced, not other teams', async () => {
    const text = await askByDm(SEARCH, 'What did feedback silence?');
    expect(text).toContain('What feedback has silenced on your teams');
    expect(text).toContain('reindexing with embeddings');
    expect(text).toContain('load test, ticket OPS-9');
    expect(text).not.toContain('Amazon EC2');
    expect(text).not.toContain('restore');
  });

  it('an owner the owner map gives a service sees its suppressed anomalies', async () => {
    const text = await askByDm(PLATFORM, 'show suppressed alerts');
    expect(text).toContain('Amazon EC2');
    expect(text).toContain('1 anomaly suppressed by feedback (1 not an anomaly)');
    expect(text).not.toContain('reindexing');
    expect(text).not.toContain('OPS-9');
  });

  it('an owner whose teams had nothing silenced is told so', async () => {
    // Checkout's anomaly was silenced, but by the search owner: its owner sees it on their team.
    expect(await askByDm(CHECKOUT, 'suppressed anomalies')).toContain('load test, ticket OPS-9');
    await h.t.pool.query('delete from suppressed_anomalies where scope @> $1', [JSON.stringify({ team: 'checkout' })]);
    h.fake.reset();
    expect(await askByDm(CHECKOUT, 'suppressed anomalies')).toContain('No anomaly of your teams has been suppressed by feedback.');
  });
});

describe("the weekly digest's button to what feedback silenced", () => {
  let clicks = 0;
  type Button = { type: string; action_id: string; value: string };

  /** Presses the digest's button as `user`; the reply Slack gets on the click's response_url. */
  async function press(user: string, button: Button, message: { channel: string; ts: string }): Promise<Record<string, unknown>> {
    const id = `digest-${++clicks}`;
    const click = blockActions({ user, actionId: button.action_id, value: button.value, channel: message.channel, messageTs: message.ts, responseUrl: h.fake.responseUrl(id) });
    const res = await signedPost(h.eventsUrl, SECRET, interactionBody(click), { contentType: 'application/x-www-form-urlencoded' });
    expect(res.status).toBe(200);
    const reply = () => h.fake.calls.filter((c) => c.method === 'response_url' && c.args.id === id);
    await h.fake.waitFor(() => reply().length === 1, 15_000, `the reply to ${user}'s click`);
    return reply()[0]!.args;
  }

  it('counts the silenced anomalies of the week and answers each presser alone with what they may see', async () => {
    // The runs that silenced them were on 2026-03-09 to 03-11: inside the week before 2026-03-12.
    const digest = await buildDigest(h.t.pool, { asOf: '2026-03-12', movers: 5, findings: 5 });
    const silenced = (await h.t.pool.query<{ n: number }>('select count(*)::int as n from suppressed_anomalies')).rows[0]!.n;
    expect(digest.anomalies.suppressed).toBe(silenced);
    expect(silenced).toBeGreaterThanOrEqual(2);
    expect(await broadcast(slackDeliverer(h.app.client), ['C0DIGEST01'], digestMessage(digest))).toMatchObject({ posted: 1 });
    const post = h.fake.ok('chat.postMessage', (a) => a.channel === 'C0DIGEST01')[0]!;
    const section = (post.args.blocks as Array<{ text?: { text: string }; accessory?: Button }>).find((b) => b.accessory?.action_id === 'penny_suppressed_open')!;
    expect(section.text!.text).toContain(`Feedback silenced ${silenced} anomalies this week`);
    expect(blockKitProblems(h.fake.calls)).toEqual([]);
    const message = { channel: 'C0DIGEST01', ts: '1700000000.000001' };

    const admin = await press(ADMIN, section.accessory!, message);
    expect(admin).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(JSON.stringify(admin.blocks)).toContain('What feedback has silenced');
    expect(JSON.stringify(admin.blocks)).toContain('Amazon EC2');
    expect(JSON.stringify(admin.blocks)).toContain('reindexing with embeddings');

    const owner = JSON.stringify((await press(SEARCH, section.accessory!, message)).blocks);
    expect(owner).toContain('What feedback has silenced on your teams');
    expect(owner).toContain('reindexing with embeddings');
    expect(owner).not.toContain('Amazon EC2');

    const stranger = await press(STRANGER, section.accessory!, message);
    expect(JSON.stringify(stranger)).toContain('the owner map does not name you');
    expect(JSON.stringify(stranger)).not.toContain('reindexing');
    expect(JSON.stringify(stranger)).not.toContain('Amazon EC2');
    // Nothing of it went to the channel: each answer was to its presser alone.
    expect(h.fake.ok('chat.postMessage', (a) => a.channel === 'C0DIGEST01')).toHaveLength(1);
  });

  it('says so when feedback silenced nothing that week', async () => {
    const digest = await buildDigest(h.t.pool, { asOf: '2026-04-30', movers: 5, findings: 5 });
    expect(digest.anomalies).toMatchObject({ suppressed: 0, suppressedMonthly: [] });
    const text = JSON.stringify(digestView(digest).blocks);
    expect(text).toContain('Feedback silenced no anomaly this week.');
  });
});
