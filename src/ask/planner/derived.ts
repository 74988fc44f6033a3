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

/** The derived measure the question asks for, its words taken; null when it asks for none. */
export function takeDerived(t: QuestionText): Derived | null {
  if (t.takeOne(CACHE_RATE)) return 'cache_hit_rate';
  if (t.has(SAVINGS_WORD) && t.has(LIST_PRICE)) {
    t.takeOne(SAVINGS_WORD);
    t.takeOne(LIST_PRICE);
    return 'savings';
  }
  return null;
}
