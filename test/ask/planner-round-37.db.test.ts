/**
 * The classes round 37 of the demo bank (written before reading the planner, as a product manager,
 * an engineering director preparing a QBR, a FinOps analyst in Cloudability/Vantage words, an
 * on-call platform engineer and a terse Slack user) found wrong or declined, over the demo company,
 * each with a near miss that must keep its old reading. Truths are hand-written SQL over the raw
 * tables (cost_lines, llm_usage, task_outcomes).
 */
import { describe, expect, it } from 'vitest';
import type { Answer } from '../../src/ask/answer/answer.ts';
import { demoCompany } from './support/demo-company.ts';

const demo = demoCompany();
/** All spend (cloud effective cost and AI calls' cost) over [from, to), with an extra condition on each. */
const spend = (from: string, to: string, cloud = 'true', ai = 'true') =>
  demo.sql(`select (select coalesce(sum(effective_cost), 0) from cost_lines where ${cloud} and charge_period_start >= '${from}' and charge_period_start < '${to}')
                 + (select coalesce(sum(cost), 0) from llm_usage where ${ai} and ts >= '${from}' and ts < '${to}') v`);
const declined = (a: Answer) => a.query === null && a.value === null;

describe('a document word after a money word is not a name', () => {
  it('"amortized cost report by sub account" is spend by account, not the feature report-builder (it answered $0 for report-builder)', async () => {
    const a = await demo.ask('Amortized cost report by sub account for October');
    expect(a.query?.filters, a.answer).toEqual([]);
    expect(a.query?.groupBy).toEqual(['SubAccountId']);
    const want = await demo.byKey("select sub_account_id k, sum(effective_cost) v from cost_lines where charge_period_start >= '2026-10-01' and charge_period_start < '2026-11-01' group by 1");
    expect(Object.fromEntries(a.rows.map((r) => [String(r.SubAccountId), Number(r.effective_cost)]))).toEqual(Object.fromEntries([...want].map(([k, v]) => [k, expect.closeTo(v, 6)])));
    const summary = await demo.ask('spend summary by team for Q3');
    expect(summary.query?.groupBy, summary.answer).toEqual(['team']);
  });

  it('near miss: "report cost last month" still names the report-builder feature', async () => {
    const a = await demo.ask('report cost last month');
    expect(a.value, a.answer).toBeCloseTo(await demo.sql("select sum(cost) v from llm_usage where feature = 'report-builder' and ts >= '2026-10-01' and ts < '2026-11-01'"), 6);
  });
});

describe('a change against a period wholly before the data', () => {
  it('"yoy spend growth" is declined, saying where the data starts (it answered "up $4,671.08 from $0.00" by team)', async () => {
    for (const q of ['yoy spend growth', 'yoy growth by team']) {
      const a = await demo.ask(q);
      expect(declined(a), a.answer).toBe(true);
      expect(a.answer).toContain('Cost data starts 2026-07-26, so the period compared with is not covered.');
    }
  });

  it('a total against a period wholly before the data keeps its own figure and gives no change', async () => {
    const a = await demo.ask('compare Q3 and Q2');
    expect(declined(a), a.answer).toBe(false);
    expect(a.value, a.answer).toBeCloseTo(await spend('2026-07-01', '2026-10-01'), 6);
    expect(a.answer).not.toMatch(/\bup \$/);
    expect(a.answer).toContain('No change is given against');
  });

  it('near miss: a period compared with one partly covered is answered, saying so', async () => {
    const a = await demo.ask('spend this quarter vs last quarter');
    expect(a.value, a.answer).toBeCloseTo(await spend('2026-10-01', '2026-11-23'), 6);
    expect(a.answer).toContain('only partly covered');
  });
});

describe('a quarter set against the quarter before', () => {
  it('"how does this quarter so far compare with Q3" compares the quarter so far with the same days of Q3', async () => {
    const a = await demo.ask('For the QBR: how does this quarter so far compare with Q3?');
    expect(a.value, a.answer).toBeCloseTo(await spend('2026-10-01', '2026-11-23'), 6);
    expect(a.rows[0]?.previous).toBeCloseTo(await spend('2026-07-01', '2026-08-23'), 6);
  });

  // Declined until two named periods apart were compared as named (left-42.db.test.ts).
  it('near miss: quarters further apart are not read as a previous period: Q4 so far against as many days of Q2', async () => {
    const a = await demo.ask('spend q4 vs q2');
    expect(a.query?.time, a.answer).toEqual({ from: '2026-10-01', to: '2026-11-23' });
    expect(a.query?.compareTo).toEqual({ from: '2026-04-01', to: '2026-05-24' });
  });
});

