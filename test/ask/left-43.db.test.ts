/**
 * The question classes session 42 left: an average per group over whole periods; a count of the
 * distinct models, services, providers or teams with spend; "expense" as cost; a measure said again
 * in an aside ("billed (not amortized)"); the LLM calls that hit the prompt cache. Over the demo
 * company (asked as of 2026-11-23) and the real FOCUS exports (as of 2026-06-15). Each with a near
 * miss; truths are hand-written SQL over cost_lines and llm_usage, each table summed in a
 * materialized CTE first (Citus).
 */
import { describe, expect, it } from 'vitest';
import { demoCompany } from './support/demo-company.ts';
import { answered, close, declined, realFocus } from './support/real-focus.ts';

const demo = demoCompany();
const focus = realFocus();
const cloud = (from: string, to: string) => `charge_period_start >= '${from}' and charge_period_start < '${to}'`;
const ai = (from: string, to: string) => `ts >= '${from}' and ts < '${to}'`;
/** Each group's cloud and AI spend together, summed per table first. */
const spendBy = (
  cloudKey: string,
  aiKey: string,
  from: string,
  to: string,
) => `with c as materialized (select ${cloudKey} k, sum(effective_cost) v from cost_lines where ${cloud(from, to)} group by 1),
  a as materialized (select ${aiKey} k, sum(cost) v from llm_usage where ${ai(from, to)} group by 1)
  select k, sum(v) v from (select * from c union all select * from a) u group by k`;
/** The ml team's cloud and AI spend together. */
const mlSpend = (from: string, to: string) => `with c as materialized (select sum(effective_cost) v from cost_lines where tags->>'team' = 'ml' and ${cloud(from, to)}),
  a as materialized (select sum(cost) v from llm_usage where team = 'ml' and ${ai(from, to)}) select coalesce(c.v, 0) + coalesce(a.v, 0) v from c, a`;
const per = (want: Map<string, number>, n: number) => Object.fromEntries([...want].map(([k, v]) => [k, v / n]));

describe('an average per group, over whole periods', () => {
  it('"avg daily spend per provider last month" is each provider\'s October total over 31 days (it was declined)', async () => {
    const a = await demo.ask('avg daily spend per provider last month');
    expect(a.column, a.answer).toBe('average');
    expect(answered(a, (r) => String(r.provider))).toEqual(close(per(await demo.byKey(spendBy('provider_name', 'provider', '2026-10-01', '2026-11-01')), 31)));
    expect(a.answer).toMatch(/^Average daily cost by provider, last month .*over 31 days: AWS \$[\d,.]+ a day/);
    expect(a.answer).toContain('spent nothing counts as 0');
  });

  it('"average monthly spend per team over the last 3 full months" divides each team\'s Aug–Oct total by 3', async () => {
    const a = await demo.ask('average monthly spend per team over the last 3 full months');
    const want = await demo.byKey(spendBy("tags->>'team'", 'team', '2026-08-01', '2026-11-01'));
    expect(
      answered(a, (r) => String(r.team)),
      a.answer,
    ).toEqual(close(per(want, 3)));
    expect(a.answer).toContain('over 3 whole months');
    expect(a.value).toBeCloseTo([...want.values()].reduce((s, v) => s + v, 0) / 3, 6);
  });

  it('"avg weekly AI cost by model this quarter" averages the whole weeks only, the part week at the start left out and said', async () => {
    const a = await demo.ask('avg weekly AI cost by model this quarter');
    const want = await demo.byKey(`select model k, sum(cost) v from llm_usage where ${ai('2026-10-05', '2026-11-23')} group by 1`);
    expect(
      answered(a, (r) => String(r.model)),
      a.answer,
    ).toEqual(close(per(want, 7)));
    expect(a.answer).toContain('Left out: 2026-10-01 to 2026-10-04, not a whole week');
  });

  it('on the FOCUS exports, a daily average per provider keeps each currency apart', async () => {
    const a = await focus.ask('average daily cost per provider in may');
    // Over the 28 days of May the exports hold (they end May 28), not 31: planner-left-50.db.test.ts.
    const want = await focus.rowsOf(`select provider_name || ' ' || billing_currency k, sum(effective_cost) / 28 v from cost_lines where ${cloud('2026-05-01', '2026-06-01')} group by 1`);
    expect(
      answered(a, (r) => `${r.provider} ${r.currency}`),
      a.answer,
    ).toEqual(close(want));
    expect(a.value).toBeNull();
  });

  it('near miss: an average with no group stays one figure, and an average per call stays a unit cost', async () => {
    const a = await demo.ask('average daily spend last month');
    expect(a.column).toBeUndefined();
    expect(a.answer).toMatch(/^Average daily cost, last month .*a day over 31 days/);
    const unit = await demo.ask('average cost per call by model last month');
    expect(unit.column, unit.answer).toBeUndefined();
    expect(unit.query?.metric).toBe('cost_per_request');
    expect(declined(await demo.ask('average monthly spend per team vs the quarter before'))).toBe(true);
  });
});

