/**
 * A question with no period, when the data ends before today (issue 17): last month's export loaded
 * mid-month is answered over the latest 30 days of its data (7 for a change), ending at the last day
 * of the dataset the question reads, said in the how-line; with a lag of two days too; never earlier
 * for a name that stopped spending or a viewer who sees some teams. A period the user named keeps
 * its calendar meaning and its "no data matched" honesty, and data through yesterday keeps the last
 * 30 days. The agent's tool call with no period gets the same window.
 * Data: the real-world FOCUS exports (every charge in May 2026, the last on 2026-05-28), asked as of
 * 2026-06-15, and the LiteLLM fixture's six calls (test/fixtures/usage) moved to 2026-06-10, so AI
 * usage ends later than cloud billing. Truths are SQL written here by hand.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/ask/agent/answer.ts';
import { answerOffline, type Answer } from '../../src/ask/answer/answer.ts';
import { loadEnv, type Env } from '../../src/config/env.ts';
import { runPenny } from '../support/cli.ts';
import { startFakeOpenAI, type FakeOpenAI } from '../support/openai-server.ts';
import { realFocus } from './support/real-focus.ts';

const { f, ask, sql } = realFocus();
const admin = { admin: true, teams: [] };
/** The latest 30 days of cloud data: 2026-04-29 to 2026-05-28. */
const LATEST_30 = { from: '2026-04-29', to: '2026-05-29' };
const rowsOf = async (q: string): Promise<Record<string, number>> => Object.fromEntries((await f.t.pool.query(q)).rows.map((r) => [String(r.k ?? 'null'), Number(r.v)]));
const answered = (a: Answer, key: (r: Answer['rows'][number]) => string) => Object.fromEntries(a.rows.map((r) => [key(r), Number(r[a.query!.metric])]));
const close = (want: Record<string, number>) => Object.fromEntries(Object.entries(want).map(([k, v]) => [k, expect.closeTo(v, 6)]));
const askAsOf = (q: string, asOf: string) => answerOffline(f.t.pool, q, { viewer: admin, asOf });

let dir: string;
let fake: FakeOpenAI;
let env: Env;

