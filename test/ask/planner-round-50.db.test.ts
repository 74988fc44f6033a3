/**
 * The classes round 50 of the demo bank (five personas who never read Penny's docs, written before
 * reading the planner) found missed, each with a near miss that must keep its old reading: "how
 * much did it grow" asks the change of the total, not its parts; "compare models" sets every value
 * of a kind side by side; a day written with slashes ("11/20"), an ambiguous one ("3/4") declined,
 * and a day that is no day ("nov 31", "11/31") declined instead of read as the default period; two
 * days compared ("EC2 on nov 20 vs on nov 19"), and two spans of days with a service name (a crash);
 * a one-word feeling after the question ("looks spiky"); what a team "owes" in a chargeback (its
 * amortised cost) and what "we owe" (the invoice); "cost allocation by cost center", the showback
 * noun beside a breakdown. Truths are hand-written SQL over the raw tables.
 */
import { describe, expect, it } from 'vitest';
import { demoCompany } from './support/demo-company.ts';
import { declined } from './support/real-focus.ts';

const demo = demoCompany();

/** Cloud lines and AI calls over [from, to), each summed on its own first (Citus), `cloud`/`ai` the extra conditions. */
const spend = (from: string, to: string, cloud = 'true', ai = 'true', column = 'effective_cost') =>
  `with c as materialized (select coalesce(sum(${column}), 0) s from cost_lines where ${cloud} and charge_period_start >= '${from}' and charge_period_start < '${to}'),
        a as materialized (select coalesce(sum(cost), 0) s from llm_usage where ${ai} and ts >= '${from}' and ts < '${to}')
   select c.s + a.s v from c, a`;
const NONE = 'false';
const SEP = ['2026-09-01', '2026-10-01'] as const;
const OCT = ['2026-10-01', '2026-11-01'] as const;
const NOV_20 = ['2026-11-20', '2026-11-21'] as const;

describe('a change asked as an amount', () => {
  it('"Sept vs Oct total spend, how much did it grow?" is the total against the total (it was broken down by team)', async () => {
    const a = await demo.ask('Sept vs Oct total spend, how much did it grow?');
    expect(a.query?.groupBy, a.answer).toEqual([]);
    expect(a.value, a.answer).toBeCloseTo(await demo.sql(spend(...OCT)), 6);
    expect(a.rows[0]?.previous).toBeCloseTo(await demo.sql(spend(...SEP)), 6);
  });

  it('near miss: "which team grew the most" and "… and why" still rank the parts by their change', async () => {
    const teams = await demo.ask("which team's spend increased the most in dollars from september to october");
    expect(teams.query?.groupBy).toEqual(['team']);
    expect(teams.rows[0]?.team, teams.answer).toBe('ml');
    expect(teams.rows[0]?.delta).toBeCloseTo((await demo.sql(spend(...OCT, "tags->>'team' = 'ml'", "team = 'ml'"))) - (await demo.sql(spend(...SEP, "tags->>'team' = 'ml'", "team = 'ml'"))), 6);
    const why = await demo.ask('how much did spend grow last month and why');
    expect(why.query?.groupBy.length, why.answer).toBe(1);
  });
});

describe('a kind compared in full', () => {
  it('"compare models on cost last month" is cost by model (it was declined: no names to set side by side)', async () => {
    const a = await demo.ask('compare models on cost last month');
    const want = await demo.byKey(`select model k, sum(cost) v from llm_usage where ts >= '${OCT[0]}' and ts < '${OCT[1]}' group by 1`);
    expect(new Map(a.rows.map((r) => [String(r.model), Number(r.effective_cost)])), a.answer).toEqual(want);
  });

  it('"comparing teams by cost in october" is cost by team (it was declined: "comparing")', async () => {
    const a = await demo.ask('comparing teams by cost in october');
    const want = await demo.byKey(
      `select k, sum(v) v from (select nullif(tags->>'team', '') k, effective_cost v from cost_lines where charge_period_start >= '${OCT[0]}' and charge_period_start < '${OCT[1]}'
        union all select team, cost from llm_usage where ts >= '${OCT[0]}' and ts < '${OCT[1]}') x group by 1`,
    );
    expect(new Map(a.rows.map((r) => [String(r.team ?? null), Number(r.effective_cost)])), a.answer).toEqual(want);
  });

  it('near miss: one name after "compare" is still declined, and two names are set side by side', async () => {
    expect(declined(await demo.ask('compare gpt-4o on cost last month'))).toBe(true);
    const two = await demo.ask('compare claude-sonnet-4-5 and gpt-4o last month');
    expect(two.rows.map((r) => r.model).sort(), two.answer).toEqual(['claude-sonnet-4-5', 'gpt-4o']);
  });
});

