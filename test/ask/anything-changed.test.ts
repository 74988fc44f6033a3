/**
 * "Did anything spike yesterday?" (casual-words.ts): "anything" as what changed asks what moved, as
 * "what spiked yesterday" does (the biggest movers), without a database.
 */
import { describe, expect, it } from 'vitest';
import { offlinePlanner } from './support/offline-planner.ts';

const { read, plan } = offlinePlanner(new Map([['team', ['search', 'checkout']]]), '2026-11-23');

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
