/**
 * Slack questions answered by the agent: signed requests into Penny's receiver, the fake Slack Web
 * API, and a scripted OpenAI-compatible model on 127.0.0.1 calling the real tools. "My team" is the
 * asker's team from the owner map, filled in by Penny from who asked, never named by the model.
 */
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { formatValue } from '../../src/ask/answer/format.ts';
import { seedDemo } from '../../src/demo/seed.ts';
import { addDays, isoDay } from '../../src/schema/days.ts';
import { startFakeOpenAI, type FakeOpenAI } from '../support/openai-server.ts';
import { eventBody, signedPost, type SlackCall } from './support/fake-slack.ts';
import { SECRET, slackHarness, type SlackHarness } from './support/harness.ts';

let h: SlackHarness;
let model: FakeOpenAI;
let eventSeq = 0;

beforeAll(async () => {
  model = await startFakeOpenAI();
  h = await slackHarness({
    env: { PENNY_ADMINS: 'U0FINOPS01', OPENAI_API_KEY: 'sk-test-slack-agent', OPENAI_BASE_URL: model.baseURL, PENNY_MODEL: 'gpt-4o-mini' },
    seed: async (t) => void (await seedDemo(t.pool)),
  });
  h.fake.addUser('U0FINOPS01', 'fin@northwind.example');
  h.fake.addUser('U0LENA0001', 'lena.fischer@northwind.example');
}, 240_000);
afterAll(async () => {
  await h?.close();
  await model?.close();
});
beforeEach(() => h.fake.reset());

const blocksText = (c: SlackCall) => JSON.stringify(c.args.blocks ?? []);
const answers = (channel: string) => h.fake.ok('chat.update', (a) => a.channel === channel && !JSON.stringify(a.blocks ?? []).includes('Working on it'));
const dm = (user: string, text: string, ts: string) => eventBody({ type: 'message', channel_type: 'im', user, text, ts, channel: `D${user.slice(1)}`, event_ts: ts }, `EvAgent${++eventSeq}`);

async function ask(user: string, text: string, ts: string): Promise<string> {
  await signedPost(h.eventsUrl, SECRET, dm(user, text, ts));
  const channel = `D${user.slice(1)}`;
  await h.fake.waitFor(() => answers(channel).length === 1);
  return blocksText(answers(channel)[0]!);
}

/** Last calendar month (UTC) as Penny reads it today, as timestamps. */
function lastMonth(): [string, string] {
  const today = isoDay(Date.now());
  const first = `${today.slice(0, 7)}-01`;
  return [`${`${addDays(first, -1).slice(0, 7)}-01`}T00:00:00Z`, `${first}T00:00:00Z`];
}

it('"how much did my team spend last month?": the model sets mine, Penny filters on the asker\'s team from the owner map, and the posted figure is SQL\'s', async () => {
  model.script({ toolCalls: [{ name: 'run_cost_query', args: { time: { period: 'last_month' }, mine: true } }] }, { text: 'That is your team, support.' });
  const text = await ask('U0LENA0001', 'how much did my team spend last month?', '1700000400.000100');
  const [from, to] = lastMonth();
  const { rows } = await h.t.pool.query(
    `select (select coalesce(sum(effective_cost), 0) from cost_lines where tags->>'team' = 'support' and charge_period_start >= $1::timestamptz and charge_period_start < $2::timestamptz)
          + (select coalesce(sum(cost), 0) from llm_usage where team = 'support' and ts >= $1::timestamptz and ts < $2::timestamptz) as v`,
    [from, to],
  );
  expect(Number(rows[0].v)).toBeGreaterThan(0);
  expect(text).toContain(`: ${formatValue(Number(rows[0].v), 'USD')}`);
  expect(text).toContain('for team support');
  expect(text).toContain('\\"my team\\" read as support, from the owner map');
  expect(text).toContain('That is your team, support.');
  // The model was told who asks; the team filter came from Penny, not from the model's call.
  const choose = model.requests.at(-2)!;
  expect(String(choose.messages[0]!.content)).toContain('The asker: a person on team support (from the owner map).');
  expect(JSON.stringify(choose.messages)).not.toContain('"value":"support"');
});

it('"is my team going over budget?" answers from the budget scan for the asker\'s team', async () => {
  model.script({ toolCalls: [{ name: 'forecast_budgets_findings', args: { kind: 'budget', mine: true } }] }, { text: 'Worth a look.' });
  const text = await ask('U0LENA0001', 'is my team going over budget?', '1700000500.000100');
  const { rows } = await h.t.pool.query(`select amount from budgets where scope = '{"team": "support"}'::jsonb`);
  expect(text).toContain(`against ${formatValue(Number(rows[0].amount), 'USD')}`);
  expect(text).toContain('I read this as: budget of team support');
  for (const other of ['search', 'checkout', 'platform']) expect(text).not.toContain(other);
});

it("an asker the owner map names on no team is told so, and the model's figures are not shown", async () => {
  model.script({ toolCalls: [{ name: 'run_cost_query', args: { time: { period: 'last_month' }, mine: true } }] }, { text: 'Your team spent $4,321.00. Name a team next time.' });
  const text = await ask('U0FINOPS01', 'what did my team spend last month', '1700000600.000100');
  expect(text).toContain('The owner map names you on no team');
  expect(text).toContain('Name a team next time.');
  expect(text).not.toMatch(/\$\d/);
});
