/**
 * "what's driving EC2 costs", "what's behind our S3 bill" with no change word: what the spend is
 * made of, a breakdown of the scope one level below it (defaults.ts drillDown: a service by
 * resource, a feature by model…), and the answer says which. With a change word ("what drove
 * the increase") time.ts reads it as why something changed instead.
 */
import type { Filter } from '../../costs/query.ts';
import { dimensionName } from '../answer/format.ts';
import { drillDown } from './defaults.ts';
import type { Dataset } from './measure.ts';
import type { QuestionText } from './text.ts';

export function takeMadeOf(t: QuestionText): boolean {
  return t.takeOne(/\bwhat(?:'s|\s+is|\s+are|\s+was|\s+were)?\s+(?:driving|drives|behind|makes\s+up|making\s+up|accounts\s+for)\b|\bbreak\s*down\s+of\b/) !== null;
}

/** The breakdown's dimension; the answer's reading says which. */
export function madeOfBreakdown(dataset: Dataset, filters: Filter[], assumptions: string[]): string {
  const dimension = drillDown(dataset, filters);
  assumptions.push(`read as what the spend is made of, with no change asked about: broken down by ${dimensionName(dimension)}, the level below the question's scope`);
  return dimension;
}
