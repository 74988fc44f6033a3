/**
 * Misspelt questions, planned without a database: a misspelt stored name is never guessed into a
 * number (the planner declines and asks "did you mean …?"), and a misspelt planner word with one
 * clear correction is read as that word, with the correction stated.
 */
import { describe, expect, it } from 'vitest';
import { planQuestion, type Plan } from '../../src/ask/planner/plan.ts';
import { editDistance } from '../../src/ask/planner/typos.ts';

const catalog = new Map<string, string[]>([
  ['team', ['search', 'checkout', 'support', 'data', 'platform', 'ml']],
  ['model', ['gpt-4o', 'gpt-4o-mini', 'claude-sonnet-4-5']],
  ['provider', ['AWS', 'Google Cloud', 'Microsoft']],
  ['environment', ['prod', 'staging']],
  ['ServiceName', ['Amazon Elastic Compute Cloud', 'Amazon CloudWatch', 'AWS Lambda', 'BigQuery']],
]);
const AS_OF = '2026-11-23';
const planned = (q: string) => planQuestion(q, { asOf: AS_OF, catalog });

describe('a misspelt stored name declines with "did you mean"', () => {
  it.each([
    ['what did the serach team spend last month?', /no team called "serach".*Did you mean search\?/],
    ['how much did serach spend?', /"serach".*Did you mean search \(team\)\?/],
    ['cloudwach cost last week', /Did you mean cloudwatch \(service\)\?/],
    ['gpt-4o-mnii spend this month', /Did you mean gpt-4o-mini \(model\)\?/],
    ['checkuot team spend', /Did you mean checkout\?/],
  ])('%s', (q, message) => {
    const p = planned(q);
    expect(p.ok).toBe(false);
    expect((p as { message: string }).message).toMatch(message);
  });
});

describe('a misspelt planner word is read corrected, and the correction is said', () => {
  it.each([
    ['how much did we spend yesterdya', { last_n_days: 1 }, ['read "yesterdya" as "yesterday"']],
    ['AWS spend in Ocotber', { from: '2026-10-01', to: '2026-11-01' }, ['read "ocotber" as "october"']],
    ['spedn last month', { period: 'last_month' }, ['read "spedn" as "spend"']],
  ])('%s', (q, time, corrections) => {
    const p = planned(q) as Plan;
    expect(p.ok).toBe(true);
    expect(p.query.time).toEqual(time);
    expect(p.corrections).toEqual(corrections);
  });

  it('a dimension word is corrected like any other', () => {
    const p = planned('spend by tema last month') as Plan;
    expect(p.query.groupBy).toEqual(['team']);
    expect(p.corrections).toEqual(['read "tema" as "team"']);
  });

  it('a word as near to two planner words ("mont": month, most) is not guessed', () => {
    const p = planned('spend last mont');
    expect(p.ok).toBe(false);
    expect((p as { message: string }).message).toMatch(/can't place "last mont"/);
  });

  it('a word nowhere near any name or planner word still declines as before', () => {
    const p = planned('how much did the frobnicator cost?');
    expect(p.ok).toBe(false);
    expect((p as { message: string }).message).toMatch(/can't place "frobnicator"/);
  });
});

describe('editDistance', () => {
  it.each([
    ['search', 'serach', 1],
    ['search', 'search', 0],
    ['month', 'moth', 1],
    ['october', 'ocotber', 1],
    ['kitten', 'sitting', 3],
  ])('%s → %s is %i', (a, b, d) => {
    expect(editDistance(a, b, 5)).toBe(d);
  });
});
