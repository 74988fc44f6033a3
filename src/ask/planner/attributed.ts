/**
 * Spend attributed to a kind of thing, as one total: "how much did all customers cost", "what
 * have customers cost us", "total spend attributed to customers". It is the spend that carries a
 * customer (or team, feature) tag; the answer gives its share of all spend, so what is left is the
 * unattributed part. "By customer" or "which customers" stays a breakdown (grouping.ts).
 */
import type { Filter } from '../../costs/query.ts';
import type { QuestionText } from './text.ts';

const KINDS: Array<[RegExp, string]> = [
  [/^(?:customer|tenant|client)/, 'customer'],
  [/^(?:team|squad)/, 'team'],
  [/^feature/, 'feature'],
];
const KIND = '(customers?|tenants?|clients?|teams?|squads?|features?)';
/** As a whole, the kind is plural: "customers cost", not "the search team spent". */
const KINDS_PLURAL = '(customers|tenants|clients|teams|squads|features)';
/** "which customers cost the most", "top 5 customers": a ranking, left to grouping.ts. */
const NOT_RANKED = '(?<!\\b(?:which|what|each|every|per|by|top(?:\\s+\\d+)?|bottom(?:\\s+\\d+)?|\\d+|most|least|cheapest|biggest|priciest|costliest|how\\s+many|many)\\s+)';
const ALL = `${NOT_RANKED}\\b(?:all\\s+(?:of\\s+)?(?:our\\s+|the\\s+)?|our\\s+|the\\s+)?${KINDS_PLURAL}(?=\\s+(?:together|combined|in\\s+total|altogether|cost|costs|costed|spent|spend|used|consumed|run\\s+up)\\b|\\s+(?:have|has|did|do)\\s+(?:cost|spent|spend))`;
// "tied to a customer", "can we tie to a customer" (a share's clause after "can we", portion.ts).
const ATTRIBUTED = `\\b(?:attributed|allocated|assigned|attributable|charged|tied|linked|mapped|traced|traceable|tie|link|map|trace|attribute|allocate|assign)\\s+to\\s+(?:a\\s+|any\\s+|our\\s+|the\\s+)?${KIND}\\b|\\b(customer|tenant|client|team|feature)[\\s-]+attributed\\b`;

const RANKING = /\b(?:which|who|least|most|top|bottom|cheapest|biggest|largest|highest|lowest|smallest|rank(?:ed|ing)?|priciest|costliest)\b/;

/** The "has a value" filter of the kind named as a whole; null when the question names none. */
export function takeAttributed(t: QuestionText): Filter | null {
  // "which of our teams spent the least": a question that ranks names no total.
  const m = t.takeOne(new RegExp(t.has(RANKING) ? ATTRIBUTED : `${ATTRIBUTED}|${ALL}`));
  if (!m) return null;
  const word = m.slice(1).find((g) => g !== undefined)!;
  return { dimension: KINDS.find(([re]) => re.test(word))![1], op: 'not', value: null };
}
