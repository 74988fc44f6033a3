/**
 * Declines round 37 left, answered by class over the demo company: unit costs at a scale ("cost per
 * 1,000 calls", "per 1M requests") and the share of agent tasks that failed or succeeded, said with
 * both counts. Each with a near miss that keeps its old reading. Truths are hand-written SQL over
 * the raw tables (llm_usage, task_outcomes).
 */
import { describe, expect, it } from 'vitest';
import { demoCompany } from './support/demo-company.ts';

const demo = demoCompany();
const OCT = "ts >= '2026-10-01' and ts < '2026-11-01'";

describe('a unit cost at a scale: the cost per call times the scale, said', () => {
  it.each([
    ["what's the cost per 1,000 calls for query-rewrite over the last 30 days", 1000, "feature = 'query-rewrite' and ts >= '2026-10-24' and ts < '2026-11-23'", 'per 1,000 LLM calls'],
    ['cost per 1k requests for query-rewrite in October', 1000, `feature = 'query-rewrite' and ${OCT}`, 'per 1,000 LLM calls'],
    ['support-agent cost per million calls last month', 1_000_000, `feature = 'support-agent' and ${OCT}`, 'per million LLM calls'],
    ['what do we pay per 1M api calls in October', 1_000_000, OCT, 'per million LLM calls'],
  ])('"%s" is %d × cost per call', async (q, scale, where, said) => {
    const a = await demo.ask(q);
    expect(a.value, a.answer).toBeCloseTo(await demo.sql(`select ${scale} * sum(cost) / count(*) v from llm_usage where ${where}`), 6);
    expect(a.answer).toContain(said);
  });

  it('"AI spend per 1k requests by model in October" is a row per model', async () => {
    const a = await demo.ask('AI spend per 1k requests by model in October');
    expect(a.query?.metric, a.answer).toBe('cost_per_1k_requests');
    const want = await demo.byKey(`select model k, 1000 * sum(cost) / count(*) v from llm_usage where ${OCT} group by 1`);
    expect(Object.fromEntries(a.rows.map((r) => [String(r.model), Number(r.cost_per_1k_requests)]))).toEqual(Object.fromEntries([...want].map(([k, v]) => [k, expect.closeTo(v, 6)])));
  });

  it('near misses: per call, per 1k tokens and per million tokens keep their readings', async () => {
    const call = await demo.ask('cost per call for query-rewrite in October');
    expect(call.value, call.answer).toBeCloseTo(await demo.sql(`select sum(cost) / count(*) v from llm_usage where feature = 'query-rewrite' and ${OCT}`), 6);
    expect((await demo.ask('cost per 1k tokens on gpt-4o in October')).query?.metric).toBe('cost_per_1k_tokens');
    expect((await demo.ask('price per million tokens for gpt-4o last month')).query?.metric).toBe('cost_per_1m_tokens');
  });
});

/** Distinct task ids of support-agent in October that ended with `status`, and all of them. */
const supportTasks = (status: string) =>
  demo.sql(`select count(distinct task_id) filter (where status = '${status}') * 1.0 / count(distinct task_id) v from task_outcomes where feature = 'support-agent' and ${OCT}`);

describe('the share of agent tasks that failed or succeeded, with both counts', () => {
  it.each([
    'what fraction of support-agent tasks failed in October?',
    'what % of support-agent tasks failed last month',
    'failure rate of support-agent tasks in October',
    'support-agent task failure rate in October',
  ])('"%s" is failed tasks over all tasks of the feature (it was declined)', async (q) => {
    const a = await demo.ask(q);
    expect(a.query?.metric, a.answer).toBe('task_failure_rate');
    expect(a.query?.filters).toEqual([{ dimension: 'feature', op: 'eq', value: 'support-agent' }]);
    expect(a.value, a.answer).toBeCloseTo(await supportTasks('failure'), 6);
    const [failed, all] = [
      await demo.sql(`select count(distinct task_id) v from task_outcomes where status = 'failure' and feature = 'support-agent' and ${OCT}`),
      await demo.sql(`select count(distinct task_id) v from task_outcomes where feature = 'support-agent' and ${OCT}`),
    ];
    expect(a.answer).toContain(`${failed.toLocaleString('en-US')} of ${all.toLocaleString('en-US')} tasks failed`);
  });

  it('"what % of support-agent tasks succeeded in October" is the success rate (it was declined)', async () => {
    const a = await demo.ask('what % of support-agent tasks succeeded in October');
    expect(a.query?.metric, a.answer).toBe('task_success_rate');
    expect(a.value, a.answer).toBeCloseTo(await supportTasks('success'), 6);
  });

  it('"task failure rate by feature in October" is a row per feature', async () => {
    const a = await demo.ask('task failure rate by feature in October');
    expect(a.query?.metric, a.answer).toBe('task_failure_rate');
    const want = await demo.byKey(`select feature k, count(distinct task_id) filter (where status = 'failure') * 1.0 / count(distinct task_id) v from task_outcomes where ${OCT} group by 1`);
    expect(Object.fromEntries(a.rows.map((r) => [String(r.feature), Number(r.task_failure_rate)]))).toEqual(Object.fromEntries([...want].map(([k, v]) => [k, expect.closeTo(v, 6)])));
  });

  it('a count of failed support-agent tasks is of the feature, not the support team', async () => {
    const a = await demo.ask('how many support-agent tasks failed in October');
    expect(a.query?.metric).toBe('failed_tasks');
    expect(a.query?.filters, a.answer).toEqual([{ dimension: 'feature', op: 'eq', value: 'support-agent' }]);
  });

  it('near misses: an error rate and a share of failed calls are still of LLM calls', async () => {
    for (const q of ['error rate by model last month', 'what % of calls failed last week']) {
      const a = await demo.ask(q);
      expect(a.answer).toContain("don't record whether a call failed");
    }
  });
});
