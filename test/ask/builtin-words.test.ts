/**
 * Words a JavaScript object holds by default ("constructor") are words like any other: the planner
 * looked each word of a question up among the nicknames (value-words.ts), whose object answered
 * "constructor" with its own constructor, and planning threw. Planned without a database.
 */
import { describe, expect, it } from 'vitest';
import { planQuestion, type Plan } from '../../src/ask/planner/plan.ts';
import { areaOfRegion } from '../../src/ask/planner/region-areas.ts';

const AS_OF = '2026-11-23';
const planned = (q: string, catalog: Map<string, string[]>) => planQuestion(q, { asOf: AS_OF, catalog });

describe('a word an object holds by default', () => {
  it.each([
    ['what did constructor cost last month', 'constructor'],
    ['constructor spend by team', 'constructor'],
    ['spend on the constructor service', 'constructor'],
    ['acct hasOwnProperty spend', 'hasownproperty'],
    ['what did valueOf cost last month', 'valueof'],
  ])('is declined as unknown, not thrown on: %s', (q, word) => {
    const p = planned(q, new Map([['team', ['search']]]));
    expect(p.ok).toBe(false);
    expect((p as { message: string }).message).toContain(word);
  });

  it('names a stored value of that name', () => {
    const p = planned('what did the constructor team spend last month', new Map([['team', ['search', 'constructor']]])) as Plan;
    expect(p.ok).toBe(true);
    expect(p.query.filters).toEqual([{ dimension: 'team', op: 'eq', value: 'constructor' }]);
  });

  it('is no area code of a region id', () => {
    expect(areaOfRegion('constructor-east-1')).toBeNull();
    expect(areaOfRegion('eu-south-2')).toBe('Europe');
  });
});
