/**
 * The words of five question classes plan.ts reads together, right after time words: failed LLM
 * calls and the tasks that made the most calls (call-classes.ts), "what's driving EC2 costs" with
 * no change word (made-of.ts), "did checkout spend more on AI or on cloud" (ai-or-cloud.ts) and
 * "unit cost" with no "per" (unit-cost.ts).
 */
import type { Filter } from '../../costs/query.ts';
import { takeAiOrCloud } from './ai-or-cloud.ts';
import { takeFailedCalls, takeTaskRanking } from './call-classes.ts';
import { takeCacheHitCalls } from './cache-hit-calls.ts';
import { type MadeOf, takeMadeOf } from './made-of.ts';
import type { QuestionText } from './text.ts';
import { takeBareUnitCost } from './unit-cost.ts';

export { madeOfBreakdown, takeSpendsBudget } from './made-of.ts';
export { unitCostReading } from './unit-cost.ts';

export interface CallAndScopeWords {
  madeOf: MadeOf;
  aiOrCloud: boolean;
  taskRank: { limit: number } | null;
  bareUnit: boolean;
  /** Filters the words ask for: failed calls, or calls that hit the cache, only; calls with a task, to rank tasks. */
  filters: Filter[];
  /** Some words here made the question one Penny can read. */
  understood: boolean;
}

/** `movers`: time.ts already read "what's driving" beside a change word as why it changed. */
/** `spendsBudget`: made-of.ts already read "what's eating our budget" (before time words). */
export function takeCallAndScopeWords(t: QuestionText, movers: boolean, spendsBudget: { madeOf: boolean } | null): CallAndScopeWords {
  const madeOf: MadeOf = movers ? false : spendsBudget?.madeOf ? 'parts' : takeMadeOf(t);
  const aiOrCloud = takeAiOrCloud(t);
  const failed = takeFailedCalls(t);
  const cached = takeCacheHitCalls(t);
  const taskRank = takeTaskRanking(t);
  const bareUnit = takeBareUnitCost(t);
  const filters: Filter[] = [...(failed ? [failed] : []), ...(cached ? [cached] : []), ...(taskRank ? [{ dimension: 'task_id', op: 'not', value: null } as const] : [])];
  return { madeOf, aiOrCloud, taskRank, bareUnit, filters, understood: filters.length > 0 || bareUnit || madeOf !== false || spendsBudget !== null };
}
