/**
 * The question classes session 38 left, over the demo company (asked as of 2026-11-23; its cloud
 * rows are charged by the day, its LLM calls at their times): hourly timelines, one question asked
 * for two periods in two clauses, "not just X, everyone" and "not only X but also Y", a cost of one
 * kind of token (declined: one cost per call), and "spot vs on-demand" where no row is Dynamic.
 * Each with a near miss. Truths are hand-written SQL over cost_lines and llm_usage.
 * left-39-focus.db.test.ts has the real FOCUS exports' hours, resource groups and spot rows.
 */
import { describe, expect, it } from 'vitest';
import type { Answer } from '../../src/ask/answer/answer.ts';
import { chartFor } from '../../src/charts/choose.ts';
import { renderSvg } from '../../src/charts/render.ts';
import { demoCompany } from './support/demo-company.ts';

const demo = demoCompany();
const declined = (a: Answer) => a.query === null && a.value === null;
const HOUR = `to_char(date_trunc('hour', ts at time zone 'UTC'), 'YYYY-MM-DD"T"HH24:00:00"Z"')`;
const YESTERDAY = "ts >= '2026-11-22' and ts < '2026-11-23'";
const byPeriod = (a: Answer) => Object.fromEntries(a.rows.map((r) => [String(r.period), Number(r[a.query!.metric])]));
const close = (want: Map<string, number>) => Object.fromEntries([...want].map(([k, v]) => [k, expect.closeTo(v, 6)]));
/** All spend (cloud effective cost and AI calls' cost) over [from, to), with a condition on each. */
const spend = (from: string, to: string, cloud = 'true', ai = 'true') =>
  demo.sql(`select (select coalesce(sum(effective_cost), 0) from cost_lines where ${cloud} and charge_period_start >= '${from}' and charge_period_start < '${to}')
                 + (select coalesce(sum(cost), 0) from llm_usage where ${ai} and ts >= '${from}' and ts < '${to}') v`);

describe('hourly timelines: by the hour where rows hold hours, never a day spread over hours', () => {
  it('"AI spend by hour yesterday" is a row per hour of the calls (it was declined: "can\'t place hour")', async () => {
    const a = await demo.ask('AI spend by hour yesterday');
    expect(a.query?.granularity, a.answer).toBe('hour');
    expect(byPeriod(a)).toEqual(close(await demo.byKey(`select ${HOUR} k, sum(cost) v from llm_usage where ${YESTERDAY} group by 1`)));
    expect(a.answer).toMatch(/highest 2026-11-22 \d\d:00 UTC at/);
  });

  it('"spend by hour yesterday" gives the AI hours and says the daily cloud cost is left out, with its amount', async () => {
    const a = await demo.ask('spend by hour yesterday');
    expect(byPeriod(a), a.answer).toEqual(close(await demo.byKey(`select ${HOUR} k, sum(cost) v from llm_usage where ${YESTERDAY} group by 1`)));
    const cloud = await demo.sql("select sum(effective_cost) v from cost_lines where charge_period_start >= '2026-11-22' and charge_period_start < '2026-11-23'");
    expect(a.answer).toContain(`Left out of the hours: $${cloud.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} of cloud cost`);
    expect(a.answer).toContain('charged by the day or longer');
  });

  it('"which hour had the most LLM calls yesterday" is the busiest hour', async () => {
    const a = await demo.ask('which hour had the most LLM calls yesterday');
    const [top] = (await demo.pool.query(`select ${HOUR} k, sum(requests) v from llm_usage where ${YESTERDAY} group by 1 order by 2 desc, 1 limit 1`)).rows;
    expect(
      a.rows.map((r) => r.period),
      a.answer,
    ).toEqual([top.k]);
    expect(a.value).toBe(Number(top.v));
    expect(a.answer).toMatch(/^Highest hour by LLM calls/);
  });

  it('cloud spend alone by hour is declined, saying its rows are daily; an hourly range over a week is declined with the limit', async () => {
    const cloud = await demo.ask('cloud spend by hour yesterday');
    expect(declined(cloud), cloud.answer).toBe(true);
    expect(cloud.answer).toContain('charged by the day or longer');
    const month = await demo.ask('hourly AI cost last month');
    expect(declined(month), month.answer).toBe(true);
    expect(month.answer).toContain('at most 7 days (168 hours)');
  });

  it('an hourly answer charts by hour and renders', async () => {
    const a = await demo.ask('AI spend by hour yesterday');
    const chart = chartFor(a.result!);
    expect(chart?.kind).toBe('line');
    expect(chart?.kind === 'line' && chart.granularity).toBe('hour');
    expect(chart?.kind === 'line' && chart.points.length).toBe(a.rows.length);
    expect(await renderSvg(chart!)).toContain('<svg');
  });

  it('near miss: a daily trend stays by day and reads the daily cloud rows whole', async () => {
    const a = await demo.ask('spend by day last week');
    expect(a.query?.granularity, a.answer).toBe('day');
    expect(a.rows.reduce((s, r) => s + Number(r.effective_cost), 0)).toBeCloseTo(await spend('2026-11-16', '2026-11-23'), 6);
  });
});

