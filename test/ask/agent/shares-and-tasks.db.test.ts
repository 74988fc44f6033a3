/**
 * The agent path answers what the offline path answers (issue 17): a cost per task says the tasks
 * it divides by; a share of spend ("what % of AWS spend is compute", "% of AI spend untagged",
 * "share of our spend that is AI"), commitment coverage and utilization are measures of the
 * agent's typed tool, answered by the planner's own share code with the same headline and notes;
 * savings against list price come per group. Data: the real-world FOCUS exports (which hold
 * commitments) through `penny ingest focus`, and LiteLLM spend logs with task ids and task
 * outcomes through their real loaders, all in May 2026. The model is the scripted
 * OpenAI-compatible server on 127.0.0.1; truths are SQL written here by hand, and each headline is
 * the one the offline planner gives the same question.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../../src/ask/agent/answer.ts';
import { answerOffline } from '../../../src/ask/answer/answer.ts';
import { loadEnv, type Env } from '../../../src/config/env.ts';
import { loadTasksFile } from '../../../src/ingest/tasks/load.ts';
import { loadUsageFile } from '../../../src/ingest/usage/load.ts';
import { startFakeOpenAI, type FakeOpenAI } from '../../support/openai-server.ts';
import { realFocus } from '../support/real-focus.ts';

const { f, sql } = realFocus();
const admin = { admin: true, teams: [] };
const AS_OF = '2026-06-15';
const MAY = "charge_period_start >= '2026-05-01' and charge_period_start < '2026-06-01'";
const CALLS_MAY = "ts >= '2026-05-01' and ts < '2026-06-01'";
const LAST_MONTH = { time: { period: 'last_month' } };
let fake: FakeOpenAI;
let env: Env;

beforeAll(async () => {
  // Twelve May days: team research runs three agent tasks a day (the first of each day fails), and
  // an untagged batch job makes calls with no task.
  const calls: string[] = [];
  const outcomes: string[] = [];
  for (let d = 0; d < 12; d++) {
    const day = `2026-05-${String(3 + d).padStart(2, '0')}`;
    for (let i = 0; i < 3; i++) {
      const id = `research-${day}-${i}`;
      const at = `${day}T1${i}:00:00+00:00`;
      for (let c = 0; c <= i; c++) {
        const spend = 0.01 * (c + 1) + 0.002 * d;
        calls.push(
          JSON.stringify({
            request_id: `${id}-${c}`,
            startTime: at,
            model: 'gpt-4o',
            custom_llm_provider: 'openai',
            team_id: 'research',
            metadata: { task_id: id },
            spend,
            prompt_tokens: 800,
            completion_tokens: 90,
          }),
        );
      }
      outcomes.push(JSON.stringify({ task_id: id, status: i === 0 ? 'failure' : 'success', timestamp: at, team: 'research' }));
    }
    calls.push(
      JSON.stringify({ request_id: `batch-${day}`, startTime: `${day}T03:00:00+00:00`, model: 'gpt-4o-mini', custom_llm_provider: 'openai', spend: 0.05, prompt_tokens: 5000, completion_tokens: 300 }),
    );
  }
  const usage = path.join(f.dir, 'gateway.jsonl');
  const tasks = path.join(f.dir, 'tasks.jsonl');
  await fs.writeFile(usage, `${calls.join('\n')}\n`);
  await fs.writeFile(tasks, `${outcomes.join('\n')}\n`);
  expect(await loadUsageFile(f.t.pool, usage)).toMatchObject({ status: 'loaded', rejected: 0 });
  expect(await loadTasksFile(f.t.pool, tasks)).toMatchObject({ status: 'loaded', rejected: 0 });
  fake = await startFakeOpenAI();
  env = loadEnv({ DATABASE_URL: f.t.url, OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: fake.baseURL, PENNY_MODEL: 'gpt-4o-mini' });
}, 120_000);
afterAll(async () => {
  await fake?.close();
});

/** The agent's answer after the scripted model ran one cost query with these arguments. */
async function viaQuery(args: unknown, question: string, commentary = 'Noted.') {
  fake.script({ toolCalls: [{ name: 'run_cost_query', args }] }, { text: commentary });
  return answerQuestion(f.t.pool, env, question, { viewer: admin, asOf: AS_OF });
}
/** The answer when the tool refuses the model's input: the graph ends without a second model call, and the planner answers. */
async function viaRefusedQuery(args: unknown, question: string) {
  fake.script({ toolCalls: [{ name: 'run_cost_query', args }] });
  return answerQuestion(f.t.pool, env, question, { viewer: admin, asOf: AS_OF });
}
const offline = (question: string) => answerOffline(f.t.pool, question, { viewer: admin, asOf: AS_OF });
/** The sentence of an answer that starts with these words. */
const sentenceFrom = (text: string, start: string) => text.slice(text.indexOf(start)).split('\n')[0]!;
/** The headline as the agent says it: the planner's, with its words for the period left out ("in may" is the dates alone). */
const headline = (text: string) => text.split('\n')[0]!.replace(/May 2026 \((2026-05-01 to 2026-05-31)\)/, '$1');