describe('a day written with slashes', () => {
  it('"11/20" and "20/11" are November 20 (each was declined: "I can\'t place 11/20")', async () => {
    const day = await demo.sql(spend(...NOV_20));
    expect((await demo.ask('spend on 20/11')).value).toBeCloseTo(day, 6);
    expect((await demo.ask('spend on 11/20/26')).value).toBeCloseTo(day, 6);
    const hourly = await demo.ask('hourly AI cost on 11/20');
    const want = await demo.byKey(
      `select to_char(date_trunc('hour', ts) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:00:00"Z"') k, sum(cost) v from llm_usage where ts >= '${NOV_20[0]}' and ts < '${NOV_20[1]}' group by 1`,
    );
    expect(new Map(hourly.rows.map((r) => [String(r.period), Number(r.effective_cost)])), hourly.answer).toEqual(want);
  });

  it('near miss: "3/4" may be March 4 or April 3, so it is still declined', async () => {
    expect(declined(await demo.ask('spend on 3/4'))).toBe(true);
  });
});

describe('a day that is no day', () => {
  it('"nov 31", "11/31", "31 nov" and a range ending before it starts are declined (each was read as the last 30 days)', async () => {
    for (const q of ['spend on nov 31', 'spend on 11/31', 'spend on 31 nov', 'spend since nov 31', 'spend from nov 20 to nov 10']) expect(declined(await demo.ask(q)), q).toBe(true);
  });

  it('near miss: a range and a day that are days are read', async () => {
    expect((await demo.ask('spend from oct 20 to oct 25')).value).toBeCloseTo(await demo.sql(spend('2026-10-20', '2026-10-26')), 6);
    expect((await demo.ask('spend on the 20th of november')).value).toBeCloseTo(await demo.sql(spend(...NOV_20)), 6);
  });
});

describe('two days compared', () => {
  const ec2 = "service_name = 'Amazon Elastic Compute Cloud'";
  it('"EC2 spend on nov 20 vs on nov 19" is the one day against the other (it was declined: "nov 19")', async () => {
    const a = await demo.ask('EC2 spend on nov 20 vs on nov 19');
    expect(a.value, a.answer).toBeCloseTo(await demo.sql(spend(...NOV_20, ec2, NONE)), 6);
    expect(a.rows[0]?.previous).toBeCloseTo(await demo.sql(spend('2026-11-19', '2026-11-20', ec2, NONE)), 6);
  });

  it('two spans of days with a service name are answered (the shared-name check failed: "compareTo needs compare")', async () => {
    const a = await demo.ask('ec2 spend oct 15-28 vs oct 1-14');
    expect(a.value, a.answer).toBeCloseTo(await demo.sql(spend('2026-10-15', '2026-10-29', ec2, NONE)), 6);
    expect(a.rows[0]?.previous).toBeCloseTo(await demo.sql(spend('2026-10-01', '2026-10-15', ec2, NONE)), 6);
  });

  it('near miss: "nov 20 and nov 21" with no comparison word is still the two days together', async () => {
    expect((await demo.ask('spend nov 20 and nov 21')).value).toBeCloseTo(await demo.sql(spend('2026-11-20', '2026-11-22')), 6);
  });
});

describe('a feeling after the question, what is owed', () => {
  it('"what did we spend on nov 20? looks spiky" reads the question alone (it was declined)', async () => {
    const a = await demo.ask('what did we spend on nov 20? looks spiky');
    expect(a.value, a.answer).toBeCloseTo(await demo.sql(spend(...NOV_20)), 6);
  });

  it('near miss: a sentence after the question that names more is read with it', async () => {
    const a = await demo.ask('what did we spend on nov 20? EC2 only');
    expect(a.value, a.answer).toBeCloseTo(await demo.sql(spend(...NOV_20, "service_name = 'Amazon Elastic Compute Cloud'", NONE)), 6);
    expect(declined(await demo.ask('what did we spend on nov 20? looks spiky for EC2'))).toBe(true);
  });

  it('what a team owes in a chargeback is its amortised cost (it was declined: "owe")', async () => {
    const a = await demo.ask('chargeback for team ml for september - what do they owe');
    expect(a.query?.metric).toBe('effective_cost');
    expect(a.value, a.answer).toBeCloseTo(await demo.sql(spend(...SEP, "tags->>'team' = 'ml'", "team = 'ml'")), 6);
  });

  it('near miss: what "we owe" a provider is its invoice, the billed cost', async () => {
    const a = await demo.ask('how much do we owe AWS for october');
    expect(a.query?.metric).toBe('billed_cost');
    expect(a.value, a.answer).toBeCloseTo(await demo.sql(spend(...OCT, "provider_name = 'AWS'", NONE, 'billed_cost')), 6);
  });
});

describe('the allocation noun', () => {
  it('"cost allocation by cost center last month" is cost by cost center (it was declined: "allocation")', async () => {
    const a = await demo.ask('cost allocation by cost center last month');
    const want = await demo.byKey(
      `select k, sum(v) v from (select cost_center k, effective_cost v from cost_lines where charge_period_start >= '${OCT[0]}' and charge_period_start < '${OCT[1]}'
        union all select cost_center, cost from llm_usage where ts >= '${OCT[0]}' and ts < '${OCT[1]}') x group by 1`,
    );
    const key = a.query?.groupBy[0] ?? '';
    expect(new Map(a.rows.map((r) => [String(r[key] ?? null), Number(r.effective_cost)])), a.answer).toEqual(want);
  });

  it('near miss: "cost allocation last month", with no breakdown to share out by, is still declined', async () => {
    expect(declined(await demo.ask('cost allocation last month'))).toBe(true);
  });
});
