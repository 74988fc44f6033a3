/**
 * A comparison with a period wholly before the stored data ("this month vs the same month last
 * year" over four months of data): a change "up $14,008 from $0.00" is a growth nobody had, so a
 * total's sentence drops it and says there is nothing to compare with. Rows keep their `previous`
 * (the --json contract); a ranking's changes stay, with the note.
 */
import type { CostResult } from '../../costs/run.ts';
import type { Answer } from './answer.ts';
import { rangeText } from './format.ts';
import { totalChangeClause } from './summary.ts';

export function withoutUncoveredChange(answer: Answer, result: CostResult, first: string): Answer {
  const note = `Cost data starts ${first}, so the period compared with is not covered.`;
  const clause = result.query.groupBy.length === 0 && result.previous ? totalChangeClause(result) : '';
  if (!clause || !answer.answer.includes(clause)) return { ...answer, answer: `${answer.answer} ${note}` };
  return { ...answer, answer: `${answer.answer.replace(clause, '')} ${note} No change is given against ${rangeText(result.previous!)}.` };
}