describe('a cost per task says the tasks it divides by', () => {
  const tasks = (where = 'true') => sql(`select count(distinct task_id) v from task_outcomes where ${CALLS_MAY} and ${where}`);

  it('cost per task: over all tasks, whatever their outcome, with how many succeeded, as the offline answer says', async () => {
    const [all, ok, cost] = await Promise.all([tasks(), tasks("status = 'success'"), sql(`select sum(cost) v from llm_usage where task_id is not null and ${CALLS_MAY}`)]);
    expect([all, ok]).toEqual([36, 24]);
    const a = await viaQuery({ dataset: 'ai', metric: 'cost_per_task', ...LAST_MONTH }, 'what does an agent task cost us on average? last month');
    expect(a.value).toBeCloseTo(cost / all, 9);
    expect(a.answer).toContain('That is over all 36 tasks, whatever their outcome, of which 24 succeeded');
    const planner = await offline('average cost per task in may');
    expect(planner.value).toBeCloseTo(a.value!, 9);
    expect(sentenceFrom(a.answer, 'That is over')).toBe(sentenceFrom(planner.answer, 'That is over'));
    expect(a.llmCalls).toBe(2);
  });

  it('cost per successful task: divides by the successes, of how many in all; per team, every row together', async () => {
    const a = await viaQuery({ dataset: 'ai', metric: 'cost_per_successful_task', ...LAST_MONTH }, 'cost per successful task last month');
    expect(a.answer).toContain('That divides by the 24 tasks that succeeded, of 36 in all');
    expect(sentenceFrom(a.answer, 'That divides')).toBe(sentenceFrom((await offline('cost per successful task in may')).answer, 'That divides'));
    const byTeam = await viaQuery({ dataset: 'ai', metric: 'cost_per_task', groupBy: ['team'], ...LAST_MONTH }, 'cost per task by team last month');
    expect(byTeam.answer).toContain('That is over all 36 tasks, every row together, whatever their outcome, of which 24 succeeded');
  });

  it('near miss: a cost per call says nothing of tasks', async () => {
    const a = await viaQuery({ dataset: 'ai', metric: 'cost_per_request', ...LAST_MONTH }, 'cost per llm call last month');
    expect(a.value).toBeGreaterThan(0);
    expect(a.answer).not.toContain('tasks');
  });
});

