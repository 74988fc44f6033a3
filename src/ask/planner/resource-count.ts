/**
 * "how many distinct resources did we pay for in eu-west-1", "number of resources with charges in
 * May": a count of resources. FOCUS names each resource in ResourceId, so the resources in a period
 * are the distinct ids with charges in it, within the scope asked (a region, a service, an account).
 * Only the word "resources" is counted: "how many instances" or "VMs" would count buckets and
 * functions too, so a kind of resource stays declined (counts.ts).
 */
import type { QuestionText } from './text.ts';

export const COUNT_WORD = String.raw`(?:how\s+many|(?:the\s+)?(?:total\s+)?(?:number|count|#)\s+of)`;
/** The count word, then at most two words ("distinct", "cloud"), then "resources" that is not a unit or money ("resource hours"). */
const COUNTED = new RegExp(String.raw`\b${COUNT_WORD}(?=(?:\s+[\w.-]+){0,2}?\s+resources?(?:\s+ids?)?\b(?!\s+(?:hours?|hrs|dollars|usd|spend|cost|costs|types?|groups?)\b))`);
/** What says "with charges": "distinct", "did we pay for", "do we have", "are running", "were billed". */
export const CHARGED = [
  /\b(?:distinct|unique|different|separate|individual|active|running|live|billed|charged)\b(?=(?:\s+[\w.-]+){0,1}?\s+resources?\b)/,
  /\b(?:do|did|does)\s+(?:we|i|you)\s+(?:currently\s+|still\s+)?(?:have|run|pay\s+for|get\s+billed\s+for)\b|\b(?:are|were)\s+there\b|\b(?:are|were)\s+(?:running|billed|charged|active|live)\b/,
];

/** "subscriptions billing in May", "resources charging this month": the verb of having charges, before a period. */
export const BILLING_VERB = /\b(?:billing|charging|incurring\s+(?:costs?|charges))(?=\s+(?:in|during|over|since|last|this|so\s+far)\b)/;

export interface ResourceCount {
  of: 'ResourceId';
  by: string[];
  reading: string;
}

/** A count of resources, its words taken; null when the question counts no resources. */
export function takeResourceCount(t: QuestionText): ResourceCount | null {
  if (!t.takeOne(COUNTED)) return null;
  for (const re of [...CHARGED, BILLING_VERB]) t.takeOne(re);
  t.takeOne(/\bresources?(?:\s+ids?)?\b/);
  return { of: 'ResourceId', by: [], reading: 'resources counted once each by ResourceId, those with charges in the period' };
}