describe('one question asked for two periods in two clauses', () => {
  it('"what did search spend in October and what did it spend in September" is October against September (it was declined)', async () => {
    const a = await demo.ask('what did search spend in October and what did it spend in September');
    expect(a.value, a.answer).toBeCloseTo(await spend('2026-10-01', '2026-11-01', "team = 'search'", "team = 'search'"), 6);
    expect(Number(a.rows[0]?.previous)).toBeCloseTo(await spend('2026-09-01', '2026-10-01', "team = 'search'", "team = 'search'"), 6);
    expect(a.how).toContain('read as a comparison');
  });

  it('"how much was AI last month and how much the month before" compares October with September', async () => {
    const a = await demo.ask('how much was AI last month and how much the month before');
    expect(a.value, a.answer).toBeCloseTo(await spend('2026-10-01', '2026-11-01', 'false'), 6);
    expect(Number(a.rows[0]?.previous)).toBeCloseTo(await spend('2026-09-01', '2026-10-01', 'false'), 6);
  });

  it('near misses: a second clause asking something else stays declined; a first clause with no period is no comparison', async () => {
    const a = await demo.ask('what did search spend in October and how many calls did it make in September');
    expect(declined(a), a.answer).toBe(true);
    const where = await demo.ask('which account is the staging box i-0search-stg in, and what did it cost last month');
    expect(where.query?.compare, where.answer).toBeUndefined();
    expect(where.query?.groupBy).toEqual(['SubAccountId']);
  });
});

describe('"not just X, everyone" and "not only X but also Y"', () => {
  it('"Show me October spend, not just the platform team, everyone" is all spend, said (it was declined)', async () => {
    const a = await demo.ask('Show me October spend, not just the platform team, everyone');
    expect(a.query?.filters, a.answer).toEqual([]);
    expect(a.value).toBeCloseTo(await spend('2026-10-01', '2026-11-01'), 6);
    expect(a.how).toContain('read as everyone: no filter on the platform team');
  });

  it('"not only search but also checkout" is both, a row each', async () => {
    const a = await demo.ask('october spend, not only search but also checkout');
    const row = (team: string) => Number(a.rows.find((r) => r.team === team)?.effective_cost);
    expect(row('search'), a.answer).toBeCloseTo(await spend('2026-10-01', '2026-11-01', "team = 'search'", "team = 'search'"), 6);
    expect(row('checkout')).toBeCloseTo(await spend('2026-10-01', '2026-11-01', "team = 'checkout'", "team = 'checkout'"), 6);
  });

  it('near miss: "everyone but the platform team" still excludes it', async () => {
    const a = await demo.ask('October spend for everyone but the platform team');
    expect(a.value, a.answer).toBeCloseTo(await spend('2026-10-01', '2026-11-01', "team is distinct from 'platform'", "team is distinct from 'platform'"), 6);
  });
});

describe('a cost of one kind of token', () => {
  it.each(['cost per input token', 'price per output token last month', 'what do we pay per 1M cached tokens', 'how much did output tokens cost last month'])(
    '"%s" is declined: one cost is kept per call (it gave a token count, or "can\'t place 1m")',
    async (q) => {
      const a = await demo.ask(q);
      expect(declined(a), a.answer).toBe(true);
      expect(a.answer).toContain('one cost per LLM call');
      expect(a.answer).toContain('cost per 1M tokens');
    },
  );

  it('"cost per token" is the cost per 1M tokens of all kinds (it gave the token count)', async () => {
    const a = await demo.ask('AI cost per token last month');
    expect(a.query?.metric, a.answer).toBe('cost_per_1m_tokens');
    expect(a.value).toBeCloseTo(await demo.sql("select sum(cost) * 1000000 / sum(input_tokens + output_tokens) v from llm_usage where ts >= '2026-10-01' and ts < '2026-11-01'"), 6);
  });

  it('near miss: tokens of one kind are still counted', async () => {
    const a = await demo.ask('input tokens last month');
    expect(a.value, a.answer).toBe(await demo.sql("select sum(input_tokens) v from llm_usage where ts >= '2026-10-01' and ts < '2026-11-01'"));
  });
});

describe('"spot vs on-demand" where no row is at Dynamic pricing', () => {
  it('is declined naming the column (it was "doesn\'t look like a cost question")', async () => {
    const a = await demo.ask('spot vs on-demand spend last month');
    expect(declined(a), a.answer).toBe(true);
    expect(a.answer).toContain('PricingCategory "Dynamic"');
  });
});
