/**
 * Growth asked in everyday words, without a database: "did anything spike yesterday?"
 * (casual-words.ts: "anything" as what changed asks what moved, as "what spiked yesterday" does),
 * "which team is growing fastest", "fastest growing service" (the growth ranked, as "grew the most").
 */
import { describe, expect, it } from 'vitest';
import { offlinePlanner } from './support/offline-planner.ts';

const { read, plan } = offlinePlanner(
  new Map([
    ['team', ['search', 'checkout']],
    ['ServiceName', ['BigQuery', 'Cloud Run']],
  ]),
  '2026-11-23',
);

describe('"did anything …" with a change verb', () => {
  it.each(['did anything spike yesterday', 'has anything gone up this week', 'did anything jump last week'])('"%s" ranks what changed (it was declined)', (q) => {
    const p = plan(q);
    expect(p.query.compare).toBe('previous_period');
    expect(p.query.groupBy).toEqual(plan(q.replace(/^(?:did|has)\s+anything/, 'what')).query.groupBy);
    expect(p.query.groupBy.length).toBe(1);
  });

  it('near miss: "anything" with no change verb is not a change', () => {
    expect(read('did anything run yesterday').ok).toBe(false);
  });
});

describe('"fastest growing" and "growing fastest"', () => {
  it.each([
    ['which team is growing fastest last month', 'which team grew the most last month'],
    ['fastest growing service last month', 'which service grew the most last month'],
    ['fastest-growing teams this month', 'which teams grew the most this month'],
    ['which model grew the fastest this month', 'which model grew the most this month'],
  ])('"%s" reads as "%s" (it was declined)', (q, same) => {
    const p = plan(q);
    const want = plan(same).query;
    expect(p.query.groupBy).toEqual(want.groupBy);
    expect(p.query.time).toEqual(want.time);
    expect(p.query.orderBy).toEqual({ by: 'delta', direction: 'desc' });
  });

  it('near miss: speed with no growth is latency, which Penny does not keep', () => {
    const p = read('which model is fastest');
    expect(p.ok).toBe(false);
    expect(!p.ok && p.message).toMatch(/not how long it took/);
    expect(read('p95 latency of llm calls last week').ok).toBe(false);
  });
});
