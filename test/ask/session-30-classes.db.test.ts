/**
 * Classes Penny declined before session 30 (issue 17's "still declined" list), over the demo
 * company, each against SQL written here by hand over the raw tables and with a near miss: AI or
 * cloud spend of a scope side by side with the difference, the tasks that made the most calls,
 * "what's driving EC2 costs" with no change word (a breakdown one level below, said), and "unit
 * cost" with no "per" (per LLM call for AI spend, said; else Penny asks which unit).
 */
import { describe, expect, it } from 'vitest';
import { demoCompany } from './support/demo-company.ts';

const demo = demoCompany();
const ask = demo.ask;
const OCT = "'2026-10-01' and '2026-11-01'";
const LAST_WEEK = "'2026-11-16' and '2026-11-23'";
const inRange = (column: string, range: string) => `${column} >= ${range.replace(' and ', ` and ${column} < `)}`;

describe('AI or cloud spend of a scope', () => {
  it('"did checkout spend more on AI or on cloud last month" is a row each and the difference', async () => {
    const a = await ask('did checkout spend more on AI or on cloud last month?');
    const ai = await demo.sql(`select sum(cost) v from llm_usage where team = 'checkout' and ${inRange('ts', OCT)}`);
    const cloud = await demo.sql(`select sum(effective_cost) v from cost_lines where team = 'checkout' and ${inRange('charge_period_start', OCT)}`);
    expect(ai).toBeGreaterThan(0);
    expect(cloud).toBeGreaterThan(0);
    const got = new Map(a.rows.map((r) => [r.dataset, r.effective_cost as number]));
    expect(got.get('ai')).toBeCloseTo(ai, 2);
    expect(got.get('cloud')).toBeCloseTo(cloud, 2);
    const [hi, lo] = cloud > ai ? ['cloud', 'ai'] : ['ai', 'cloud'];
    const diff = Math.abs(cloud - ai).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    expect(a.answer).toContain(`${hi} is $${diff}`);
    expect(a.answer).toContain(`more than ${lo}`);
  });

  it.each(['is search spending less on cloud than on LLMs last month', 'did search spend more on the cloud or on AI last month'])('"%s" sets the two side by side too', async (q) => {
    const a = await ask(q);
    expect(a.query?.groupBy).toEqual(['dataset']);
    expect(a.query?.filters).toEqual([{ dimension: 'team', op: 'eq', value: 'search' }]);
  });

  it('near miss: "checkout AI spend last month" is the AI total alone', async () => {
    const a = await ask('checkout AI spend last month');
    expect(a.query?.groupBy).toEqual([]);
    expect(a.value).toBeCloseTo(await demo.sql(`select sum(cost) v from llm_usage where team = 'checkout' and ${inRange('ts', OCT)}`), 2);
  });
});

describe('the tasks that made the most calls', () => {
  it.each([
    ['which tasks made the most calls last week?', 10, 'true'],
    ['top 5 tasks by llm calls last week', 5, 'true'],
    ['support-agent tasks with the most LLM calls last week', 10, "feature = 'support-agent'"],
  ] as const)('"%s" ranks tasks by their calls', async (q, n, where) => {
    const a = await ask(q);
    const { rows } = await demo.pool.query<{ k: string; v: string }>(
      `select task_id k, sum(requests) v from llm_usage where task_id is not null and ${where} and ${inRange('ts', LAST_WEEK)} group by 1 order by 2 desc, 1 limit ${n}`,
    );
    expect(rows.length).toBe(n);
    expect(a.rows.map((r) => [r.task_id, r.requests])).toEqual(rows.map((r) => [r.k, Number(r.v)]));
    expect(a.answer).not.toMatch(/\(none\)/);
  });

  it('near miss: "which features made the most calls last week" ranks features', async () => {
    const a = await ask('which features made the most calls last week');
    expect(a.query?.groupBy).toEqual(['feature']);
    const top = await demo.byKey(`select feature k, sum(requests) v from llm_usage where feature is not null and ${inRange('ts', LAST_WEEK)} group by 1 order by 2 desc limit 1`);
    expect(a.rows[0]!.feature).toBe([...top.keys()][0]);
  });
});

describe("what is driving a scope's spend, with no change word", () => {
  it.each([
    ["what's driving our EC2 costs last month?", 'Amazon Elastic Compute Cloud'],
    ["what's behind our S3 bill last month", 'Amazon Simple Storage Service'],
  ])('"%s" breaks the service down by resource and says so', async (q, service) => {
    const a = await ask(q);
    const want = await demo.byKey(
      `select resource_id k, sum(effective_cost) v from cost_lines where service_name = '${service}' and ${inRange('charge_period_start', OCT)} group by 1 order by 2 desc, 1 limit 10`,
    );
    expect(want.size).toBeGreaterThan(1);
    expect(a.query?.groupBy).toEqual(['ResourceId']);
    expect(a.rows.map((r) => r.ResourceId)).toEqual([...want.keys()]);
    for (const r of a.rows) expect(r.effective_cost).toBeCloseTo(want.get(String(r.ResourceId))!, 2);
    expect(a.how).toMatch(/broken down by resource/);
  });

  it('"what is driving gpt-4o spend last month" breaks the model down by feature', async () => {
    const a = await ask('what is driving gpt-4o spend last month');
    const want = await demo.byKey(`select feature k, sum(cost) v from llm_usage where model = 'gpt-4o' and ${inRange('ts', OCT)} group by 1`);
    expect(new Map(a.rows.map((r) => [r.feature, r.effective_cost as number])).size).toBe(want.size);
    for (const r of a.rows) expect(r.effective_cost).toBeCloseTo(want.get(String(r.feature))!, 2);
  });

  it('near miss: "what drove the increase in EC2 costs last week" ranks the change', async () => {
    const a = await ask('what drove the increase in EC2 costs last week');
    expect(a.query?.compare).toBe('previous_period');
    expect(a.query?.orderBy).toEqual({ by: 'delta', direction: 'desc' });
  });
});

describe('"unit cost" with no "per"', () => {
  it('for a feature is the cost per LLM call, said', async () => {
    const a = await ask('unit cost for support-agent last month');
    const want = await demo.sql(`select sum(cost) / sum(requests) v from llm_usage where feature = 'support-agent' and ${inRange('ts', OCT)}`);
    expect(a.value).toBeCloseTo(want, 6);
    expect(a.how).toMatch(/unit cost read as cost per LLM call/);
  });

  it('for all spend asks which unit', async () => {
    const a = await ask('what was our unit cost last month');
    expect(a.query).toBeNull();
    expect(a.answer).toMatch(/Unit cost needs a unit/);
  });

  it('near miss: "unit cost per successful task for support-agent last month" is per task', async () => {
    const a = await ask('unit cost per successful task for support-agent last month');
    expect(a.query?.metric).toBe('cost_per_successful_task');
  });
});
