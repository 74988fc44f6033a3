/**
 * Averages over several whole periods (issue 17): "average monthly spend over the last three full
 * months", "avg weekly AI cost this quarter", "what do we spend per month on average this year" are
 * the total over the whole weeks or months of the range that the data holds, over their count,
 * naming them; the month under way, part-weeks and periods before the data starts are left out and
 * said; a range with no whole period is declined. "mean daily spend in October" keeps its reading.
 * Near misses: a monthly trend, a rate ("a month"), a total over months and a unit cost stay as they
 * were. Data: the demo company (2026-07-26 to 2026-11-22), asked 2026-11-23 (a Monday); truths are
 * SQL written here by hand.
 */
import { describe, expect, it } from 'vitest';
import type { Answer } from '../../src/ask/answer/answer.ts';
import { demoCompany } from './support/demo-company.ts';

const demo = demoCompany();
/** Spend between two days (to exclusive): cloud and AI, or one of them; each table summed on its own first (Citus). */
const spend = (from: string, to: string, only?: 'cloud' | 'ai') =>
  demo.sql(
    `with c as materialized (select coalesce(sum(effective_cost), 0) s from cost_lines where charge_period_start >= '${from}' and charge_period_start < '${to}'),
          a as materialized (select coalesce(sum(cost), 0) s from llm_usage where ts >= '${from}' and ts < '${to}')
     select ${only === 'cloud' ? 'c.s' : only === 'ai' ? 'a.s' : 'c.s + a.s'} v from c, a`,
  );
const declined = (a: Answer) => a.query === null && a.value === null;

describe('monthly and weekly averages over whole periods', () => {
  it('"average monthly spend over the last three full months": Aug, Sep and Oct over 3', async () => {
    const a = await demo.ask('What was our average monthly spend over the last three full months?');
    expect(a.value, a.answer).toBeCloseTo((await spend('2026-08-01', '2026-11-01')) / 3, 6);
    expect(a.answer).toContain('Average monthly cost, Aug, Sep and Oct 2026 (2026-08-01 to 2026-10-31)');
    expect(a.answer).toContain('over 3 whole months');
    expect(a.rows.map((r) => r.period)).toEqual(['2026-08-01', '2026-09-01', '2026-10-01']);
    expect(a.query?.granularity).toBe('month');
  });

  it('"avg weekly AI cost this quarter": the whole weeks from Monday 5 October, the part-week before them said', async () => {
    const a = await demo.ask('avg weekly AI cost this quarter');
    expect(a.value, a.answer).toBeCloseTo((await spend('2026-10-05', '2026-11-23', 'ai')) / 7, 6);
    expect(a.answer).toContain('over 7 whole weeks');
    expect(a.answer).toContain('Left out: 2026-10-01 to 2026-10-04, not a whole week');
  });

  it('"what do we spend per month on average this year": the months the data holds whole, November and the months before the data said', async () => {
    const a = await demo.ask('what do we spend per month on average this year');
    expect(a.value, a.answer).toBeCloseTo((await spend('2026-08-01', '2026-11-01')) / 3, 6);
    expect(a.answer).toContain('November 2026 so far, not over yet');
    expect(a.answer).toContain('2026-01-01 to 2026-07-31, not wholly in the data (cost data covers 2026-07-26 to 2026-11-22)');
    for (const q of ["what's our monthly cloud spend on average in 2026", 'average spend per month over the last 3 months']) {
      const b = await demo.ask(q);
      expect(b.query?.granularity, `${q}: ${b.answer}`).toBe('month');
      expect(b.answer, q).toMatch(/^Average monthly cost/);
    }
  });

  it('"mean daily spend in October" keeps its reading: October\'s total over its 31 days', async () => {
    const a = await demo.ask('mean daily spend in October');
    expect(a.value, a.answer).toBeCloseTo((await spend('2026-10-01', '2026-11-01')) / 31, 6);
  });

  it('declined where there is no whole period: this month so far, a Tuesday-to-Sunday range; per team it is an average per group', async () => {
    const month = await demo.ask('average monthly spend this month');
    expect(declined(month), month.answer).toBe(true);
    expect(month.answer).toContain('holds no whole month');
    const week = await demo.ask('average weekly spend between Nov 3 and Nov 8');
    expect(declined(week), week.answer).toBe(true);
    expect(week.answer).toContain('holds no whole week');
    // Declined until session 37; an average per group since (left-43.db.test.ts).
    const team = await demo.ask('average monthly spend by team last quarter');
    expect(team.column, team.answer).toBe('average');
    expect(team.answer).toContain('over 2 whole months');
  });
});

describe('"full", "whole", "complete" periods counted back', () => {
  it('"the last 2 full weeks" are the two Monday-to-Sunday weeks before this one; "the last three complete months" the months before this one', async () => {
    const weeks = await demo.ask('spend in the last 2 full weeks');
    expect(weeks.value, weeks.answer).toBeCloseTo(await spend('2026-11-09', '2026-11-23'), 6);
    const months = await demo.ask('spend over the last three complete months');
    expect(months.value, months.answer).toBeCloseTo(await spend('2026-08-01', '2026-11-01'), 6);
  });
});

describe('near misses: no average asked', () => {
  it('a monthly trend, a rate, a total over months and a unit cost keep their readings', async () => {
    const trend = await demo.ask('monthly spend this year');
    expect(trend.query?.granularity).toBe('month');
    expect(trend.answer).not.toMatch(/^Average/);
    expect(trend.rows.some((r) => r.period === '2026-11-01')).toBe(true);
    const rate = await demo.ask('what does our AI spend cost a month');
    expect(rate.query?.time).toEqual({ period: 'last_month' });
    expect(rate.value, rate.answer).toBeCloseTo(await spend('2026-10-01', '2026-11-01', 'ai'), 6);
    const total = await demo.ask('spend over the last 3 months');
    expect(total.value, total.answer).toBeCloseTo(await spend('2026-08-01', '2026-11-01'), 6);
    const unit = await demo.ask('average cost per request last month');
    expect(unit.query?.metric).toBe('cost_per_request');
  });
});
