/**
 * A comparison with a period wholly before the stored data ("this month vs the same month last
 * year" over four months of data): a change "up $14,008 from $0.00" is a growth nobody had. A
 * total's sentence drops it, keeps the period's own figure and says there is nothing to compare
 * with; rows that each carry such a change (growth by team) are declined, since every row's change
 * would be that growth from nothing. Rows keep their `previous` (the --json contract).
 */
import type { CostResult } from '../../costs/run.ts';
import { addDays } from '../../schema/days.ts';
import { declined, type Answer } from './answer.ts';
import { rangeText } from './format.ts';
import { totalChangeClause } from './summary.ts';

export function withoutUncoveredChange(answer: Answer, result: CostResult, first: string): Answer {
  const note = `Cost data starts ${first}, so the period compared with is not covered.`;
  const previous = result.previous!;
  if (result.query.groupBy.length > 0) {
    return declined(`I can't give a change against ${previous.from} to ${addDays(previous.to, -1)}: ${note} Ask for the period on its own, or compare it with one from ${first} on.`, [], answer.asOf);
  }
  const clause = totalChangeClause(result);
  if (!clause || !answer.answer.includes(clause)) return { ...answer, answer: `${answer.answer} ${note}` };
  return { ...answer, answer: `${answer.answer.replace(clause, '')} ${note} No change is given against ${rangeText(previous)}.` };
}
