/**
 * A change asked in words that judge it or say it otherwise than "up" or "down" ("improved",
 * "got worse", "better than last month", "dropped off", "shot up") is the same comparison as its
 * plain words, and the reading says which way was taken as better for the metric. Planned without
 * a database.
 */
import { describe, expect, it } from 'vitest';
import { offlinePlanner } from './support/offline-planner.ts';

const { plan, read } = offlinePlanner(
  new Map([
    ['team', ['search', 'checkout', 'ml']],
    ['model', ['gpt-4o', 'gpt-4o-mini']],
  ]),
  '2026-11-25',
);

describe('a change in other words is the comparison its plain words ask', () => {
  it.each([
    ['has the error rate improved since last week', 'has the error rate gone down vs last week', '"improved" read as a fall: for cost and failure rates, lower is better'],
    ['did spend get worse', 'did spend go up', '"worse" read as a rise'],
    ['is AI cost better than last month', 'is AI cost lower than last month', '"better" read as a fall'],
    ['has ml spend got any better since last month', 'has ml spend gone down since last month', '"better" read as a fall'],
    ['has the task success rate improved vs last month', 'has the task success rate gone up vs last month', '"improved" read as a rise: for a success rate, higher is better'],
  ])('"%s" is read as "%s"', (judged, plain, reading) => {
    const a = plan(judged);
    expect(a.query.compare).toBeDefined();
    expect(a.query).toEqual(plan(plain).query);
    expect(a.assumptions.join('; ')).toContain(reading);
  });

  it.each([
    ['has cloud cost dropped off', 'has cloud cost gone down'],
    ['has search spend come down since last month', 'has search spend gone down since last month'],
    ['did checkout spend shoot up last week', 'did checkout spend go up last week'],
    ['did AI spend surge this month', 'did AI spend go up this month'],
  ])('"%s" is read as "%s"', (other, plain) => {
    expect(plan(other).query).toEqual(plan(plain).query);
  });

  it('"why did costs get worse" ranks what rose, as "why did costs go up"', () => {
    expect(plan('why did costs get worse last month').query).toEqual(plan('why did costs go up last month').query);
  });

  it('near misses: no change word keeps a total; plain "up" and "down" keep their readings', () => {
    expect(plan('search spend last month').query.compare).toBeUndefined();
    expect(plan('did spend go up').assumptions.join('; ')).not.toContain('read as');
    expect(plan('why did spend drop last week').query.orderBy).toEqual({ by: 'delta', direction: 'asc' });
  });

  it('near misses: "better than" a name is no change over time, and "the tank" is no fall', () => {
    expect(read('is search better than checkout on spend').ok).toBe(false);
    expect(read("what's the cost of the tank").ok).toBe(false);
  });
});