describe('chat durations and report words', () => {
  it('"ai spend 7d", "spend 30d by team": a count glued to a unit is the last so many', async () => {
    const a = await demo.ask('ai spend 7d');
    expect(a.value, a.answer).toBeCloseTo(await demo.sql("select sum(cost) v from llm_usage where ts >= '2026-11-16' and ts < '2026-11-23'"), 6);
    const b = await demo.ask('spend 30d by team');
    expect(b.query?.groupBy, b.answer).toEqual(['team']);
    expect(b.answer).toContain('2026-10-24 to 2026-11-22');
  });

  it('near miss: "last 7d" and an instance id with a digit and a d in it are read as before', async () => {
    expect((await demo.ask('ai spend last 7d')).answer).toContain('2026-11-16 to 2026-11-22');
    const a = await demo.ask('spend on i-0dev-sandbox last week');
    expect(a.value, a.answer).toBeCloseTo(
      await demo.sql("select sum(effective_cost) v from cost_lines where resource_id like '%i-0dev-sandbox' and charge_period_start >= '2026-11-16' and charge_period_start < '2026-11-23'"),
      6,
    );
  });

  it('"segmented by", "no team virtual tag", "on-demand list price": a cost report\'s words', async () => {
    const env = await demo.ask('MTD cost segmented by environment');
    expect(env.query?.groupBy, env.answer).toEqual(['environment']);
    const untagged = await demo.ask("How much of last month's spend has no team virtual tag?");
    expect(untagged.value, untagged.answer).toBeCloseTo(await spend('2026-10-01', '2026-11-01', "coalesce(tags->>'team', '') = ''", "coalesce(team, '') = ''"), 6);
    const savings = await demo.ask('AWS savings vs on-demand list price in Q3');
    expect(savings.value, savings.answer).toBeCloseTo(
      await demo.sql("select sum(list_cost) - sum(effective_cost) v from cost_lines where provider_name = 'AWS' and charge_period_start >= '2026-07-01' and charge_period_start < '2026-10-01'"),
      6,
    );
  });

  it('near miss: "segment" as a word alone, and "virtual machines", keep their reading', async () => {
    expect(declined(await demo.ask('segment spend by team last month'))).toBe(true);
    const vm = await demo.ask('virtual machines cost last month');
    expect(vm.value, vm.answer).toBeCloseTo(
      await demo.sql("select sum(effective_cost) v from cost_lines where service_name = 'Virtual Machines' and charge_period_start >= '2026-10-01' and charge_period_start < '2026-11-01'"),
      6,
    );
  });
});

describe('unit costs asked with a name or a pronoun between', () => {
  it('"what does the support-agent feature cost us per task" is the cost per task', async () => {
    const a = await demo.ask('What does the support-agent feature cost us per task in October?');
    const cost = await demo.sql("select sum(cost) v from llm_usage where feature = 'support-agent' and ts >= '2026-10-01' and ts < '2026-11-01'");
    const tasks = await demo.sql("select count(distinct task_id) v from task_outcomes where feature = 'support-agent' and ts >= '2026-10-01' and ts < '2026-11-01'");
    expect(a.value, a.answer).toBeCloseTo(cost / tasks, 6);
    // "cost us a day" is a daily rate, as "cost a day" is (it was a daily trend).
    const day = await demo.ask('what does gpt-4o cost us a day');
    expect(day.answer).toContain('Average daily cost');
    // ...and "costing us a day on average" is one daily average (the demo bank caught it left over).
    const average = await demo.ask('how much is gpt-4o costing us a day on average this month');
    expect(average.value, average.answer).toBeCloseTo((await demo.sql("select sum(cost) v from llm_usage where model = 'gpt-4o' and ts >= '2026-11-01' and ts < '2026-11-23'")) / 22, 6);
  });

  it('"average cost of one report-builder call" is the cost per call of that feature', async () => {
    const want = await demo.sql("select avg(cost) v from llm_usage where feature = 'report-builder' and ts >= '2026-10-01' and ts < '2026-11-01'");
    for (const q of ['average cost of one report-builder call last month', 'average cost per report-builder call last month']) {
      const a = await demo.ask(q);
      expect(a.query?.metric, a.answer).toBe('cost_per_request');
      expect(a.value).toBeCloseTo(want, 6);
    }
  });

  it('near miss: "the average cost of an llm call" and "what did checkout cost us last month" keep their readings', async () => {
    expect((await demo.ask('what is the average cost of an llm call')).query?.metric).toBe('cost_per_request');
    const a = await demo.ask('what did checkout cost us last month');
    expect(a.value, a.answer).toBeCloseTo(await spend('2026-10-01', '2026-11-01', "tags->>'team' = 'checkout'", "team = 'checkout'"), 6);
  });
});
