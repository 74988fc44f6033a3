/**
 * The offline planner's reading of question forms, without a database: time words resolve against
 * asOf, names resolve only to stored values, and what it cannot read it declines.
 */
import { describe, expect, it } from 'vitest';
import { planQuestion, type Plan } from '../../src/ask/planner/plan.ts';
import { compileCostQuery } from '../../src/costs/compile.ts';

const INJECTED = "x'); delete from cost_lines; --";
const catalog = new Map<string, string[]>([
  ['team', ['search', 'checkout', 'support', 'data', 'platform', 'ml', INJECTED]],
  ['feature', ['query-rewrite', 'answer-synthesis', 'support-agent', 'fraud-triage', 'report-builder', 'log-summarizer']],
  ['model', ['gpt-4o', 'gpt-4o-mini', 'claude-sonnet-4-5', 'gemini-2.0-flash']],
  ['provider', ['AWS', 'Google Cloud', 'Microsoft', 'openai', 'anthropic']],
  ['environment', ['prod', 'staging', 'dev']],
  ['ServiceName', ['Amazon Elastic Compute Cloud', 'Amazon Simple Storage Service', 'Amazon CloudWatch', 'AWS Lambda', 'BigQuery', 'Cloud Storage', 'Cloud Run', 'Storage']],
  ['RegionId', ['us-east-1', 'eastus']],
  ['SubAccountName', ['northwind-prod', 'northwind-staging']],
]);
const AS_OF = '2026-11-23';

function plan(q: string): Plan {
  const p = planQuestion(q, { asOf: AS_OF, catalog });
  if (!p.ok) throw new Error(`declined: ${p.message}`);
  return p;
}

describe('time words', () => {
  it.each([
    ['spend last month', { period: 'last_month' }],
    ['spend in September 2024', { from: '2024-09-01', to: '2024-10-01' }],
    ['spend in sept', { from: '2026-09-01', to: '2026-10-01' }],
    ['spend in December', { from: '2025-12-01', to: '2026-01-01' }],
    ['spend in 2026-10', { from: '2026-10-01', to: '2026-11-01' }],
    ['spend from 2026-10-03 to 2026-10-09', { from: '2026-10-03', to: '2026-10-10' }],
    ['spend between Oct 3 and Oct 9', { from: '2026-10-03', to: '2026-10-10' }],
    ['spend on Nov 2', { from: '2026-11-02', to: '2026-11-03' }],
    ['spend past week', { last_n_days: 7 }],
    ['spend last week', { period: 'last_week' }],
    ['spend in the last two weeks', { last_n_days: 14 }],
    ['spend over the last 3 months', { from: '2026-08-01', to: '2026-11-01' }],
    ['spend last year', { from: '2025-01-01', to: '2026-01-01' }],
    ['spend in Q2', { from: '2026-04-01', to: '2026-07-01' }],
    ['spend QTD', { period: 'this_quarter' }],
    ['spend mtd', { period: 'month_to_date' }],
    ['spend ytd', { period: 'year_to_date' }],
    ['spend in 2025', { from: '2025-01-01', to: '2026-01-01' }],
  ])('%s', (q, time) => {
    expect(plan(q).query.time).toEqual(time);
  });

  it('"may" is a month only with a year or a preposition', () => {
    expect(plan('what did we spend in may').query.time).toEqual({ from: '2026-05-01', to: '2026-06-01' });
    expect(plan('may I see spend by provider').query.groupBy).toEqual(['provider']);
  });

  it('no period: the last 30 days, said as an assumption; a trend by month: six months', () => {
    const p = plan('what do we spend?');
    expect(p.query.time).toEqual({ last_n_days: 30 });
    expect(p.assumptions[0]).toMatch(/30 days/);
    expect(plan('monthly spend trend').query).toMatchObject({ granularity: 'month', time: { from: '2026-06-01', to: AS_OF } });
  });
});

