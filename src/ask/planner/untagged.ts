/**
 * Untagged spend, and which tag it lacks (apostrophes optional, as typed in chat: "doesnt have a team"). "Untagged" and "not tagged" alone mean no team tag, the
 * definition answers state; "isn't tagged with an environment", "missing a cost-center tag",
 * "without a customer", "wasn't attributed to any customer" or "with no application tag" name the attribution field or raw tag key that
 * is missing. "No tags at all", the other definition, is read by focus.ts.
 */
import type { Filter } from '../../costs/query.ts';
import type { QuestionText } from './text.ts';

export interface Untagged {
  filter: Filter;
  /** What was assumed, when a word was read as another field ("owner" as team). */
  reading: string | null;
  /** "show me the untagged resources": the things listed, one row each (untagged-items.ts). */
  groupBy?: string;
}

/** Generic words: no team tag. Read after focus.ts took "not tagged at all" for no tags at all. */
const UNTAGGED =
  /\b(?:untagged|unallocated|unattributed|unowned|(?:(?:is|are|was|were)(?:n'?t|\s+not)|not)\s+tagged|(?:without|with\s+no|missing)\s+(?:an?\s+)?(?:tags?|owners?))(?:\s+(?:resources?|spend|costs?))?\b/;

const FIELDS: Array<[RegExp, string]> = [
  [/^(?:team|squad|owning\s+team|owner)s?$/, 'team'],
  [/^features?$/, 'feature'],
  [/^(?:customer|tenant|client)s?$/, 'customer'],
  [/^(?:environment|env|stage)s?$/, 'environment'],
  [/^(?:cost[\s-]?cent(?:er|re)|costcenter)s?$/, 'cost_center'],
];
const FIELD = '(team|squad|owning\\s+team|owner|feature|customer|tenant|client|environment|env|stage|cost[\\s-]?cent(?:er|re)|costcenter)s?';
/** Any other tag key, only when "tag" or "label" follows it. */
const KEY = '["\'`]?([a-z0-9_.:/-]+?)["\'`]?';
// "we can't tie to a customer": what cannot be attributed lacks it (attributed.ts reads "can tie to" as having it).
const LACKING =
  "(?:without|with\\s+no|no|missing|lacking|lacks?|(?:(?:(?:could|do|did|does)(?:n'?t|\\s+not)|can'?t|can\\s+not)(?:\\s+(?:we|you|i|they))?|cannot|never)\\s+(?:tie|link|map|trace|attribute|allocate|assign)\\s+(?:it\\s+|them\\s+)?to|(?:has|have|had)\\s+no|(?:(?:is|are|was|were)(?:n'?t|\\s+not)|not|never)\\s+(?:been\\s+)?(?:(?:tagged|labell?ed)\\s+(?:with|by|for)|(?:attributed|allocated|assigned|mapped|tied|linked)\\s+to)|(?:does|do|did)(?:n'?t|\\s+not)\\s+(?:have|carry)|(?:has|have)(?:n'?t|\\s+not)\\s+got)\\s+(?:an?\\s+|the\\s+|any\\s+)?";
const KEYED = new RegExp(`\\b${LACKING}(?:${FIELD}|${KEY})(?:[\\s-]+(tags?|labels?))?(?:\\s+(?:resources?|spend|costs?))?\\b`, 'g');

const original = (question: string, m: RegExpExecArray, group: number) => {
  const at = m.index + m[0].lastIndexOf(m[group]!);
  return question.slice(at, at + m[group]!.length);
};

/** "missing an owner tag", "without an environment tag": the field or tag key named as missing. */
export function takeMissingTag(t: QuestionText, question: string): Untagged | null {
  let found: Untagged | null = null;
  t.take(KEYED, (m) => {
    if (found || (m[1] === undefined && m[3] === undefined)) return false;
    if (m[1] !== undefined) {
      const dimension = FIELDS.find(([re]) => re.test(m[1]!.replace(/\s+/g, ' ')))![1];
      const owner = /^owners?$/.test(m[1]);
      found = { filter: { dimension, op: 'eq', value: null }, reading: owner ? '"owner" read as the team tag: owners are assigned by team' : null };
    } else found = { filter: { dimension: `tag:${original(question, m, 2)}`, op: 'eq', value: null }, reading: null };
    return true;
  });
  const missing = found as Untagged | null;
  // "unallocated cloud spend (no team tag)": the generic word says the same (no team tag), so it is read with it.
  if (missing?.filter.dimension === 'team') t.takeOne(UNTAGGED);
  return missing;
}

/** "untagged", "not tagged", "without tags": spend with no team tag. */
export function takeUntagged(t: QuestionText): Untagged | null {
  return t.takeOne(UNTAGGED) ? { filter: { dimension: 'team', op: 'eq', value: null }, reading: null } : null;
}
