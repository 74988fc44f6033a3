import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { webApi } from '@slack/bolt';
import { seedDemo } from '../../src/demo/seed.ts';
import { identityResolver } from '../../src/slack/identity.ts';
import { burst, commandBody, eventBody, signedPost, type SlackCall } from './support/fake-slack.ts';
import { SECRET, slackHarness, type SlackHarness } from './support/harness.ts';
import { blockKitProblems } from './support/limits.ts';

let h: SlackHarness;
let eventSeq = 0;

beforeAll(async () => {
  h = await slackHarness({ env: { PENNY_ADMINS: 'U0FINOPS01' }, seed: async (t) => void (await seedDemo(t.pool)) });
  h.fake.addUser('U0FINOPS01', 'fin@northwind.example');
  h.fake.addUser('U04SEARCH1', 'maya.chen@northwind.example');
  // Named in the owner map by email only: found through users.info.
  h.fake.addUser('U0LENA0001', 'lena.fischer@northwind.example');
  h.fake.addUser('U0STRANGER', 'someone@northwind.example');
}, 120_000);
afterAll(() => h?.close());
beforeEach(() => h.fake.reset());

const blocksText = (c: SlackCall) => JSON.stringify(c.args.blocks ?? []);
const answers = (channel: string) => h.fake.ok('chat.update', (a) => a.channel === channel && !blocksText({ args: a } as SlackCall).includes('Working on it'));

function mention(user: string, channel: string, text: string, ts: string, threadTs?: string) {
  return eventBody({ type: 'app_mention', user, text: `<@U0PENNYBOT> ${text}`, ts, channel, event_ts: ts, ...(threadTs ? { thread_ts: threadTs } : {}) }, `Ev${++eventSeq}`);
}

function dm(user: string, text: string, ts: string, threadTs?: string) {
  return eventBody({ type: 'message', channel_type: 'im', user, text, ts, channel: `D${user.slice(1)}`, event_ts: ts, ...(threadTs ? { thread_ts: threadTs } : {}) }, `Ev${++eventSeq}`);
}

describe('signed requests', () => {
  it('refuses a bad signature and a request older than 5 minutes with 401, and answers url_verification', async () => {
    const body = mention('U0FINOPS01', 'C0GENERAL1', 'spend last month', '1.1');
    expect((await signedPost(h.eventsUrl, 'wrong-secret', body)).status).toBe(401);
    expect((await signedPost(h.eventsUrl, SECRET, body, { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 })).status).toBe(401);
    expect((await signedPost(h.eventsUrl, SECRET, body, { signature: 'v0=00' })).status).toBe(401);
    const challenge = await signedPost(h.eventsUrl, SECRET, JSON.stringify({ type: 'url_verification', challenge: 'abc123', token: 'x' }));
    expect(await challenge.json()).toEqual({ challenge: 'abc123' });
    await new Promise((r) => setTimeout(r, 200));
    expect(h.fake.calls.filter((c) => c.method.startsWith('chat.'))).toEqual([]);
  });
});

