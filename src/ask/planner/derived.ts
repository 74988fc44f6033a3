/**
 * Measures derived from two metrics of the same query: savings against list price (list minus
 * effective cost), the prompt cache hit rate (cached over all input tokens) and what the cache
 * saved (cached tokens priced as input less as cache reads). The planner reads
 * their words here; src/ask/answer/derived.ts runs the second metric and computes the figure.
 */
import type { Metric } from '../../costs/query.ts';
import type { QuestionText } from './text.ts';

export type Derived = 'savings' | 'cache_hit_rate' | 'cache_savings';

/** Each derived measure: the two metrics it is computed from. */
export const DERIVED: Record<Derived, { of: Metric; against: Metric }> = {
  savings: { of: 'list_cost', against: 'effective_cost' },
  cache_hit_rate: { of: 'cached_tokens', against: 'input_tokens' },
  // Priced per model (src/ask/answer/cache-savings.ts): cached tokens over the calls that read them.
  cache_savings: { of: 'cached_tokens', against: 'requests' },
};

const SAVINGS_WORD = /\b(?:savings?|saved|save|saving|discounts?|discounted)\b/;
/** List price named as what a saving is measured from: "vs list", "off list price", "on-demand rates". */
export const LIST_PRICE =
  /\b(?:(?:versus|vs\.?|against|compared\s+(?:to|with)|relative\s+to|off|from|below|on)\s+(?:the\s+)?(?:list|on[\s-]demand|public)(?:[\s-]+(?:prices?|pricing|costs?|rates?))?|(?:list|on[\s-]demand|public)[\s-]+(?:prices?|pricing|costs?|rates?))\b/;
/** "how much did prompt caching save us", "savings from the cache", "cache savings". */
export const CACHE_SAVINGS =
  /\b(?:prompt\s+)?cach(?:e|ing)\s+(?:savings?|saved?|saves|saving)(?:\s+(?:us|we|me))?\b|\b(?:savings?|saved?|saving)\s+(?:(?:us|we|me)\s+)?(?:from|by|with|through|thanks\s+to|on)\s+(?:the\s+|our\s+)?(?:prompt\s+)?(?:cache|caching)\b/;
const CACHE_RATE = /\b(?:(?:prompt\s+)?cache\s+(?:hit\s+)?(?:rate|ratio)|cache\s+hits?)\b/;

/**
 * "how big a discount do we get", "our total discounts", "discount we received": a discount is
 * measured from list price even when the question does not say so (FOCUS: list minus effective).
 */
const DISCOUNT_ASKED =
  /\b(?:how\s+(?:big|large|much)\s+(?:(?:of\s+)?an?\s+)?|what\s+(?:kind\s+of\s+)?|total\s+|our\s+|overall\s+)discounts?\b(?:\s+(?:do|did|does|have|has|had)\s+(?:we|i|you)\s+(?:get|got|gotten|receive|received|have|had|see|seen))?|\bdiscounts?\s+(?:we|i)\s+(?:get|got|receive|received)\b/;

/** What is left of "savings from commitments" once focus.ts took the commitment words as a filter. */
const SAVED_BY = /\b(?:savings?|saved?|saving)(?:\s+(?:from|with|on|through|by|via|thanks\s+to|under))?\b/;

/**
 * The derived measure the question asks for, its words taken; null when it asks for none.
 * `committed`: the question filters on commitments, so a saving is the one they gave.
 */
export function takeDerived(t: QuestionText, committed = false): Derived | null {
  if (committed && t.takeOne(SAVED_BY)) return 'savings';
  if (t.takeOne(CACHE_RATE)) return 'cache_hit_rate';
  if (t.takeOne(CACHE_SAVINGS)) return 'cache_savings';
  if (t.has(SAVINGS_WORD) && t.has(LIST_PRICE)) {
    t.takeOne(DISCOUNT_ASKED) ?? t.takeOne(SAVINGS_WORD);
    t.takeOne(LIST_PRICE);
    return 'savings';
  }
  if (t.takeOne(DISCOUNT_ASKED)) return 'savings';
  return null;
}