describe('metrics, grouping and names', () => {
  it.each([
    [
      'what did the search team spend on gpt-4o last week, by feature?',
      {
        dataset: 'ai',
        groupBy: ['feature'],
        filters: [
          { dimension: 'team', op: 'eq', value: 'search' },
          { dimension: 'model', op: 'eq', value: 'gpt-4o' },
        ],
      },
    ],
    ['top 5 services last month', { dataset: 'cloud', groupBy: ['ServiceName'], limit: 5 }],
    ['spend by team and provider', { groupBy: ['team', 'provider'] }],
    ['EC2 and S3 spend', { filters: [{ dimension: 'ServiceName', op: 'in', values: ['Amazon Elastic Compute Cloud', 'Amazon Simple Storage Service'] }] }],
    ['spend on 4o', { filters: [{ dimension: 'model', op: 'eq', value: 'gpt-4o' }] }],
    ['spend on gpt models', { filters: [{ dimension: 'model', op: 'in', values: ['gpt-4o', 'gpt-4o-mini'] }] }],
    [
      'AWS spend excluding prod',
      {
        filters: [
          { dimension: 'provider', op: 'eq', value: 'AWS' },
          { dimension: 'environment', op: 'not', value: 'prod' },
        ],
      },
    ],
    [
      'Azure costs in production',
      {
        filters: [
          { dimension: 'provider', op: 'eq', value: 'Microsoft' },
          { dimension: 'environment', op: 'eq', value: 'prod' },
        ],
      },
    ],
    ['billed cost by account', { metric: 'billed_cost', groupBy: ['SubAccountId'] }],
    ['how many tokens per model', { metric: 'total_tokens', dataset: 'ai', groupBy: ['model'] }],
    ['cost per request by feature', { metric: 'cost_per_request', groupBy: ['feature'] }],
    ['spend by environment tag', { groupBy: ['environment'] }],
    ['spend by application tag', { groupBy: ['tag:application'] }],
    ['untagged cloud spend', { dataset: 'cloud', filters: [{ dimension: 'team', op: 'eq', value: null }] }],
    ['which model costs the most', { groupBy: ['model'], limit: 5 }],
  ])('%s', (q, expected) => {
    expect(plan(q).query).toMatchObject(expected);
  });

  it('"why did EC2 go up" compares with the previous period and ranks resources by increase', () => {
    expect(plan('why did EC2 go up?').query).toMatchObject({ groupBy: ['ResourceId'], compare: 'previous_period', orderBy: { by: 'delta', direction: 'desc' }, time: { last_n_days: 7 } });
  });

  it('"this month vs last" compares the same days of both months', () => {
    expect(plan('spend by team this month vs last').query).toMatchObject({ time: { period: 'month_to_date' }, compare: 'previous_period', orderBy: { by: 'metric' } });
  });
});

describe('declining', () => {
  it.each([
    ['What did the payments team spend?', /no team called "payments"/],
    ['How much did the frobnicator cost?', /"frobnicator"/],
    ['What will we spend next month?', /budget/],
    ['model spend by service', /not recorded on AI usage/],
    ['spend by model and service', /mixes cloud billing dimensions with AI usage/],
    ['', /Ask me about costs/],
  ])('%s', (q, message) => {
    const p = planQuestion(q, { asOf: AS_OF, catalog });
    expect(p.ok).toBe(false);
    if (!p.ok) {
      expect(p.message).toMatch(message);
      expect(p.suggestions.length).toBeGreaterThan(0);
    }
  });
});

describe('injection', () => {
  it('SQL in a question is not a cost query: declined, nothing compiled', () => {
    const p = planQuestion("spend for team search'; drop table cost_lines; --", { asOf: AS_OF, catalog });
    expect(p.ok).toBe(false);
  });

  it('a stored value carrying SQL and instructions travels as a parameter; the SQL text is the same as for a plain value', () => {
    const evil = plan(`spend for ${INJECTED} team`);
    const plain = plan('spend for search team');
    expect(evil.query.filters).toEqual([{ dimension: 'team', op: 'eq', value: INJECTED }]);
    const viewer = { admin: false, teams: ['search'] };
    const a = compileCostQuery(evil.query, { asOf: AS_OF, viewer, rowCap: 100 });
    const b = compileCostQuery(plain.query, { asOf: AS_OF, viewer, rowCap: 100 });
    expect(a.text).toBe(b.text);
    expect(a.text).not.toContain('delete from');
    expect(a.values).toContain(INJECTED);
    expect(a.values).toContainEqual(['search']);
  });
});

