/**
 * "why is Azure so expensive", "why did ml cost so much last month": why a level is what it is,
 * with no change asked, is answered by what the spend is made of (made-of.ts), not by what
 * changed, which time.ts would read "why" as. "why is it so high" points back to something said
 * before, so it is declined, saying what to name.
 */
import type { QuestionText } from './text.ts';

const WHY = /\b(?:why|how\s+come)\b/;
/** A level said to be high: "so expensive", "that much". */
const SO_MUCH = /\b(?:so|that|this)\s+(?:much|high|expensive|costly|pricey|pricy|big|large)\b/;
/** Any word of a change or a comparison: then "why" asks what changed (time.ts). */
const CHANGE =
  /\b(?:up|down|more|less|higher|lower|cheaper|than|since|vs|versus|compared|increas\w*|decreas\w*|ris(?:e|en|es|ing)|rose|jump\w*|spik\w*|grow\w*|grew|climb\w*|drop\w*|fell|fall\w*|chang\w*)\b/;
/** "why is it so high", "how come that costs so much": the thing is named elsewhere. */
const POINTS_BACK = /\b(?:why|how\s+come)\s+(?:is|was|are|were|did|does|do|has|have)\s+(?:it|this|that|they|these|those)\b/;

/**
 * Takes "why" and its level words when the question asks why a level is high: true; a refusal's
 * message when what is high is not named; null when "why" asks something else (or nothing).
 */
export function takeLevelWhy(t: QuestionText): true | string | null {
  if (!t.has(WHY) || !t.has(SO_MUCH) || t.has(CHANGE)) return null;
  if (t.has(POINTS_BACK)) return 'I can\'t tell what "it" is here: name what seems high, e.g. "why is Azure so expensive" or "why did the ml team cost so much last month".';
  t.takeOne(WHY);
  t.takeOne(SO_MUCH);
  return true;
}