describe('a share of spend through the tool', () => {
  it('"what % of AWS spend in May was compute": the part over the whole, with the planner\'s headline', async () => {
    const [part, whole] = await Promise.all([
      sql(`select sum(effective_cost) v from cost_lines where provider_name = 'AWS' and service_category = 'Compute' and ${MAY}`),
      sql(`select sum(effective_cost) v from cost_lines where provider_name = 'AWS' and ${MAY}`),
    ]);
    expect(part).toBeGreaterThan(0);
    expect(part).toBeLessThan(whole);
    const a = await viaQuery(
      { dataset: 'cloud', filters: [{ dimension: 'ProviderName', op: 'eq', value: 'AWS' }], measure: 'share', part: [{ dimension: 'ServiceCategory', op: 'eq', value: 'Compute' }], ...LAST_MONTH },
      'what % of AWS spend last month was compute?',
    );
    expect(a.unit).toBe('ratio');
    expect(a.value).toBeCloseTo(part / whole, 9);
    expect(a.answer).not.toContain('offline planner');
    expect(a.how).toContain("share = the part's total over the whole's");
    const planner = await offline('what % of AWS spend in May was compute?');
    expect(planner.value).toBeCloseTo(a.value!, 9);
    expect(headline(a.answer)).toBe(headline(planner.answer));
    expect(a.llmCalls).toBe(2);
  });

  it('"what share of our spend is AI": a kind of spend over all of it', async () => {
    const [ai, cloud] = await Promise.all([sql(`select sum(cost) v from llm_usage where ${CALLS_MAY}`), sql(`select sum(effective_cost) v from cost_lines where ${MAY} and billing_currency = 'USD'`)]);
    const a = await viaQuery({ dataset: 'all', measure: 'share', part: [{ dimension: 'dataset', op: 'eq', value: 'ai' }], ...LAST_MONTH }, 'what share of our spend last month was AI?');
    const planner = await offline('what share of our spend in may was AI?');
    expect(planner.rows.length).toBeGreaterThan(0);
    expect(a.rows).toEqual(planner.rows);
    const usd = a.rows.find((r) => r.currency === 'USD')!;
    expect(usd.part).toBeCloseTo(ai, 9);
    expect(usd.whole).toBeCloseTo(ai + cloud, 6);
    expect(headline(a.answer)).toBe(headline(planner.answer));
  });

  it('"what % of AI spend is untagged": the untagged total with its share, as the planner answers it', async () => {
    const [untagged, all] = await Promise.all([sql(`select sum(cost) v from llm_usage where team is null and ${CALLS_MAY}`), sql(`select sum(cost) v from llm_usage where ${CALLS_MAY}`)]);
    expect(untagged).toBeGreaterThan(0);
    const a = await viaQuery({ dataset: 'ai', measure: 'share', part: [{ dimension: 'team', op: 'eq', value: null }], ...LAST_MONTH }, 'what % of AI spend last month is untagged?');
    expect(a.value).toBeCloseTo(untagged, 9);
    expect(a.answer).toContain(`${((untagged / all) * 100).toFixed(1)}%`);
    const planner = await offline('what % of AI spend in may is untagged?');
    expect(planner.value).toBeCloseTo(untagged, 9);
    expect(headline(a.answer)).toBe(headline(planner.answer));
  });

  it('near misses: a part that adds nothing, or a share per group, is refused and the planner answers instead', async () => {
    const aws = [{ dimension: 'ProviderName', op: 'eq', value: 'AWS' }];
    const same = await viaRefusedQuery({ dataset: 'cloud', filters: aws, measure: 'share', part: aws, ...LAST_MONTH }, 'what % of AWS spend is AWS?');
    expect(same.answer).toContain('`part` adds no filter to the query');
    expect(same.llmCalls).toBe(1);
    const grouped = await viaRefusedQuery(
      { dataset: 'cloud', groupBy: ['ProviderName'], measure: 'share', part: [{ dimension: 'ServiceCategory', op: 'eq', value: 'Compute' }], ...LAST_MONTH },
      'share of compute by provider',
    );
    expect(grouped.answer).toContain('answered by the offline planner');
  });
});

