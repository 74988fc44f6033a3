/**
 * The agent path says what the offline path says beside its headline (issue 17): a bare name
 * several sub accounts share is summed and the answer lists what it summed (the real-world FOCUS
 * exports: "data-analytics" is an AWS linked account, a GCP project and an Azure subscription), and
 * the failure rate of LLM calls is counted over the calls whose source records a status, saying
 * that denominator and which sources record none (LiteLLM spend logs with a status on each row,
 * and OpenAI's organization usage export, which records none, both through the real ingest). The
 * model is the scripted OpenAI-compatible server on 127.0.0.1; truths are SQL written here by hand,
 * and each note is the one the offline planner gives the same question.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../../src/ask/agent/answer.ts';
import { answerOffline } from '../../../src/ask/answer/answer.ts';
import { formatValue } from '../../../src/ask/answer/format.ts';
import { loadEnv, type Env } from '../../../src/config/env.ts';
import { loadUsageFile } from '../../../src/ingest/usage/load.ts';
import { startFakeOpenAI, type FakeOpenAI } from '../../support/openai-server.ts';
import { realFocus } from '../support/real-focus.ts';

const { f, sql } = realFocus();
const admin = { admin: true, teams: [] };
/** Every FOCUS charge is in May 2026; the calls below are too. */
const AS_OF = '2026-06-15';
const MAY = "charge_period_start >= '2026-05-01' and charge_period_start < '2026-06-01'";
const CALLS_MAY = "ts >= '2026-05-01' and ts < '2026-06-01'";
let fake: FakeOpenAI;
let env: Env;

const loadCalls = async (name: string, text: string) => {
  const file = path.join(f.dir, name);
  await fs.writeFile(file, text);
  expect(await loadUsageFile(f.t.pool, file)).toMatchObject({ status: 'loaded', rejected: 0 });
};

beforeAll(async () => {
  // LiteLLM spend logs of the search team on ten May days: gpt-4o fails every fourth call, gpt-4o-mini every ninth.
  const logs = Array.from({ length: 10 }, (_, d) => `2026-05-${String(11 + d).padStart(2, '0')}`).flatMap((day, d) =>
    ['gpt-4o', 'gpt-4o-mini', 'gpt-4o', 'gpt-4o-mini', 'gpt-4o-mini'].map((model, i) => ({
      request_id: `chatcmpl-${day}-${i}`,
      startTime: `${day}T0${i}:15:00+00:00`,
      model,
      custom_llm_provider: 'openai',
      team_id: 'search',
      spend: model === 'gpt-4o' ? 0.004 : 0.0006,
      prompt_tokens: 420,
      completion_tokens: 55,
      status: (d * 5 + i) % (model === 'gpt-4o' ? 4 : 9) === 0 ? 'failure' : 'success',
    })),
  );
  await loadCalls('spend-logs.jsonl', `${logs.map((r) => JSON.stringify(r)).join('\n')}\n`);
  // OpenAI's organization usage export for the ops project: a daily bucket, with no status.
  const start = Date.parse('2026-05-14T00:00:00Z') / 1000;
  const bucket = {
    object: 'bucket',
    start_time: start,
    end_time: start + 86_400,
    results: [
      {
        object: 'organization.usage.completions.result',
        input_tokens: 9000,
        output_tokens: 1200,
        input_cached_tokens: 0,
        num_model_requests: 17,
        project_id: 'proj_ops',
        user_id: null,
        api_key_id: null,
        model: 'gpt-4o-mini-2024-07-18',
        batch: false,
      },
    ],
  };
  await loadCalls('openai-usage.json', JSON.stringify({ object: 'page', data: [bucket], has_more: false, next_page: null }));
  fake = await startFakeOpenAI();
  env = loadEnv({ DATABASE_URL: f.t.url, OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: fake.baseURL, PENNY_MODEL: 'gpt-4o-mini' });
}, 120_000);
afterAll(async () => {
  await fake?.close();
});

/** The agent's answer after the scripted model ran one cost query with these arguments and said `commentary`. */
async function viaQuery(args: unknown, question: string, commentary: string) {
  fake.script({ toolCalls: [{ name: 'run_cost_query', args }] }, { text: commentary });
  return answerQuestion(f.t.pool, env, question, { viewer: admin, asOf: AS_OF });
}
const offline = (question: string) => answerOffline(f.t.pool, question, { viewer: admin, asOf: AS_OF });
/** The sentence of an answer that starts with these words. */
const sentenceFrom = (text: string, start: string) => text.slice(text.indexOf(start)).split('\n')[0]!;