describe('synonyms and filler people use (issue #17)', () => {
  it.each([
    ['which service burns the most money?', { groupBy: ['ServiceName'] }],
    ['how has AI spend trended this quarter', { dataset: 'ai', granularity: 'day', time: { period: 'this_quarter' } }],
    ['biggest cost movers last week', { compare: 'previous_period', orderBy: { by: 'abs_delta' } }],
    ["how much spend isn't tagged", { filters: [{ dimension: 'team', op: 'eq', value: null }] }],
    ['rank teams by spend last month', { groupBy: ['team'], time: { period: 'last_month' } }],
    ['spend by cloud provider last month', { dataset: 'cloud', groupBy: ['provider'] }],
    ['which 3 teams spent the most last month', { groupBy: ['team'], limit: 3 }],
    ['what are our 3 most expensive services', { groupBy: ['ServiceName'], limit: 3 }],
    ['top 3 most expensive models', { groupBy: ['model'], limit: 3 }],
    ['cost between October 20 and 25', { time: { from: '2026-10-20', to: '2026-10-26' } }],
    ['spend from Oct 20-25', { time: { from: '2026-10-20', to: '2026-10-26' } }],
  ])('%s', (q, expected) => {
    expect(plan(q).query).toMatchObject(expected);
  });
});

describe('ranked periods are whole periods', () => {
  it.each([
    ['cheapest week this quarter', { granularity: 'week', limit: 1, orderBy: { direction: 'asc' }, time: { from: '2026-10-05', to: '2026-11-23' } }],
    ['most expensive month this year', { granularity: 'month', limit: 1, orderBy: { direction: 'desc' }, time: { from: '2026-01-01', to: '2026-11-01' } }],
    ['the 3 most expensive days last month', { granularity: 'day', limit: 3, time: { period: 'last_month' } }],
  ])('%s', (q, expected) => {
    expect(plan(q).query).toMatchObject(expected);
  });

  it('a period holding no whole week is declined', () => {
    const p = planQuestion('cheapest week since November 20', { asOf: AS_OF, catalog });
    expect(p.ok).toBe(false);
  });
});

describe('top N is honoured', () => {
  it.each([
    ['top-3 models by cost', { groupBy: ['model'], limit: 3 }],
    ['rank the top 3 services by cost', { groupBy: ['ServiceName'], limit: 3 }],
    ['list the 3 costliest services', { groupBy: ['ServiceName'], limit: 3 }],
  ])('%s', (q, expected) => {
    expect(plan(q).query).toMatchObject(expected);
  });
});

describe('a number the planner did not read is not dropped', () => {
  it.each(['spend for the 5 teams last month excluding 2'])('%s is declined', (q) => {
    const p = planQuestion(q, { asOf: AS_OF, catalog });
    expect(p.ok).toBe(false);
    if (!p.ok) expect(p.message).toMatch(/\d/);
  });

  it('an amount after a comparison word is a threshold on the groups', () => {
    expect(plan('services that cost over 100 dollars last month').query).toMatchObject({ groupBy: ['ServiceName'], threshold: { op: 'gt', value: 100 } });
  });
});

describe('"compare" with a period comparison is that comparison', () => {
  it('compare spend by team this month vs last month', () => {
    expect(plan('compare spend by team this month vs last month').query).toMatchObject({ groupBy: ['team'], compare: 'previous_period', time: { period: 'month_to_date' } });
  });
});

describe('more everyday words', () => {
  it.each([
    ['What did AWS charge us in November?', { filters: [{ dimension: 'provider', op: 'eq', value: 'AWS' }], time: { from: '2026-11-01', to: '2026-12-01' } }],
    ['total spend, all time', { time: { last_n_days: 3660 } }],
  ])('%s', (q, expected) => {
    expect(plan(q).query).toMatchObject(expected);
  });
});
