/**
 * A change asked "since" a period ("has spend gone up since last month", "up on last week") is a
 * comparison with that period, as "vs last month" is; and "vs last quarter" or "vs last year" with
 * no range of its own is this quarter or this year so far against it, where both were read as the
 * last 7 days against the 7 before. Planned without a database.
 */
import { describe, expect, it } from 'vitest';
import { planQuestion, type Plan } from '../../src/ask/planner/plan.ts';

const catalog = new Map([
  ['team', ['search', 'checkout', 'ml']],
  ['model', ['gpt-4o', 'gpt-4o-mini']],
]);
const plan = (q: string, asOf = '2026-11-23') => {
  const p = planQuestion(q, { asOf, catalog });
  if (!p.ok) throw new Error(`${q}: ${p.message}`);
  return p as Plan;
};

describe('a change since a period', () => {
  it.each([
    ['has spend gone up since last month', 'has spend gone up vs last month'],
    ['AI costs dropped a lot since last week?', 'AI costs dropped vs last week?'],
    ['has search spend increased since the previous month', 'has search spend increased vs the previous month'],
    ['is AI spend up on last week', 'is AI spend up vs last week'],
    ['has the failure rate gone down since last month', 'has the failure rate gone down vs last month'],
  ])('"%s" is read as "%s"', (since, versus) => {
    const a = plan(since);
    expect(a.query.compare).toBeDefined();
    expect(a.query).toEqual(plan(versus).query);
  });

  it('near misses keep their readings: a range from a date, and "on" a period with no change asked', () => {
    expect(plan('spend since october').query).toMatchObject({ time: { from: '2026-10-01', to: '2026-11-23' } });
    expect(plan('spend since october').query.compare).toBeUndefined();
    expect(plan('how much did we spend on last month').query).toMatchObject({ time: { period: 'last_month' } });
    expect(plan('how much did we spend on last month').query.compare).toBeUndefined();
  });
});

describe('"vs last quarter" and "vs last year" with no range of their own', () => {
  it('is this quarter so far against the one before', () => {
    expect(plan('has ml spend gone up vs last quarter').query).toMatchObject({ time: { period: 'this_quarter' }, compare: 'previous_period' });
  });

  it('is this year so far against the same dates last year', () => {
    expect(plan('has spend gone up vs last year').query).toMatchObject({ time: { period: 'year_to_date' }, compare: 'year_before' });
  });

  it('on 1 January, last year against the one before', () => {
    expect(plan('did spend change compared to last year', '2027-01-01').query).toMatchObject({ time: { from: '2026-01-01', to: '2027-01-01' }, compare: 'year_before' });
  });

  it('a range said keeps it: "this month vs last year" is not read as the year', () => {
    expect(plan('spend this month vs the same month last year').query).toMatchObject({ time: { period: 'month_to_date' }, compare: 'year_before' });
  });
});