describe('a bare name several sub accounts share', () => {
  const DATA_ANALYTICS = { dataset: 'cloud', filters: [{ dimension: 'SubAccountName', op: 'eq', value: 'data-analytics' }], time: { period: 'last_month' } };

  it('is summed, and the headline lists what it summed, as the offline answer does; the model may quote a part', async () => {
    const { rows } = await f.t.pool.query<{ provider_name: string; sub_account_type: string; sub_account_id: string; v: string }>(
      `select provider_name, sub_account_type, sub_account_id, sum(effective_cost) v from cost_lines where sub_account_name = 'data-analytics' and ${MAY} group by 1, 2, 3 order by v desc`,
    );
    expect(rows).toHaveLength(3);
    const top = formatValue(Number(rows[0]!.v), 'USD');
    const a = await viaQuery(DATA_ANALYTICS, 'data-analytics spend last month', `Most of it is ${rows[0]!.provider_name}'s ${top}.`);
    const [headline, commentary] = a.answer.split('\n');
    expect(a.value).toBeCloseTo(
      rows.reduce((s, r) => s + Number(r.v), 0),
      6,
    );
    expect(headline).toContain('That sums 3 sub accounts named data-analytics: ');
    for (const r of rows) expect(headline).toContain(`${r.provider_name} ${r.sub_account_type} ${r.sub_account_id} (${formatValue(Number(r.v), 'USD')})`);
    const note = sentenceFrom(headline!, 'That sums');
    expect(note).toBe(sentenceFrom((await offline('data-analytics spend in may')).answer, 'That sums'));
    // The part's amount is in Penny's own note, so the model's sentence quoting it stays.
    expect(commentary).toBe(`Most of it is ${rows[0]!.provider_name}'s ${top}.`);
    expect(a.llmCalls).toBe(2);
  });

  it('written as a list of one name, it says the same', async () => {
    const a = await viaQuery({ ...DATA_ANALYTICS, filters: [{ dimension: 'SubAccountName', op: 'in', values: ['data-analytics'] }] }, 'data-analytics spend last month', 'Noted.');
    expect(a.answer).toContain('That sums 3 sub accounts named data-analytics: ');
    expect(a.llmCalls).toBe(2);
  });

  it('near misses: a name kept to one kind, or split by provider, and a name one service has, say nothing more', async () => {
    const kept = await viaQuery(
      { ...DATA_ANALYTICS, filters: [...DATA_ANALYTICS.filters, { dimension: 'SubAccountType', op: 'eq', value: 'Microsoft Azure Subscription' }] },
      'the data-analytics subscription last month',
      'Noted.',
    );
    expect(kept.value).toBeCloseTo(
      await sql(`select sum(effective_cost) v from cost_lines where sub_account_name = 'data-analytics' and sub_account_type = 'Microsoft Azure Subscription' and ${MAY}`),
      6,
    );
    expect(kept.answer).not.toContain('That sums');
    const split = await viaQuery({ ...DATA_ANALYTICS, groupBy: ['ProviderName'] }, 'data-analytics spend by provider last month', 'Noted.');
    expect(split.rows).toHaveLength(3);
    expect(split.answer).not.toContain('That sums');
    const single = await viaQuery({ dataset: 'cloud', filters: [{ dimension: 'ServiceName', op: 'eq', value: 'BigQuery' }], time: { period: 'last_month' } }, 'bigquery last month', 'Noted.');
    expect(single.value).toBeGreaterThan(0);
    expect(single.answer).not.toContain('That sums');
  });
});