describe('a count of the distinct values with spend', () => {
  it('"how many models did we use last month" and "count distinct models" count October\'s models (both were declined)', async () => {
    const want = await demo.sql(`select count(distinct model) v from llm_usage where ${ai('2026-10-01', '2026-11-01')} and model is not null`);
    for (const q of ['how many models did we use last month', 'count distinct models']) {
      const a = await demo.ask(q);
      expect(a.value, `${q}: ${a.answer}`).toBe(want);
      expect(a.unit).toBe('models');
    }
    const thirty = await demo.ask('count distinct models used in the last 30d');
    expect(thirty.value, thirty.answer).toBe(await demo.sql(`select count(distinct model) v from llm_usage where ${ai('2026-10-24', '2026-11-23')}`));
  });

  it('"how many services had spend" counts cloud services, "how many teams had spend in october" both datasets\' teams, untagged spend no team', async () => {
    const services = await focus.ask('how many services had charges in may');
    expect(services.value, services.answer).toBe(await focus.sql(`select count(distinct service_name) v from cost_lines where ${cloud('2026-05-01', '2026-06-01')}`));
    const teams = await demo.ask('how many teams had spend in october');
    const want = await demo.sql(`with c as materialized (select distinct tags->>'team' k from cost_lines where ${cloud('2026-10-01', '2026-11-01')}),
      a as materialized (select distinct team k from llm_usage where ${ai('2026-10-01', '2026-11-01')})
      select count(distinct k) v from (select k from c union all select k from a) u`);
    expect(teams.value, teams.answer).toBe(want);
    expect(teams.answer).toMatch(/^\d+ teams had charges October 2026/);
  });

  it('near miss: "how many calls per model" counts calls, and a count over an amount is declined, not every team with spend', async () => {
    const calls = await demo.ask('how many calls per model last month');
    expect(calls.query?.metric, calls.answer).toBe('requests');
    const over = await demo.ask('how many teams spent more than $500 last month');
    expect(declined(over), over.answer).toBe(true);
    expect(over.answer).toContain('not those over or under an amount');
  });
});

describe('"expense" is cost, not a typo of "expensive"', () => {
  it('"expense report for the ml team" and "ml team expense last month" are the ml team\'s cost (both were declined)', async () => {
    const a = await demo.ask('expense report for the ml team');
    expect(a.value, a.answer).toBeCloseTo(await demo.sql(mlSpend('2026-10-24', '2026-11-23')), 6);
    const b = await demo.ask('ml team expense last month');
    expect(b.value, b.answer).toBeCloseTo(await demo.sql(mlSpend('2026-10-01', '2026-11-01')), 6);
  });

  it('near miss: "most expensive team" still ranks teams, and "report expense" names the report-builder feature', async () => {
    const a = await demo.ask('most expensive team last month');
    expect(a.query?.groupBy, a.answer).toEqual(['team']);
    const r = await demo.ask('report expense last month');
    expect(r.query?.filters, r.answer).toContainEqual({ dimension: 'feature', op: 'eq', value: 'report-builder' });
  });
});

describe('a measure said again in an aside', () => {
  it('"total billed (not amortized) for october" is October\'s billed cost, cloud and AI (it was declined)', async () => {
    for (const q of ['total billed (not amortized) for october, for the close', 'billed cost, not amortized, for october']) {
      const a = await demo.ask(q);
      expect(a.query?.metric, `${q}: ${a.answer}`).toBe('billed_cost');
      expect(a.value).toBeCloseTo(
        await demo.sql(`with c as materialized (select sum(billed_cost) v from cost_lines where ${cloud('2026-10-01', '2026-11-01')}),
          a as materialized (select sum(cost) v from llm_usage where ${ai('2026-10-01', '2026-11-01')}) select c.v + a.v v from c, a`),
        6,
      );
    }
  });

  it('near miss: two different measures side by side stay declined, and "spend (excluding tax)" still leaves tax out', async () => {
    expect(declined(await demo.ask('billed vs amortized last month'))).toBe(true);
    const tax = await demo.ask('spend (excluding tax) last month');
    expect(tax.query?.filters, tax.answer).toContainEqual({ dimension: 'ChargeCategory', op: 'not', value: 'Tax' });
  });
});

describe('the LLM calls that hit the prompt cache', () => {
  it('"how many calls hit the cache yesterday" counts the single calls that read from the cache, and "by model" splits them (both were declined)', async () => {
    const hit = `cache_read_tokens > 0 and requests = 1`;
    const a = await demo.ask('how many calls hit the cache yesterday');
    expect(a.value, a.answer).toBe(await demo.sql(`select count(*) v from llm_usage where ${hit} and ${ai('2026-11-22', '2026-11-23')}`));
    expect(a.unit).toBe('requests');
    const byModel = await demo.ask('how many calls had cache hits last week by model');
    const want = await demo.byKey(`select model k, count(*) v from llm_usage where ${hit} and ${ai('2026-11-16', '2026-11-23')} group by 1`);
    expect(
      answered(byModel, (r) => String(r.model)),
      byModel.answer,
    ).toEqual(close(Object.fromEntries(want)));
    const served = await demo.ask('number of requests served from cache yesterday');
    expect(served.value, served.answer).toBe(a.value);
  });

  it('near miss: the cache hit rate stays a share of input tokens, all calls stay all calls, and calls "using caching" are declined saying why', async () => {
    const rate = await demo.ask('cache hit rate last week');
    expect(rate.unit, rate.answer).toBe('%');
    const calls = await demo.ask('how many calls last week');
    expect(calls.value, calls.answer).toBe(await demo.sql(`select sum(requests) v from llm_usage where ${ai('2026-11-16', '2026-11-23')}`));
    const vague = await demo.ask('how many calls used caching last week');
    expect(declined(vague), vague.answer).toBe(true);
    expect(vague.answer).toContain('share of input tokens, not of calls');
  });
});
