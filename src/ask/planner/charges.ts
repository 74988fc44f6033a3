/**
 * Charge category words → a FOCUS ChargeCategory filter: "usage charges", "purchases", "tax",
 * "excluding credits". "usage" is never filler: billed cost of usage leaves purchases and tax out.
 * AI calls are usage charges (src/costs/dimensions.ts), so the filter also reads AI usage rightly.
 */
import type { Filter } from '../../costs/query.ts';
import type { QuestionText } from './text.ts';

const CATEGORIES: Array<[RegExp, string]> = [
  [/^usage/, 'Usage'],
  [/^purchase/, 'Purchase'],
  [/^tax/, 'Tax'],
  [/^credit/, 'Credit'],
  [/^adjustment/, 'Adjustment'],
];

const WORD = '(usage|purchases?|tax(?:es)?|credits?|adjustments?)';
const NOT = '(excluding|exclude|except(?:\\s+for)?|not(?:\\s+counting)?|without|other\\s+than|besides|ignoring|minus|apart\\s+from)\\s+(?:the\\s+)?';
// "usage-based" is a charge frequency (a stored value, values.ts), not the usage category.
const PHRASE = new RegExp(`\\b(?:${NOT})?(?:charge\\s+(?:category|type)\\s+)?${WORD}(?![\\s-]+based\\b)(?:[\\s-]+(?:charges?|costs?|spend|lines?|fees?|amounts?|only))?\\b`, 'g');

/** The charge categories the question names, each as an eq or not filter; at most one eq. */
export function takeChargeCategories(t: QuestionText): Filter[] {
  const eq = new Set<string>();
  const not: Filter[] = [];
  for (const m of t.take(PHRASE)) {
    const value = CATEGORIES.find(([re]) => re.test(m[2]!))![1];
    if (m[1]) not.push({ dimension: 'ChargeCategory', op: 'not', value });
    else eq.add(value);
  }
  const out: Filter[] = eq.size === 0 ? [] : eq.size === 1 ? [{ dimension: 'ChargeCategory', op: 'eq', value: [...eq][0]! }] : [{ dimension: 'ChargeCategory', op: 'in', values: [...eq] }];
  return [...out, ...not];
}

/**
 * Purchases alone are read at billed cost: FOCUS amortizes a commitment's purchase into the usage
 * it covers, so the purchase line's effective cost is $0 (and a one-off purchase's is its billed cost).
 */
export const purchasesAlone = (filters: Filter[]): boolean => filters.some((f) => f.dimension === 'ChargeCategory' && f.op === 'eq' && f.value === 'Purchase');
