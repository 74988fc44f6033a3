/**
 * Forecast, budget, waste and anomaly questions over the demo company, answered offline with
 * numbers: the forecast is checked against SQL over the raw tables written here by hand (spend to
 * date plus, per remaining day, the average of its weekday over the 28 days before), budgets
 * against the budgets table, and findings against the findings the scans stored.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { runScans } from '../../src/scans/run.ts';
import { AS_OF, demoCompany } from './support/demo-company.ts';

const demo = demoCompany();
const ask = demo.ask;

beforeAll(async () => {
  await runScans(demo.pool, { kinds: ['anomaly', 'waste', 'budget'], asOf: AS_OF });
}, 120_000);

/** November's forecast of the spend matching `cloud` and `ai` conditions, by hand. */
async function forecast(cloud: string, ai: string): Promise<number> {
  const { rows } = await demo.pool.query(`
    with daily as (
      select d, sum(c) as c from (
        select (charge_period_start at time zone 'UTC')::date as d, effective_cost as c from cost_lines where ${cloud}
        union all select (ts at time zone 'UTC')::date, cost from llm_usage where ${ai}) x
      where d >= '2026-10-26' and d < '2026-11-23' or d >= '2026-11-01' and d < '2026-11-23'
      group by d),
    rate as (select extract(dow from d) as w, avg(c) as r from daily where d >= '2026-10-26' group by 1)
    select (select sum(c) from daily where d >= '2026-11-01')
         + (select sum(r) from generate_series('2026-11-23'::date, '2026-11-30'::date, interval '1 day') g join rate on rate.w = extract(dow from g)) as v`);
  return Number(rows[0].v);
}

describe('forecasts', () => {
  it.each(["what's the forecast for this month?", 'What are we on pace to spend in November? What is the run rate telling us', 'projected spend for the month'])('%s: all spend', async (q) => {
    const a = await ask(q);
    expect(a.value).toBeCloseTo(await forecast('true', 'true'), 2);
    expect(a.answer).toMatch(/^Forecast for all spend, 2026-11 \(2026-11-01 to 2026-11-30\): \$[\d,]+\.\d\d\. Spent \$[\d,.]+ through 2026-11-22; the 8 remaining days/);
  });

  it('of a team, against its budget', async () => {
    const a = await ask('forecast for the search team this month');
    const { rows } = await demo.pool.query('select amount from budgets where scope = \'{"team": "search"}\'::jsonb');
    const expected = await forecast("nullif(tags->>'team', '') = 'search'", "team = 'search'");
    expect(a.value).toBeCloseTo(expected, 2);
    expect(a.answer).toContain(`${Math.round((expected / Number(rows[0].amount)) * 100)} % of its $${Number(rows[0].amount).toLocaleString('en-US', { minimumFractionDigits: 2 })} budget`);
  });

  it('beyond this month is declined, not guessed', async () => {
    const a = await ask('What will we spend next month?');
    expect(a.value).toBeNull();
    expect(a.answer).toMatch(/current month only/);
  });
});

describe('budgets', () => {
  it('"will we go over budget?" names the budget forecast to go over, with its numbers', async () => {
    const a = await ask('will we go over budget?');
    const { rows } = await demo.pool.query('select amount from budgets where scope = \'{"team": "support"}\'::jsonb');
    const amount = Number(rows[0].amount);
    const f = await forecast("nullif(tags->>'team', '') = 'support'", "team = 'support'");
    expect(f).toBeGreaterThan(amount);
    expect(a.answer).toMatch(/^1 of \d budgets is forecast to go over in 2026-11: support/);
    expect(a.value).toBeCloseTo(f - amount, 2);
    const support = a.rows.find((r) => r.budget === 'support monthly' || String(r.budget).includes('support'))!;
    expect(support.forecast as number).toBeCloseTo(f, 2);
    expect(support.amount).toBe(amount);
  });

  it("a viewer sees only their own teams' budgets", async () => {
    const a = await ask('are we on track with our budgets?', { admin: false, teams: ['search'] });
    expect(a.rows.map((r) => String(r.budget))).toEqual([expect.stringContaining('search')]);
    expect(a.answer).toMatch(/^No budget is forecast to go over in 2026-11; the closest is .*search/);
  });
});

describe('waste and anomalies', () => {
  it('"what are we wasting money on?" lists the open waste findings with their monthly impact', async () => {
    const a = await ask('what are we wasting money on?');
    const { rows } = await demo.pool.query(
      "select title, impact_monthly::float8 as v from findings where kind = 'waste' and status in ('open', 'acknowledged') order by impact_monthly desc, fingerprint",
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(a.value).toBeCloseTo(
      rows.reduce((s, r) => s + r.v, 0),
      2,
    );
    expect(a.rows.map((r) => r.title)).toEqual(rows.map((r) => r.title));
    expect(a.answer).toContain('Idle GPU instance i-0a1d1e6b0c5e7f001');
  });

  it.each([
    ['are we using premium models for simple tasks?', ['premium_model']],
    ['which agents are looping', ['agent_loop']],
    ['where are we missing prompt caching', ['prompt_caching']],
    ['any idle instances?', ['idle_compute', 'no_utilisation']],
  ])('"%s" lists the open findings of that kind of waste, none other (it was declined or listed all waste)', async (q, types) => {
    const a = await ask(q);
    const { rows } = await demo.pool.query("select title from findings where kind = 'waste' and status in ('open', 'acknowledged') and type = any($1) order by impact_monthly desc, fingerprint", [
      types,
    ]);
    expect(rows.length).toBeGreaterThan(0);
    expect(a.rows.map((r) => r.title)).toEqual(rows.map((r) => r.title));
    expect(a.how).toMatch(/waste of all spend/);
  });

  it('near miss: a feature with "loop" in its question is not agent-loop waste', async () => {
    const a = await ask('is the feedback loop feature expensive');
    expect(a.answer).not.toMatch(/agent loop/);
  });

  it('anomalies of one service', async () => {
    const a = await ask('any anomalies on CloudWatch?');
    expect(a.rows.length).toBeGreaterThan(0);
    for (const r of a.rows) expect(String(r.scope)).toContain('Amazon CloudWatch');
  });

  it('"savings versus list price" is a cost question, not waste', async () => {
    const a = await ask('How much did we save versus list price last month?');
    expect(a.answer).not.toMatch(/waste finding/);
  });
});
