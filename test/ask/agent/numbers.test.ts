/**
 * The check on the model's numbers: a sentence stays when each of its numbers is one Penny
 * computed (allowing the same value rounded or reformatted), and goes when any is not.
 */
import { describe, expect, it } from 'vitest';
import { trustedCommentary, unreadCommentary } from '../../../src/ask/agent/numbers.ts';

const SOURCE = JSON.stringify({
  summary: 'Cost by team, last month (2026-10-01 to 2026-10-31) (total $18,745.68): ml $8,971.82 (48%).',
  rows: [
    { team: 'ml', effective_cost: 8971.8217557511 },
    { team: 'data', effective_cost: 3865.7808854493, delta_pct: 12.345 },
    { team: 'x', forecast_share: 1.1178 },
  ],
});

describe('trustedCommentary', () => {
  it.each([
    ['ml spent $8,971.82.', 'exact'],
    ['ml spent about $8,972.', 'rounded to dollars'],
    ['ml spent $8.97k and data $3.9k.', 'scaled'],
    ['ml spent nearly $9k.', 'rounded to thousands'],
    ['That is 48% of the total.', 'a percentage in the summary'],
    ['Data grew 12.3% and x is at 112% of budget.', 'a delta and a share as percentages'],
    ['The range is 2026-10-01 to 2026-10-31.', 'dates in the results'],
    ['The top 3 teams lead.', 'a small count'],
  ])('keeps "%s" (%s)', (sentence) => {
    expect(trustedCommentary(sentence, SOURCE)).toEqual({ text: sentence, dropped: 0 });
  });

  it.each([
    ['ml spent $9,100.', 'a different amount'],
    ['ml spent $8.5k.', 'a scaled different amount'],
    ['That is 52% of the total.', 'a percentage not computed'],
    ['Spend will reach $25,000 by December.', 'a projection nobody computed'],
    ['It started on 2026-09-15.', 'a date outside the results'],
    ['We have 40 teams.', 'a count over the small ones'],
  ])('drops "%s" (%s)', (sentence) => {
    expect(trustedCommentary(sentence, SOURCE)).toEqual({ text: '', dropped: 1 });
  });

  it('drops only the sentence with the unbacked number', () => {
    expect(trustedCommentary('ml leads with $8,971.82. It will double to $18,000 soon. Data follows.', SOURCE)).toEqual({ text: 'ml leads with $8,971.82. Data follows.', dropped: 1 });
  });
});

describe('unreadCommentary', () => {
  it('drops sentences with numbers and says no data was read', () => {
    expect(unreadCommentary('Which period do you mean? Last month was $4,000.')).toBe('Which period do you mean? (No data was read: the model answered without querying any costs.)');
  });
});