beforeAll(async () => {
  // The fixture's calls, every one on 2026-06-10: AI usage that runs past the cloud export's end.
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'penny-default-period-'));
  const calls = fs.readFileSync(path.resolve(import.meta.dirname, '../fixtures/usage/calls.litellm.jsonl'), 'utf8').replace(/"(startTime|endTime)": "2026-01-15T/g, '"$1": "2026-06-10T');
  fs.writeFileSync(path.join(dir, 'june.litellm.jsonl'), calls);
  const r = await runPenny(['ingest', 'usage', path.join(dir, 'june.litellm.jsonl'), '--json'], { env: { DATABASE_URL: f.t.url, PENNY_DEMO: 'off' } });
  expect(r.code, r.stderr).toBe(0);
  fake = await startFakeOpenAI();
  env = loadEnv({ DATABASE_URL: f.t.url, OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: fake.baseURL, PENNY_MODEL: 'gpt-4o-mini' });
}, 120_000);
afterAll(async () => {
  await fake?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('no period, cloud data ending before yesterday: the latest 30 days of data', () => {
  it('"what\'s our biggest cost?" ranks services over 2026-04-29 to 2026-05-28, said', async () => {
    const a = await ask("what's our biggest cost?");
    expect(a.query?.time).toEqual(LATEST_30);
    const truth = (
      await f.t.pool.query(
        "select service_name k, sum(effective_cost) v from cost_lines where charge_period_start >= '2026-04-29' and charge_period_start < '2026-05-29' and service_name is not null group by 1 order by 2 desc limit 1",
      )
    ).rows[0];
    expect(a.rows[0]?.ServiceName).toBe(truth.k);
    expect(Number(a.rows[0]?.effective_cost)).toBeCloseTo(Number(truth.v), 6);
    expect(a.answer).toContain('the latest 30 days of data (2026-04-29 to 2026-05-28)');
    expect(a.how).toContain('no period given: the latest 30 days of data, as cloud billing ends 2026-05-28');
  });

  it('"spend by service" and "team-data spend in dev": every charge of the export, per currency', async () => {
    const bySvc = await ask('spend by service');
    expect(answered(bySvc, (r) => `${r.ServiceName}|${r.currency}`)).toEqual(
      close(await rowsOf("select service_name || '|' || billing_currency k, sum(effective_cost) v from cost_lines where charge_period_start >= '2026-04-29' group by 1")),
    );
    const team = await ask('team-data cloud spend in dev');
    expect(team.value, team.answer).toBeCloseTo(await sql("select sum(effective_cost) v from cost_lines where team = 'team-data' and environment = 'dev' and charge_period_start >= '2026-04-29'"), 6);
  });

  it('"why did cloud costs go up": the latest 7 days of data against the 7 before', async () => {
    const a = await ask('why did cloud costs go up');
    expect(a.result?.range).toEqual({ from: '2026-05-22', to: '2026-05-29' });
    expect(a.result?.previous).toEqual({ from: '2026-05-15', to: '2026-05-22' });
    expect(a.how).toContain('no period given: the latest 7 days of data');
  });

  it('the window ends where the export ends, not where the rows asked about end: a service that stopped earlier, a viewer of one team', async () => {
    const stopped = (
      await f.t.pool.query("select service_name s from cost_lines where service_name is not null group by 1 having max(charge_period_start) < '2026-05-20' order by sum(effective_cost) desc limit 1")
    ).rows[0]?.s as string | undefined;
    expect(stopped).toBeDefined();
    const a = await ask(`${stopped} spend`);
    expect(a.query?.time, a.answer).toEqual(LATEST_30);
    const viewer = await answerOffline(f.t.pool, 'spend by service', { viewer: { admin: false, teams: ['team-data'] }, asOf: '2026-06-15' });
    expect(viewer.query?.time).toEqual(LATEST_30);
  });

  it('a lag of two days ends the window at the data too; data through yesterday keeps the last 30 days', async () => {
    const lag = await askAsOf('spend by service', '2026-05-30');
    expect(lag.query?.time).toEqual(LATEST_30);
    expect(lag.how).toContain('the latest 30 days of data, as cloud billing ends 2026-05-28');
    const current = await askAsOf('spend by service', '2026-05-29');
    expect(current.query?.time).toEqual({ last_n_days: 30 });
    expect(current.how).toContain('no period given: the last 30 days');
    // Data after asOf is not the data's end: as of 2026-05-19 the data runs through yesterday.
    expect(await sql("select count(*) v from cost_lines where charge_period_start >= '2026-05-18' and charge_period_start < '2026-05-19'")).toBeGreaterThan(0);
    const before = await askAsOf('spend by service', '2026-05-19');
    expect(before.query?.time).toEqual({ last_n_days: 30 });
  });
});

describe('an average with no period, over the weeks the export holds whole', () => {
  it('"average weekly cloud spend": the 3 whole weeks of May 2026 in the data, per currency; "average monthly cloud spend" has no whole month', async () => {
    const a = await ask('average weekly cloud spend');
    expect(a.answer).toContain('over 3 whole weeks, per currency');
    const usd = await sql("select sum(effective_cost) / 3 v from cost_lines where billing_currency = 'USD' and charge_period_start >= '2026-05-04' and charge_period_start < '2026-05-25'");
    expect(a.answer).toContain(`$${usd.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} a week`);
    expect(a.how).toContain('the latest 12 weeks of data, as cloud billing ends 2026-05-28');
    const month = await ask('average monthly cloud spend');
    expect(month.query, month.answer).toBeNull();
    expect(month.answer).toContain('held by the data (cost data covers 2026-05-01 to 2026-05-28)');
  });
});

describe('each dataset ends on its own day', () => {
  it('AI usage ends 2026-06-10: an AI question takes the 30 days to it; all spend takes the later end and says cloud billing ends earlier', async () => {
    const ai = await ask('how much did we spend on LLM calls');
    expect(ai.query?.time).toEqual({ from: '2026-05-12', to: '2026-06-11' });
    expect(ai.value, ai.answer).toBeCloseTo(await sql("select sum(cost) v from llm_usage where ts >= '2026-05-12' and ts < '2026-06-11'"), 6);
    // Both datasets: the later end, so the window holds the latest data of either, and says the other ends earlier.
    const all = await ask('team-data spend in dev');
    expect(all.query?.dataset).toBe('all');
    expect(all.query?.time).toEqual({ from: '2026-05-12', to: '2026-06-11' });
    expect(all.value, all.answer).toBeCloseTo(await sql("select sum(effective_cost) v from cost_lines where team = 'team-data' and environment = 'dev' and charge_period_start >= '2026-05-12'"), 6);
    expect(all.how).toContain('no period given: the latest 30 days of data, as cost data ends 2026-06-10 (cloud billing ends 2026-05-28)');
  });
});

describe('near misses: a period the user named keeps its calendar meaning', () => {
  it('"in the last 30 days", "this month", "yesterday" are counted back from the asking day, and say what the data covers', async () => {
    const last30 = await ask('cloud spend in the last 30 days');
    expect(last30.query?.time).toEqual({ last_n_days: 30 });
    expect(last30.value).toBeCloseTo(await sql("select sum(effective_cost) v from cost_lines where charge_period_start >= '2026-05-16'"), 6);
    for (const q of ['cloud spend this month', 'cloud spend yesterday']) {
      const a = await ask(q);
      expect(a.answer, q).toContain('No data matched; cost data covers 2026-05-01 to 2026-05-28.');
      expect(a.how ?? '', q).not.toContain('latest');
    }
  });
});

describe('the agent: a tool call with no period gets the same default', () => {
  it('run_cost_query without time ranks services over the latest 30 days of cloud data, said as the planner says it', async () => {
    fake.script({ toolCalls: [{ name: 'run_cost_query', args: { dataset: 'cloud', groupBy: ['ServiceName'], limit: 1 } }] }, { text: 'Noted.' });
    const a = await answerQuestion(f.t.pool, env, "what's our biggest cost?", { viewer: admin, asOf: '2026-06-15' });
    expect(a.llmCalls, a.answer).toBe(2);
    expect(a.query?.time).toEqual(LATEST_30);
    expect(a.how).toContain('no period given: the latest 30 days of data, as cloud billing ends 2026-05-28');
    // A period the model names is kept.
    fake.script({ toolCalls: [{ name: 'run_cost_query', args: { dataset: 'cloud', groupBy: ['ServiceName'], limit: 1, time: { last_n_days: 30 } } }] }, { text: 'Noted.' });
    const named = await answerQuestion(f.t.pool, env, 'biggest cost in the last 30 days?', { viewer: admin, asOf: '2026-06-15' });
    expect(named.query?.time).toEqual({ last_n_days: 30 });
  });
});
