/**
 * The classes round 26 of the question bank (written before reading the planner) found missed or
 * wrong, over the demo company, each with a near miss that must keep its old reading. Truths are
 * hand-written SQL over the raw tables.
 */
import { describe, expect, it } from 'vitest';
import { budgetAmount, teamSpend } from './support/budget-truth.ts';
import { demoCompany } from './support/demo-company.ts';

const demo = demoCompany();

describe('what a budget question asks of the budget', () => {
  it('what is left of it: the amount less the month to date', async () => {
    for (const [q, team] of [
      ['how much of the support budget is left this month', 'support'],
      ['remaining budget for ml?', 'ml'],
    ] as const) {
      const a = await demo.ask(q);
      const left = (await budgetAmount(demo.pool, team)) - (await teamSpend(demo.pool, team, '2026-11-01', '2026-11-23'));
      expect(a.value, q).toBeCloseTo(left, 2);
    }
  });

  it('in a month already over: the amount less that month', async () => {
    const a = await demo.ask('how much budget did checkout have left in october');
    const left = (await budgetAmount(demo.pool, 'checkout')) - (await teamSpend(demo.pool, 'checkout', '2026-10-01', '2026-11-01'));
    expect(a.value).toBeCloseTo(left, 2);
  });

  it('the amount itself', async () => {
    const a = await demo.ask('whats the monthly budget for checkout');
    expect(a.value).toBeCloseTo(await budgetAmount(demo.pool, 'checkout'), 2);
    expect(a.answer).toMatch(/^checkout monthly is \$3,900\.00 for 2026-11 \(\$[\d,.]+ spent so far; forecast/);
  });

  it('near misses: where it stands, or will stand, is still the forecast', async () => {
    for (const q of ["what's the budget status for checkout", 'will support have any budget left at month end?', 'is ml on track vs budget']) {
      const a = await demo.ask(q);
      expect(a.value, q).not.toBeNull();
      expect(a.value, q).toBe(a.rows[0]!.forecast);
    }
  });
});

/** The number a hand-written query over cloud rows and AI calls returns. */
const spend = (where: string, from: string, to: string) =>
  demo.sql(
    `select (select coalesce(sum(effective_cost), 0) from cost_lines where ${where.replace(/\bcloud:/g, '')} and charge_period_start >= '${from}' and charge_period_start < '${to}')
          + (select coalesce(sum(cost), 0) from llm_usage where ${where.includes('cloud:') ? 'false' : where} and ts >= '${from}' and ts < '${to}') v`,
  );

describe('occasion words and "separately"', () => {
  it('"month-end close", "for the close", "for the board" say why, not what', async () => {
    const october = await spend('true', '2026-10-01', '2026-11-01');
    for (const q of ["month end close - what's the total October bill?", 'October spend for the close', 'total spend in october for the board deck']) {
      const a = await demo.ask(q);
      expect(a.value, q).toBeCloseTo(october, 2);
    }
  });

  it('near misses: "close" alone, or "month end" without it, is not an occasion', async () => {
    for (const q of ['October spend close', 'spend at month end, by team']) {
      const a = await demo.ask(q);
      expect(a.query, q).toBeNull();
    }
  });

  it('"separately" after names listed: a row each', async () => {
    const a = await demo.ask('what did the ml team spend on sagemaker and ec2 last month, separately');
    const want = await demo.byKey(
      `select service_name k, sum(effective_cost) v from cost_lines where tags->>'team' = 'ml' and service_name in ('Amazon SageMaker', 'Amazon Elastic Compute Cloud') and charge_period_start >= '2026-10-01' and charge_period_start < '2026-11-01' group by 1`,
    );
    expect(new Map(a.rows.map((r) => [String(r.ServiceName), Number(r[a.query!.metric])]))).toEqual(want);
  });

  it('near miss: "separately" with one name is not understood', async () => {
    const a = await demo.ask('what did the ml team spend on sagemaker last month, separately');
    expect(a.query).toBeNull();
  });
});

describe('unit cost, saving from discounts, misspelt filler', () => {
  it('"unit cost per call" is the cost per call', async () => {
    const a = await demo.ask('unit cost per call for report-builder this month');
    const want = await demo.sql(`select sum(cost) / sum(requests) v from llm_usage where feature = 'report-builder' and ts >= '2026-11-01' and ts < '2026-11-23'`);
    expect(a.value).toBeCloseTo(want, 6);
  });

  it('near miss: "unit cost" with no unit is not guessed for cloud spend (for AI it is per call: session-30-classes)', async () => {
    const a = await demo.ask('unit cost for the search team this month');
    expect(a.query).toBeNull();
  });

  it('cost per million tokens, as model prices are quoted', async () => {
    const want = await demo.sql(`select sum(cost) * 1000000 / sum(input_tokens + output_tokens) v from llm_usage where model = 'claude-sonnet-4-5' and ts >= '2026-10-01' and ts < '2026-11-01'`);
    for (const q of ['cost per million tokens on claude last month', 'claude price per 1M tokens last month']) {
      const a = await demo.ask(q);
      expect(a.value, q).toBeCloseTo(want, 6);
      expect(a.answer, q).toMatch(/per million tokens/i);
    }
  });

  it('near miss: "a million tokens" with no cost word is a token count, not a price', async () => {
    const a = await demo.ask('did claude use more than a million tokens last month');
    expect(a.query?.metric).not.toBe('cost_per_1m_tokens');
  });

  it('"saving from discounts" is list price less effective cost', async () => {
    const a = await demo.ask('how much are we saving from discounts on ec2 last month');
    const want = await demo.sql(
      `select sum(list_cost) - sum(effective_cost) v from cost_lines where service_name = 'Amazon Elastic Compute Cloud' and charge_period_start >= '2026-10-01' and charge_period_start < '2026-11-01'`,
    );
    expect(want).toBeGreaterThan(0);
    expect(a.value).toBeCloseTo(want, 2);
  });

  it('near miss: what we could save is a waste question, not a discount', async () => {
    const a = await demo.ask('how much could we save on ec2');
    expect(a.how).toMatch(/waste/);
  });

  it('"toal" beside another misspelt word is read as "total"', async () => {
    const a = await demo.ask('toal spend septmber');
    expect(a.value).toBeCloseTo(await spend('true', '2026-09-01', '2026-10-01'), 2);
  });

  it('near miss: a misspelt stored name is still asked about, not guessed', async () => {
    const a = await demo.ask('toal spend for serach in septmber');
    expect(a.value).toBeNull();
    expect(a.answer).toContain('Did you mean search');
  });
});

describe('several budgets: their amounts, or what is left of each', () => {
  // Each team's spend is summed first: Citus joins distributed rows to the local budgets table only that way.
  const total = (expr: string) =>
    demo.sql(
      `with cloud as materialized (select tags->>'team' as team, sum(effective_cost) as c from cost_lines where charge_period_start >= '2026-11-01' and charge_period_start < '2026-11-23' group by 1),
            ai as materialized (select team, sum(cost) as c from llm_usage where ts >= '2026-11-01' and ts < '2026-11-23' group by 1)
       select sum(${expr}) v from budgets b,
         lateral (select coalesce((select c from cloud where team = b.scope->>'team'), 0) + coalesce((select c from ai where team = b.scope->>'team'), 0) as spent) s`,
    );

  it('what our budgets are: their total', async () => {
    const a = await demo.ask('what are our budgets?');
    expect(a.value).toBeCloseTo(await total('b.amount'), 2);
    expect(a.rows.length).toBe(6);
  });

  it('how much budget is left: the total left', async () => {
    const a = await demo.ask('how much budget do we have left this month');
    expect(a.value).toBeCloseTo(await total('b.amount - s.spent'), 2);
  });

  it('near miss: are we over budget is the forecast overrun', async () => {
    const a = await demo.ask('are we over budget?');
    expect(a.answer).toMatch(/forecast to go over/);
    expect(a.value).toBeCloseTo(
      a.rows.reduce((n, r) => n + Number(r.over_by), 0),
      2,
    );
  });
});