describe('questions', () => {
  it('/penny is acknowledged before it answers, posts the question, answers in its thread with a table, a context line and the chart', async () => {
    const res = await signedPost(
      h.eventsUrl,
      SECRET,
      commandBody({ user_id: 'U0FINOPS01', channel_id: 'C0FINOPS01', text: 'what did we spend last month by team?', response_url: h.fake.responseUrl('r1') }),
      { contentType: 'application/x-www-form-urlencoded' },
    );
    expect(res.status).toBe(200);
    const acked = Date.now();
    await h.fake.waitFor(() => h.fake.ok('files.completeUploadExternal').length === 1);
    const [parent, working] = h.fake.ok('chat.postMessage');
    expect(parent!.args).toMatchObject({ channel: 'C0FINOPS01', text: '<@U0FINOPS01> asked: what did we spend last month by team?' });
    expect(parent!.args.thread_ts).toBeUndefined();
    expect(working!.args).toMatchObject({ channel: 'C0FINOPS01', text: 'Working on it…' });
    const parentTs = working!.args.thread_ts;
    expect(parentTs).toBe(parent!.madeTs);
    const [answer] = answers('C0FINOPS01');
    expect(acked).toBeLessThanOrEqual(answer!.at);
    const blocks = blocksText(answer!);
    expect(answer!.args.text).toMatch(/\$[\d,]+/);
    expect(blocks).toContain('```'); // the table
    for (const team of ['search', 'checkout', 'support']) expect(blocks).toContain(team);
    expect(blocks).toContain('How: ');
    expect(blocks).toMatch(/data through \d{4}-\d{2}-\d{2}/);
    const upload = h.fake.ok('files.completeUploadExternal')[0]!;
    expect(upload.args).toMatchObject({ channel_id: 'C0FINOPS01', thread_ts: parentTs });
    expect(h.fake.ok('upload')[0]!.args.bytes).toBeGreaterThan(1000);
    expect(blockKitProblems(h.fake.calls)).toEqual([]);
  });

  it('/penny with no text, and in a channel Penny is not in, answers privately through response_url', async () => {
    await signedPost(h.eventsUrl, SECRET, commandBody({ user_id: 'U0FINOPS01', channel_id: 'C0FINOPS01', text: '', response_url: h.fake.responseUrl('help') }), {
      contentType: 'application/x-www-form-urlencoded',
    });
    h.fake.notInChannel.add('C0PRIVATE1');
    await signedPost(h.eventsUrl, SECRET, commandBody({ user_id: 'U0FINOPS01', channel_id: 'C0PRIVATE1', text: 'spend last month', response_url: h.fake.responseUrl('nic') }), {
      contentType: 'application/x-www-form-urlencoded',
    });
    await h.fake.waitFor(() => h.fake.ok('response_url').length === 2);
    const help = h.fake.ok('response_url', (a) => a.id === 'help')[0]!;
    expect(help.args).toMatchObject({ response_type: 'ephemeral' });
    expect(String(help.args.text)).toContain('/penny');
    expect(String(h.fake.ok('response_url', (a) => a.id === 'nic')[0]!.args.text)).toContain('/invite @Penny');
  });

  it('a mention answers in a thread under the mention; a follow-up in that thread stays in it', async () => {
    await signedPost(h.eventsUrl, SECRET, mention('U0FINOPS01', 'C0GENERAL1', 'total spend last month', '1700000100.000100'));
    await h.fake.waitFor(() => answers('C0GENERAL1').length === 1);
    expect(h.fake.ok('chat.postMessage')[0]!.args).toMatchObject({ channel: 'C0GENERAL1', thread_ts: '1700000100.000100' });
    await signedPost(h.eventsUrl, SECRET, mention('U0FINOPS01', 'C0GENERAL1', 'and by provider?', '1700000100.000200', '1700000100.000100'));
    await h.fake.waitFor(() => answers('C0GENERAL1').length === 2);
    expect(h.fake.ok('chat.postMessage').map((c) => c.args.thread_ts)).toEqual(['1700000100.000100', '1700000100.000100']);
  });

  it('a DM is answered as the asker: an owner found by email sees only their team', async () => {
    await signedPost(h.eventsUrl, SECRET, dm('U0LENA0001', 'spend last month by team', '1700000200.000100'));
    await h.fake.waitFor(() => answers('D0LENA0001').length === 1);
    const answer = answers('D0LENA0001')[0]!;
    expect(h.fake.ok('chat.postMessage')[0]!.args).toMatchObject({ channel: 'D0LENA0001', thread_ts: '1700000200.000100' });
    const text = blocksText(answer);
    expect(text).toContain('support');
    for (const other of ['search', 'checkout', 'platform']) expect(text).not.toContain(other);
    expect(h.fake.ok('users.info', (a) => a.user === 'U0LENA0001')).toHaveLength(1);
  });

  it('"my team" in a DM is the asker\'s team from the owner map, said in the answer', async () => {
    await signedPost(h.eventsUrl, SECRET, dm('U0FINOPS01', 'how much did my team spend last month', '1700000250.000100'));
    await h.fake.waitFor(() => answers('D0FINOPS01').length === 1);
    // The FinOps admin is named on no team: an admin still sees everything, but has no team of their own.
    expect(blocksText(answers('D0FINOPS01')[0]!)).toContain('names you on no team');
    await signedPost(h.eventsUrl, SECRET, dm('U0LENA0001', 'how much did my team spend last month', '1700000260.000100'));
    await h.fake.waitFor(() => answers('D0LENA0001').length === 1);
    expect(blocksText(answers('D0LENA0001')[0]!)).toContain('read as support, from the owner map');
  });

  it('someone the owner map does not name is told why, and no figures are shown', async () => {
    await signedPost(h.eventsUrl, SECRET, dm('U0STRANGER', 'spend last month', '1700000300.000100'));
    await h.fake.waitFor(() => answers('D0STRANGER').length === 1);
    const text = blocksText(answers('D0STRANGER')[0]!);
    expect(text).toContain('owner map');
    expect(text).not.toMatch(/\$\d/);
  });

  it('PENNY_VISIBILITY=all lets everyone read all teams, and keeps who is an admin and which teams are theirs', async () => {
    const client = new webApi.WebClient('xoxb-test', { slackApiUrl: h.fake.url });
    const team = await identityResolver(h.t.pool, h.env)(client, 'U0LENA0001');
    expect(team).toMatchObject({ admin: false, teams: ['support'], viewer: { admin: false, teams: ['support'] } });
    const all = identityResolver(h.t.pool, { ...h.env, PENNY_VISIBILITY: 'all' });
    expect(await all(client, 'U0LENA0001')).toMatchObject({ admin: false, teams: ['support'], viewer: { admin: true, teams: [] } });
    expect(await all(client, 'U0STRANGER')).toMatchObject({ admin: false, teams: [], viewer: { admin: true, teams: [] } });
    expect(await all(client, 'U0FINOPS01')).toMatchObject({ admin: true, viewer: { admin: true } });
  });

  it('a failure is a short message in the thread with a reference, never a stack trace', async () => {
    h.fake.addUser('U0BROKEN01', 'broken@northwind.example');
    h.fake.fail('users.info', 'fatal_error');
    await signedPost(h.eventsUrl, SECRET, dm('U0BROKEN01', 'spend last month', '1700000400.000100'));
    await h.fake.waitFor(() => answers('D0BROKEN01').length === 1);
    const text = blocksText(answers('D0BROKEN01')[0]!);
    expect(text).toMatch(/Sorry, I could not answer that.*reference `[0-9a-f]{8}`/);
    expect(text).not.toMatch(/at .*\.ts:\d+|Error:/);
  });

  it('a question whose query runs past PENNY_STATEMENT_TIMEOUT_MS is told so, with what to ask instead', async () => {
    const env = h.deps.env;
    h.deps.env = { ...env, PENNY_STATEMENT_TIMEOUT_MS: 1000 };
    // Another session holds the cost tables, so every query waits until its timeout stops it.
    const blocker = await h.t.pool.connect();
    try {
      await blocker.query('begin; lock table cost_lines, llm_usage, cost_rollup_daily, cost_rollup_monthly in access exclusive mode');
      await signedPost(h.eventsUrl, SECRET, dm('U0FINOPS01', 'spend last month', '1700000450.000100'));
      await h.fake.waitFor(() => answers('D0FINOPS01').length === 1, 20_000);
      const text = blocksText(answers('D0FINOPS01')[0]!);
      expect(text).toMatch(/could not answer that in time: the query took longer than 1 s and was stopped\. Try a shorter period or fewer breakdowns\./);
      expect(text).not.toMatch(/reference/);
    } finally {
      await blocker.query('rollback');
      blocker.release();
      h.deps.env = env;
    }
  });

  it('bot messages, edits and channel chatter are ignored; a retried event is answered once', async () => {
    await signedPost(h.eventsUrl, SECRET, eventBody({ type: 'message', channel_type: 'im', subtype: 'message_changed', channel: 'D0X', ts: '5.1', event_ts: '5.1' }, `Ev${++eventSeq}`));
    await signedPost(
      h.eventsUrl,
      SECRET,
      eventBody({ type: 'message', channel_type: 'im', bot_id: 'B1', user: 'U0FINOPS01', text: 'hi', channel: 'D0X', ts: '5.2', event_ts: '5.2' }, `Ev${++eventSeq}`),
    );
    await signedPost(h.eventsUrl, SECRET, eventBody({ type: 'message', channel_type: 'channel', user: 'U0FINOPS01', text: 'spend', channel: 'C0X', ts: '5.3', event_ts: '5.3' }, `Ev${++eventSeq}`));
    const body = dm('U0FINOPS01', 'spend last week', '1700000500.000100');
    await signedPost(h.eventsUrl, SECRET, body);
    const retry = await signedPost(h.eventsUrl, SECRET, body, { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } });
    expect(retry.status).toBe(200);
    await h.fake.waitFor(() => answers('D0FINOPS01').length === 1);
    await new Promise((r) => setTimeout(r, 300));
    expect(h.fake.ok('chat.postMessage').map((c) => c.args.channel)).toEqual(['D0FINOPS01']);
  });

  // How fast the acknowledgements come back (Slack's 3 s) is measured by `npm run bench:slack`; this checks that none waits for its answer.
  it('50 concurrent questions are each acknowledged before their answer is posted, and all answered', { timeout: 120_000 }, async () => {
    const questions = ['spend last month by team', 'gpt-4o cost last week by feature', 'total spend yesterday', 'daily spend last 14 days', 'spend by provider last month'];
    const stamps = Array.from({ length: 50 }, (_, i) => `1700001000.${String(i).padStart(6, '0')}`);
    const bodies = stamps.map((ts, i) => mention('U0FINOPS01', 'C0LOAD0001', questions[i % questions.length]!, ts));
    const acks = await burst(h.eventsUrl, SECRET, bodies);
    expect(acks.every((a) => a.status === 200)).toBe(true);
    await h.fake.waitFor(() => answers('C0LOAD0001').length === 50, 100_000, '50 answers');
    stamps.forEach((ts, i) => {
      const working = h.fake.ok('chat.postMessage').find((c) => c.args.channel === 'C0LOAD0001' && c.args.thread_ts === ts);
      const answer = answers('C0LOAD0001').find((c) => c.args.ts === working?.madeTs);
      expect(answer, ts).toBeDefined();
      expect(acks[i]!.at, ts).toBeLessThanOrEqual(answer!.at);
    });
    const threads = new Set(answers('C0LOAD0001').map((c) => c.args.ts));
    expect(threads.size).toBe(50);
    expect(answers('C0LOAD0001').every((c) => /\$|tokens|requests/.test(String(c.args.text)))).toBe(true);
    expect(blockKitProblems(h.fake.calls)).toEqual([]);
  });
});
