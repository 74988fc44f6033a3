/**
 * What a plan asks to be said beside its answer once the data is read: clouds named beside others
 * that have no charges in the loaded data (left out of the comparison, with the data's dates), and
 * a reading that declines when no stored row carries it ("spot" where no row is at Dynamic
 * pricing), so a 0 is not read as "spent nothing on spot".
 */
import type pg from 'pg';
import { dataCoverage } from '../../costs/coverage.ts';
import type { Plan } from '../planner/plan-result.ts';
import { noChargesFrom } from '../planner/absent-clouds.ts';
import { declined, type Answer } from './answer.ts';

const listed = (names: string[]) => (names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`);

/** `limited`: the viewer sees only their teams' costs, so a cloud with none is one they see no charges from. */
export async function withPlanNotes(pool: pg.Pool, plan: Plan, answer: Answer, timeoutMs?: number, limited = false): Promise<Answer> {
  const w = plan.noneWith;
  const none = plan.noneMatched !== undefined && answer.result !== undefined && (!answer.result.matched || (w !== undefined && !answer.result.rows.some((r) => r[w.dimension] === w.value)));
  if (!none && !(plan.absent && answer.query)) return answer;
  const c = await dataCoverage(pool, 'cloud', timeoutMs);
  const covers = c ? `cost data covers ${c.first} to ${c.last}` : 'no cost data is stored yet';
  if (none) return declined(`${plan.noneMatched} (${covers}).`, [], answer.asOf);
  const absent = plan.absent!;
  return { ...answer, answer: `${answer.answer} The loaded data has ${noChargesFrom([listed(absent)], limited)}, so ${absent.length === 1 ? 'it is' : 'they are'} left out (${covers}).` };
}