describe('the failure rate of LLM calls, over the calls whose source records status', () => {
  const count = (where: string) => sql(`select coalesce(sum(requests), 0) v from llm_usage where ${CALLS_MAY} and ${where}`);

  it('says its denominator and the source that records none, as the offline answer does', async () => {
    const [failed, known, unknown] = await Promise.all([count("status = 'error'"), count('status is not null'), count('status is null')]);
    expect(failed).toBeGreaterThan(0);
    expect(unknown).toBe(17);
    const rate = `${((failed / known) * 100).toFixed(1)}%`;
    const a = await viaQuery(
      { dataset: 'ai', measure: 'failure_rate', time: { period: 'last_month' } },
      'what was our LLM error rate last month?',
      `About ${rate} of calls failed. That is 40% worse than usual.`,
    );
    const [headline, commentary] = a.answer.split('\n');
    expect(a.unit).toBe('ratio');
    expect(a.value).toBeCloseTo(failed / known, 10);
    expect(headline).toMatch(/^Failure rate of LLM calls, 2026-05-01 to 2026-05-31: /);
    expect(headline).toContain(`${rate} (${failed} failed of ${known} calls whose source records status)`);
    expect(headline).toContain(`This counts only among the ${known} calls whose source records status; OpenAI's organization usage export (17 calls) in scope record none`);
    expect(a.how).toContain('failure rate = failed calls over the calls whose source records status');
    // The rate is Penny's; "40%" is not, and its sentence goes.
    expect(commentary).toBe(`About ${rate} of calls failed.`);
    expect(a.llmCalls).toBe(2);
    const planner = await offline('what was our LLM error rate in may?');
    expect(planner.value).toBeCloseTo(a.value!, 10);
    expect(sentenceFrom(headline!, 'This counts only')).toBe(sentenceFrom(planner.answer, 'This counts only'));
  });

  it('per model, each rate with its own counts', async () => {
    const a = await viaQuery({ dataset: 'ai', measure: 'failure_rate', groupBy: ['model'], time: { period: 'last_month' } }, 'error rate by model last month', 'Noted.');
    const { rows } = await f.t.pool.query(
      `select model, sum(requests) filter (where status = 'error') failed, sum(requests) filter (where status is not null) known from llm_usage where ${CALLS_MAY} and status is not null group by 1`,
    );
    expect(rows).toHaveLength(2);
    for (const r of rows)
      expect(a.answer).toContain(`${r.model} ${((Number(r.failed) / Number(r.known)) * 100).toFixed(1)}% (${Number(r.failed)} failed of ${Number(r.known)} calls whose source records status)`);
    expect(a.rows.map((r) => r.model).sort()).toEqual(rows.map((r) => r.model).sort());
    expect(a.llmCalls).toBe(2);
  });

  it('a follow-up sees what the rate was of: the calls in scope, not only the failed ones', async () => {
    const ask = (question: string) => answerQuestion(f.t.pool, env, question, { viewer: admin, asOf: AS_OF, threadId: 'rate-follow-up' });
    fake.script({ toolCalls: [{ name: 'run_cost_query', args: { dataset: 'ai', measure: 'failure_rate', time: { period: 'last_month' } } }] }, { text: 'Noted.' });
    await ask('LLM error rate last month?');
    fake.script({ text: 'Which model do you mean?' });
    await ask('and for one model?');
    const history = String(fake.requests.at(-1)!.messages[0]!.content).split('Earlier in this conversation:')[1]!;
    expect(history).toContain('Q: LLM error rate last month?');
    expect(history).toMatch(/query: \{"dataset":"ai","metric":"requests",/);
    expect(history).not.toContain('call_status');
    expect(history).toContain('A: Noted.');
  });

  it('over a scope where no call records status, is declined naming the source, not answered 0%', async () => {
    const a = await viaQuery(
      { dataset: 'ai', measure: 'failure_rate', filters: [{ dimension: 'model', op: 'eq', value: 'gpt-4o-mini-2024-07-18' }], time: { period: 'last_month' } },
      'error rate of gpt-4o-mini-2024-07-18 last month',
      'It never fails.',
    );
    expect(a.value).toBeNull();
    expect(a.answer).toMatch(/^The sources in scope don't record whether a call failed: OpenAI's organization usage export \(17 calls\) carry no call status/);
    expect(a.llmCalls).toBe(2);
    expect(a.answer).not.toContain('offline planner');
  });

  it('asked over time, a rate per period, each over the calls whose source records status', async () => {
    const a = await viaQuery({ dataset: 'ai', measure: 'failure_rate', granularity: 'week', time: { period: 'last_month' } }, 'error rate by week last month', 'Noted.');
    const { rows } = await f.t.pool.query(
      `select date_trunc('week', ts)::date::text period, sum(requests) filter (where status = 'error') failed, sum(requests) known from llm_usage where ${CALLS_MAY} and status is not null group by 1 order by 1`,
    );
    expect(rows.length).toBeGreaterThan(1);
    expect(a.rows).toHaveLength(rows.length);
    for (const [i, r] of rows.entries()) expect(a.rows[i]).toMatchObject({ part: Number(r.failed), whole: Number(r.known) });
    expect(a.answer).toContain('whose source records status');
    expect(a.llmCalls).toBe(2);
  });
});
