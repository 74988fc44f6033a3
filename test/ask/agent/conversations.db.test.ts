/**
 * What the ask graph keeps per conversation in Postgres (the LangGraph checkpointer, schema
 * penny_agent): a question's query and a summary, never its result rows or SQL; and threads nobody
 * added to for PENNY_CONVERSATION_DAYS are deleted, recent ones kept. Real Postgres, the scripted
 * OpenAI-compatible server over HTTP.
 */
import pg from 'pg';
import { expect, it, vi } from 'vitest';
import { answerQuestion } from '../../../src/ask/agent/answer.ts';
import { pruneConversations } from '../../../src/ask/agent/conversations.ts';
import { admin, AS_OF, demoAgent } from './demo-agent.ts';

const agent = demoAgent();

/** Everything the checkpointer stored for a thread, as text, and its size in bytes. */
async function stored(threadId: string): Promise<{ text: string; bytes: number }> {
  const { rows } = await agent.t.pool.query<{ text: string; bytes: number }>(
    `select coalesce(string_agg(x, ' '), '') as text, coalesce(sum(octet_length(x)), 0)::int as bytes from (
       select checkpoint::text || metadata::text as x from penny_agent.checkpoints where thread_id = $1
       union all select convert_from(coalesce(blob, ''), 'UTF8') from penny_agent.checkpoint_blobs where thread_id = $1
       union all select convert_from(blob, 'UTF8') from penny_agent.checkpoint_writes where thread_id = $1
     ) s`,
    [threadId],
  );
  return rows[0]!;
}

const threadRows = async (threadId: string) =>
  (
    await agent.t.pool.query<{ n: number }>(
      `select ((select count(*) from penny_agent.checkpoints where thread_id = $1) + (select count(*) from penny_agent.checkpoint_blobs where thread_id = $1)
          + (select count(*) from penny_agent.checkpoint_writes where thread_id = $1))::int as n`,
      [threadId],
    )
  ).rows[0]!.n;

/** Makes a thread look as if nobody wrote to it for `days` days. */
const age = (threadId: string, days: number) =>
  agent.t.pool.query(
    `update penny_agent.checkpoints set checkpoint = jsonb_set(checkpoint, '{ts}', to_jsonb(to_char((now() - make_interval(days => $2::int)) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))) where thread_id = $1`,
    [threadId, days],
  );

const DAILY_BY_TEAM = { dataset: 'all', metric: 'effective_cost', groupBy: ['team'], granularity: 'day', time: { last_n_days: 90 } };
/** Per question: the question, the model's tool call and reply, the query and summary, the turn, over a few checkpoints. */
const QUESTION_BYTES = 16_000;

it("a question's checkpoints hold its query and a summary, not its rows or SQL, and stay small as results grow", async () => {
  agent.fake.script({ toolCalls: [{ name: 'run_cost_query', args: DAILY_BY_TEAM }] }, { text: 'Daily spend by team.' });
  const a = await answerQuestion(agent.t.pool, agent.env, 'daily spend by team over the last 90 days', { viewer: admin, asOf: AS_OF, threadId: 'big' });
  expect(a.rows.length).toBeGreaterThan(300);
  const first = await stored('big');
  expect(first.text).toContain('"granularity":"day"');
  expect(first.text).toContain('Daily spend by team.');
  expect(first.text).not.toMatch(/\bselect\b/i);
  // A value with more than two decimals is only ever in a row, never in a summary's rounded money.
  const exact = a.rows.map((r) => String(r.effective_cost)).filter((v) => (v.split('.')[1]?.length ?? 0) > 2);
  expect(exact.length).toBeGreaterThan(100);
  expect(exact.filter((v) => first.text.includes(v))).toEqual([]);
  expect(first.bytes).toBeLessThan(QUESTION_BYTES);
  expect(first.bytes).toBeLessThan(JSON.stringify(a.rows).length / 2);

  // A follow-up on the same thread adds one more bounded question, not the rows again.
  agent.fake.script({ toolCalls: [{ name: 'run_cost_query', args: { ...DAILY_BY_TEAM, time: { last_n_days: 60 } } }] }, { text: 'And the last 60 days.' });
  const b = await answerQuestion(agent.t.pool, agent.env, 'and over 60 days?', { viewer: admin, asOf: AS_OF, threadId: 'big' });
  expect(b.rows.length).toBeGreaterThan(200);
  expect(String(agent.fake.requests.at(-2)!.messages[0]!.content)).toContain('Q: daily spend by team over the last 90 days');
  expect((await stored('big')).bytes - first.bytes).toBeLessThan(QUESTION_BYTES);
});

it('pruning deletes threads nobody added to for N days, with their blobs and writes, and keeps recent ones', async () => {
  for (const thread of ['stale', 'recent']) {
    agent.fake.script({ text: `Nothing to look up in ${thread}.` });
    await answerQuestion(agent.t.pool, agent.env, 'hello', { viewer: admin, asOf: AS_OF, threadId: thread });
  }
  await age('stale', 31);
  await age('recent', 29);
  expect(await threadRows('stale')).toBeGreaterThan(0);

  expect(await pruneConversations(agent.t.pool, 30)).toBe(1);
  expect(await threadRows('stale')).toBe(0);
  expect(await threadRows('recent')).toBeGreaterThan(0);
  expect(await threadRows('big')).toBeGreaterThan(0);
  expect(await pruneConversations(agent.t.pool, 30)).toBe(0);

  // A question on a pruned thread starts a new conversation.
  agent.fake.script({ text: 'Hello again.' });
  await answerQuestion(agent.t.pool, agent.env, 'hello again', { viewer: admin, asOf: AS_OF, threadId: 'stale' });
  expect(String(agent.fake.requests.at(-1)!.messages[0]!.content)).toContain('(nothing yet)');
});

it('a process prunes with PENNY_CONVERSATION_DAYS when it sets up the conversations', async () => {
  await age('recent', 8);
  const pool = new pg.Pool({ connectionString: agent.t.url });
  // As Penny's own pool does (db/pool.ts): an idle connection the server ends is not a crash.
  pool.on('error', () => undefined);
  try {
    agent.fake.script({ text: 'Hi.' });
    await answerQuestion(pool, { ...agent.env, PENNY_CONVERSATION_DAYS: 7 }, 'hi', { viewer: admin, asOf: AS_OF, threadId: 'another' });
    await vi.waitFor(async () => expect(await threadRows('recent')).toBe(0), { timeout: 10_000 });
    expect(await threadRows('another')).toBeGreaterThan(0);
  } finally {
    await pool.end();
  }
});
