/**
 * Charge category words → a FOCUS ChargeCategory filter: "usage charges", "purchases", "tax",
 * "excluding credits", "pre-tax". "usage" is never filler: billed cost of usage leaves purchases and
 * tax out. A category said as included ("including tax", "after credits", "tax included") filters
 * nothing on its own: it is part of the total, beside any category named ("usage plus tax").
 * AI calls are usage charges (src/costs/dimensions.ts), so the filter also reads AI usage rightly.
 */
import type { Filter } from '../../costs/query.ts';
import type { QuestionText } from './text.ts';

const CATEGORIES: Array<[RegExp, string]> = [
  [/^usage/, 'Usage'],
  [/^purchase/, 'Purchase'],
  [/^(?:(?:sales\s+|value[\s-]added\s+)?tax|vat|gst)/, 'Tax'],
  // A refund is returned to the customer as a credit line (FOCUS ChargeCategory Credit).
  [/^(?:credit|refund)/, 'Credit'],
  [/^adjustment/, 'Adjustment'],
];

const WORD = '(usage|purchases?|(?:sales\\s+|value[\\s-]added\\s+)?tax(?:es)?|vat|gst|credits?|refunds?|adjustments?)';
// "pre-tax", "ex VAT", "before credits", "excl. tax": the category left out.
const NOT =
  "(excluding|excl\\.?|exclusive\\s+of|exclude|except(?:\\s+for)?|not(?:\\s+counting)?|(?:that|which)\\s+(?:(?:is|are|was|were)\\s+not|isn'?t|aren'?t|wasn'?t|weren'?t)|without|other\\s+than|besides|ignoring|minus|apart\\s+from|before|pre(?=[\\s-]?(?:tax|vat|gst))|ex\\.?)[\\s-]*(?:the\\s+)?";
// "including tax", "plus VAT", "after credits": the category is part of the amount asked.
const WITH = '(including|incl\\.?|inclusive\\s+of|with|plus|after)[\\s-]+(?:the\\s+)?';
const SAID_AFTER = '(?:[\\s-]+(?:(included|inclusive|incl\\.?)|(excluded|exclusive|excl\\.?)))?';
// "usage-based" is a charge frequency (a stored value, values.ts), not the usage category.
const PHRASE = new RegExp(
  `(?<![\\w-])(?:${NOT}|${WITH})?(?:charge\\s+(?:category|type)\\s+)?${WORD}(?![\\s-]+based\\b)(?:[\\s-]+(?:charges?|costs?|spend|lines?|fees?|amounts?|only))?${SAID_AFTER}(?![\\w-])`,
  'g',
);

/** How credits and refunds come: "received", "earned", "issued", "granted" ("got" and "get" are filler). */
const CREDIT_VERB = /\b(?:receiv(?:e|ed|ing)|earn(?:ed|t)?|issued|given|granted)\b/;

/** "upfront", "the up-front stuff", "upfront payments": beside purchases only, what a purchase is. */
const UPFRONT = /\b(?:the\s+)?up[\s-]?front(?:\s+(?:stuff|ones|payments?|fees?|costs?|charges?|commitments?))?\b/;

/** How a category said as included is named in the answer's assumptions. */
const INCLUDED_NAME: Record<string, string> = { Usage: 'usage', Purchase: 'purchases', Tax: 'tax', Credit: 'credits', Adjustment: 'adjustments' };

/**
 * The charge categories the question names, each as an eq or not filter (at most one eq), and
 * how a category said as included was read: the total alone would not say that tax is in it.
 */
export function takeChargeCategories(t: QuestionText): { filters: Filter[]; reading: string | null } {
  const eq = new Set<string>();
  const included = new Set<string>();
  const not: Filter[] = [];
  for (const m of t.take(PHRASE)) {
    const value = CATEGORIES.find(([re]) => re.test(m[3]!))![1];
    if (m[1] || m[5]) not.push({ dimension: 'ChargeCategory', op: 'not', value });
    else if (m[2] || m[4]) included.add(value);
    else eq.add(value);
  }
  // "credits we received", "how much credit did we get": credits are received; the verb says nothing more.
  if (eq.has('Credit')) t.takeOne(CREDIT_VERB);
  // "purchases (the upfront stuff)": purchases are paid up front; the word says nothing more.
  if (eq.has('Purchase')) t.takeOne(UPFRONT);
  // "usage plus tax": both categories; "total including tax" alone keeps every category.
  if (eq.size > 0) for (const v of included) eq.add(v);
  const out: Filter[] = eq.size === 0 ? [] : eq.size === 1 ? [{ dimension: 'ChargeCategory', op: 'eq', value: [...eq][0]! }] : [{ dimension: 'ChargeCategory', op: 'in', values: [...eq] }];
  const names = [...included].map((v) => INCLUDED_NAME[v]!).join(' and ');
  const reading = names === '' ? null : eq.size > 0 ? `${names} included: counted beside the charges named` : `${names} included: the total counts every charge category, ${names} among them`;
  return { filters: [...out, ...not], reading };
}

/**
 * Purchases alone are read at billed cost: FOCUS amortizes a commitment's purchase into the usage
 * it covers, so the purchase line's effective cost is $0 (and a one-off purchase's is its billed cost).
 */
export const purchasesAlone = (filters: readonly Filter[]): boolean => filters.some((f) => f.dimension === 'ChargeCategory' && f.op === 'eq' && f.value === 'Purchase');

/** How a question about purchases alone, naming no metric, is read (the planner's and the agent's how-line). */
export const PURCHASES_AT_BILLED_COST = 'purchases are read at billed cost: their effective cost is amortized into the usage a commitment covers';
