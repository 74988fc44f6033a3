/**
 * Measures derived from two metrics of the same query: savings against list price (list minus
 * effective cost) and the prompt cache hit rate (cached over all input tokens). The planner reads
 * their words here; src/ask/answer/derived.ts runs the second metric and computes the figure.
 */
import type { Metric } from '../../costs/query.ts';
import type { QuestionText } from './text.ts';

export type Derived = 'savings' | 'cache_hit_rate';

/** Each derived measure: the two metrics it is computed from. */
export const DERIVED: Record<Derived, { of: Metric; against: Metric }> = {
  savings: { of: 'list_cost', against: 'effective_cost' },
  cache_hit_rate: { of: 'cached_tokens', against: 'input_tokens' },
};

const SAVINGS_WORD = /\b(?:savings?|saved|save|saving|discounts?|discounted)\b/;
/** List price named as what a saving is measured from: "vs list", "off list price", "on-demand rates". */
export const LIST_PRICE =
  /\b(?:(?:versus|vs\.?|against|compared\s+(?:to|with)|relative\s+to|off|from|below|on)\s+(?:the\s+)?(?:list|on[\s-]demand|public)(?:[\s-]+(?:prices?|pricing|costs?|rates?))?|(?:list|on[\s-]demand|public)[\s-]+(?:prices?|pricing|costs?|rates?))\b/;
const CACHE_RATE = /\b(?:(?:prompt\s+)?cache\s+(?:hit\s+)?(?:rate|ratio)|cache\s+hits?)\b/;

/**
 * "how big a discount do we get", "our total discounts", "discount we received": a discount is
 * measured from list price even when the question does not say so (FOCUS: list minus effective).
 */
const DISCOUNT_ASKED =
  /\b(?:how\s+(?:big|large|much)\s+(?:(?:of\s+)?an?\s+)?|what\s+(?:kind\s+of\s+)?|total\s+|our\s+|overall\s+)discounts?\b(?:\s+(?:do|did|does|have|has|had)\s+(?:we|i|you)\s+(?:get|got|gotten|receive|received|have|had|see|seen))?|\bdiscounts?\s+(?:we|i)\s+(?:get|got|receive|received)\b/;

/**
 * "how much did we save", "what did discounts save us", "our total savings": money saved, with no
 * measure named, is measured from list price too. "Could we save" is a recommendation (outlook.ts).
 */
export const SAVED_ASKED =
  /\bhow\s+much\s+(?:money\s+)?(?:did|have|has|had)\s+(?:we|i|you)\s+(?:actually\s+)?sav(?:e|ed)\b|\bdiscounts?\s+(?:save|saved)\b|\b(?:our|total|overall)\s+savings\b(?!\s+(?:plans?|opportunit(?:y|ies)|recommendations?)\b)/;

/** What is left of "savings from commitments" once focus.ts took the commitment words as a filter. */
const SAVED_BY = /\b(?:savings?|saved?|saving)(?:\s+(?:from|with|on|through|by|via|thanks\s+to|under))?\b/;

/**
 * The derived measure the question asks for, its words taken; null when it asks for none.
 * `committed`: the question filters on commitments, so a saving is the one they gave.
 */
export function takeDerived(t: QuestionText, committed = false): Derived | null {
  if (committed && t.takeOne(SAVED_BY)) return 'savings';
  if (t.takeOne(CACHE_RATE)) return 'cache_hit_rate';
  if (t.has(SAVINGS_WORD) && t.has(LIST_PRICE)) {
    t.takeOne(DISCOUNT_ASKED) ?? t.takeOne(SAVINGS_WORD);
    t.takeOne(LIST_PRICE);
    return 'savings';
  }
  if (t.takeOne(DISCOUNT_ASKED) || t.takeOne(SAVED_ASKED)) return 'savings';
  return null;
}
