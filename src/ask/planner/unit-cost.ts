/**
 * "unit cost" with no "per": for AI spend (a feature, a model, "AI" said) the usual unit is one
 * LLM call, and the answer says so; for anything else there is no usual unit, so Penny asks which.
 * "unit cost per call" is read by measure.ts with its unit.
 */
import type { CostQuery, Filter } from '../../costs/query.ts';
import type { Dataset } from './measure.ts';
import type { QuestionText } from './text.ts';

export function takeBareUnitCost(t: QuestionText): boolean {
  return t.takeOne(/\bunit\s+(?:costs?|economics|prices?|spend)\b(?!\s+(?:per|a|each)\b)/) !== null;
}

const AI_NAMES = new Set(['feature', 'model']);

/** The unit cost's metric for the scope, its reading added to `assumptions`; or why Penny asks which unit. */
export function unitCostReading(dataset: Dataset, filters: Filter[], assumptions: string[]): { metric: CostQuery['metric'] } | { refusal: string } {
  if (dataset === 'ai' || filters.some((f) => AI_NAMES.has(f.dimension) && f.op !== 'not')) {
    assumptions.push('unit cost read as cost per LLM call, the usual unit for AI spend; ask "cost per successful task" for a unit of work');
    return { metric: 'cost_per_request' };
  }
  return {
    refusal: 'Unit cost needs a unit, and cloud spend has no usual one: say which, e.g. "cost per successful task", "cost per LLM call", "cost per customer" or "cost per 1,000 tokens".',
  };
}
