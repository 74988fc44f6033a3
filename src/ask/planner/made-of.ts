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

/** Spending a budget or money: "eating", "burning through", "using up" (the budget is the money, not the set amount). */
const SPENDING = String.raw`(?:eat(?:s|ing)?|ate|consum(?:e|es|ed|ing)|burn(?:s|ed|ing|t)?\s+through|us(?:e|es|ed|ing)\s+up|tak(?:e|es|ing)\s+up|chew(?:s|ing)?\s+(?:through|up)|drain(?:s|ed|ing)?|blow(?:s|ing)?\s+through)(?:\s+up)?\s+(?:all\s+)?(?:of\s+)?(?:(?:our|the|my)\s+)?`;
/** The words between ("the ml team's", "our cloud") are left to the value and dataset readers. */
const NAMED = String.raw`(?<named>(?:[a-z0-9][\w.-]*\s+){0,3}?)(?<budget>(?:monthly\s+)?budgets?|money|cash)\b`;
/** "what's eating our budget", "who is burning through the budget": what spends it, the spend's breakdown. */
const WHAT_SPENDS = new RegExp(String.raw`\b(?:what|who)(?:'s|s|\s+is|\s+are|\s+was|\s+has\s+been|\s+keeps)?\s+${SPENDING}${NAMED}`, 'd');
/** "which team is eating our budget": the ranking is read by grouping.ts; the verb and the budget are its spend. */
const WHICH_SPENDS = new RegExp(String.raw`(?:\b(?:is|are|was|were)\s+)?\b${SPENDING}${NAMED}`, 'd');
const WHICH = /\bwhich\b/;

/** Whether `text` asks what or which thing spends the budget: a cost question, not the budget's standing. */
export const asksWhatSpendsBudget = (text: string) => WHAT_SPENDS.test(text) || (WHICH.test(text) && WHICH_SPENDS.test(text));

/** Takes the spending words and the budget word of `re`, not the names between; whether it matched. */
function takeSpending(t: QuestionText, re: RegExp): boolean {
  const m = t.peek(re);
  const at = m?.indices?.groups;
  if (!m || !at) return false;
  t.mark({ start: m.index, end: at.named![0] });
  t.mark({ start: at.budget![0], end: at.budget![1] });
  return true;
}

/**
 * "what's eating our budget" (what spends it: made of) or "which team is eating our monthly budget"
 * (the spend of a ranking); null when neither. Before time words, which would read "monthly" as a trend.
 */
export function takeSpendsBudget(t: QuestionText): { madeOf: boolean } | null {
  if (takeSpending(t, WHAT_SPENDS)) return { madeOf: true };
  return t.has(WHICH) && takeSpending(t, WHICH_SPENDS) ? { madeOf: false } : null;
}

/**
 * "what are we paying for in Google Cloud?", "what do we spend money on": what is bought, the spend
 * made of. Only when nothing is named right after "for"/"on" ("what are we paying for BigQuery" asks
 * what BigQuery costs, "what did we spend on Sundays" is a level): the question ends there, or a
 * place, a period or a scope follows, as typed (a day word taken already is still there).
 */
const PAYING_FOR =
  /\bwhat\s+(?:exactly\s+|even\s+)?(?:are|am|do|did|were|is)\s+(?:we|i|you|they)\s+(?:actually\s+|even\s+|really\s+)?(?:paying|pay|paid|spending|spend|spent)\s+(?:(?:our\s+|the\s+)?money\s+)?(?:for|on)\b/;
const THEN = /^\s*(?:$|[?.!,;:)]|(?:in|on|at|across|within|inside|under|over|with|from|during|since|last|this|these|each|every|lately|now|right|today|currently|so)\b)/;

/** Which breakdown a question asks for: what drives the spend (one level below) or what is bought with it. */
export type MadeOf = 'parts' | 'bought' | false;

export function takeMadeOf(t: QuestionText): MadeOf {
  if (t.takeOne(/\bwhat(?:'s|\s+is|\s+are|\s+was|\s+were)?\s+(?:driving|drives|behind|makes\s+up|making\s+up|accounts\s+for)\b|\bbreak\s*down\s+of\b/)) return 'parts';
  const m = t.peek(PAYING_FOR);
  if (!m || !THEN.test(t.text.slice(m.index + m[0].length))) return false;
  t.mark({ start: m.index, end: m.index + m[0].length });
  return 'bought';
}

/** The breakdown's dimension; the answer's reading says which. */
export function madeOfBreakdown(dataset: Dataset, filters: Filter[], assumptions: string[]): string {
  const dimension = drillDown(dataset, filters);
  assumptions.push(`read as what the spend is made of, with no change asked about: broken down by ${dimensionName(dimension)}, the level below the question's scope`);
  return dimension;
}