describe('commitment coverage and utilization through the tool', () => {
  const AWS_USAGE = "charge_category = 'Usage' and commitment_discount_status is distinct from 'Unused' and provider_name = 'AWS'";

  it("coverage: covered usage over all usage, unused commitment left out, with the planner's headline and reading", async () => {
    const want = await sql(`select sum(effective_cost) filter (where commitment_discount_id is not null) / sum(effective_cost) v from cost_lines where ${AWS_USAGE} and ${MAY}`);
    expect(want).toBeGreaterThan(0);
    expect(want).toBeLessThan(1);
    const a = await viaQuery(
      { dataset: 'cloud', filters: [{ dimension: 'ProviderName', op: 'eq', value: 'AWS' }], measure: 'commitment_coverage', ...LAST_MONTH },
      'what was our AWS commitment coverage last month?',
    );
    expect(a.value).toBeCloseTo(want, 9);
    expect(a.answer).toMatch(/^Commitment coverage for provider AWS and charge category Usage.*, 2026-05-01 to 2026-05-31: \d+\.\d% \(\$/);
    expect(a.how).toContain('coverage = effective cost of usage with a commitment discount over all usage in the scope');
    const planner = await offline('commitment coverage for aws in may');
    expect(planner.value).toBeCloseTo(want, 9);
    expect(headline(a.answer)).toBe(headline(planner.answer));
    expect(a.llmCalls).toBe(2);
  });

  it('utilization: used commitment over used and unused', async () => {
    const want = await sql(
      `select sum(effective_cost) filter (where commitment_discount_status = 'Used') / sum(effective_cost) v from cost_lines where commitment_discount_status in ('Used', 'Unused') and provider_name = 'AWS' and ${MAY}`,
    );
    expect(want).toBeGreaterThan(0);
    const a = await viaQuery(
      { dataset: 'all', filters: [{ dimension: 'ProviderName', op: 'eq', value: 'AWS' }], measure: 'commitment_utilization', ...LAST_MONTH },
      'how utilized were our AWS commitments last month?',
    );
    expect(a.value).toBeCloseTo(want, 9);
    expect(a.answer).toMatch(/^Commitment utilization for provider AWS/);
    expect((await offline('commitment utilization for AWS in May')).value).toBeCloseTo(want, 9);
  });

  it('near miss: coverage of AI usage is declined, saying why', async () => {
    const a = await viaQuery({ dataset: 'ai', measure: 'commitment_coverage', ...LAST_MONTH }, 'commitment coverage of our LLM spend');
    expect(a.value).toBeNull();
    expect(a.answer).toMatch(/^Commitment coverage is a measure of cloud billing/);
  });
});

describe('savings against list price per group', () => {
  it('a row per provider and currency, ranked by savings, as the planner gives it', async () => {
    const a = await viaQuery({ measure: 'savings', groupBy: ['provider'], ...LAST_MONTH }, 'savings against list price by provider last month');
    const planner = await offline('savings against list price by provider in may');
    expect(planner.rows.length).toBeGreaterThan(1);
    expect(a.rows).toEqual(planner.rows);
    const { rows } = await f.t.pool.query(`select provider_name, billing_currency, sum(list_cost - effective_cost) v from cost_lines where ${MAY} group by 1, 2`);
    for (const r of rows) expect(a.rows.find((x) => x.provider === r.provider_name && x.currency === r.billing_currency)?.savings).toBeCloseTo(Number(r.v), 6);
    expect(headline(a.answer)).toBe(headline(planner.answer));
  });
});

describe('amounts per invoice over every stored period', () => {
  const AZURE = [{ dimension: 'ProviderName', op: 'eq', value: 'Microsoft Azure' }];

  it('each invoice is read whole, and the answer says so, as the planner says it', async () => {
    const { rows } = await f.t.pool.query(`select invoice_id, sum(billed_cost) v from cost_lines where provider_name = 'Microsoft Azure' group by 1`);
    expect(rows.length).toBeGreaterThan(1);
    const a = await viaQuery({ dataset: 'cloud', metric: 'billed_cost', filters: AZURE, groupBy: ['InvoiceId'], time: { last_n_days: 3660 } }, 'Azure invoice totals');
    expect(a.rows).toHaveLength(rows.length);
    for (const r of rows) expect(a.rows.find((x) => x.InvoiceId === r.invoice_id)?.billed_cost).toBeCloseTo(Number(r.v), 6);
    const planner = await offline('Azure invoice totals');
    expect(a.rows).toEqual(planner.rows);
    expect(a.how).toContain('each invoice is read whole, over every billing period it covers');
    expect(headline(a.answer)).toBe(headline(planner.answer));
  });

  it("near miss: invoices over one month are that month's part, with no such note", async () => {
    const a = await viaQuery({ dataset: 'cloud', metric: 'billed_cost', filters: AZURE, groupBy: ['InvoiceId'], ...LAST_MONTH }, 'Azure invoice amounts last month');
    expect(a.how).not.toContain('read whole');
  });
});

describe('quantities of different units', () => {
  it('are split by their unit, never summed, and the how-line says why, as the planner does', async () => {
    const { rows } = await f.t.pool.query(`select consumed_unit, sum(consumed_quantity) v from cost_lines where ${MAY} and consumed_quantity is not null group by 1`);
    expect(rows.length).toBeGreaterThan(1);
    const a = await viaQuery({ dataset: 'cloud', metric: 'consumed_quantity', ...LAST_MONTH }, 'how much did we consume last month?');
    expect(a.query?.groupBy).toEqual(['ConsumedUnit']);
    for (const r of rows) expect(a.rows.find((x) => x.ConsumedUnit === r.consumed_unit)?.consumed_quantity).toBeCloseTo(Number(r.v), 6);
    expect(a.how).toContain('split by consumed unit, as amounts in different units do not add up');
    const planner = await offline('consumed quantity in may');
    expect(planner.query?.groupBy).toEqual(['ConsumedUnit']);
    expect(a.value).toBe(planner.value);
  });
});
