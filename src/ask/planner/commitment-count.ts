/**
 * "how many reservations do we have", "number of active RIs", "how many savings plans by type": a
 * count of commitments. FOCUS names each commitment in CommitmentDiscountId and charges one in force
 * every hour, its unused hours included, so the commitments in a period are the distinct ids with
 * charges in it. The commitment words themselves are read by focus.ts as filters; here the count
 * words and what says "in force" ("active", "do we have"). Counts of anything else stay declined
 * (counts.ts).
 */
import type { TimeSpec } from '../../costs/query.ts';
import type { QuestionText } from './text.ts';

const KIND = String.raw`(?:commitments?(?:\s+discounts?)?|reservations?|reserved\s+instances?|ris|savings\s+plans?|cuds?|committed\s+use\s+discounts?)`;
const COUNT_WORD = String.raw`(?:how\s+many|(?:the\s+)?(?:total\s+)?(?:number|count|#)\s+of)`;
/** The count word, then at most three words (a cloud, "active"), then a kind of commitment that is not a unit ("RI hours"). */
const COUNTED = new RegExp(String.raw`\b${COUNT_WORD}(?=(?:\s+[\w.-]+){0,3}?\s+${KIND}\b(?!\s+(?:hours?|hrs|dollars|usd|spend|cost|costs)\b))`);
/** "active", "do we have", "in place", "are there": what is in force, read as having charges in the period. */
const IN_FORCE = [
  new RegExp(String.raw`\b(?:active|current|live|running|distinct|unique|different|separate|individual)\b(?=(?:\s+[\w.-]+){0,2}?\s+${KIND}\b)`),
  /\b(?:do|did|does)\s+(?:we|i|you)\s+(?:currently\s+|still\s+)?(?:have|hold|own|run|carry|pay\s+for)\b|\bhave\s+we\s+got\b|\b(?:are|were)\s+there\b|\b(?:are|were)\s+(?:active|running|live|in\s+(?:place|force|effect))\b|\bin\s+(?:place|force|effect)\b/,
];

/** "by type", "per kind": the count split by the kind of commitment. */
export const BY_TYPE = /\b(?:by|per|for\s+each|split\s+by|broken\s+down\s+by)\s+(?:commitment\s+)?(?:discount\s+)?(?:types?|kinds?)\b/;

export interface CommitmentCount {
  of: 'CommitmentDiscountId';
  /** Columns the count is split by beyond the query's own grouping. */
  by: string[];
  reading: string;
}

/** With no period said, the last whole month: a commitment in force has charges in every month. */
export const COUNT_PERIOD: { time: TimeSpec; period: string } = { time: { period: 'last_month' }, period: 'last month' };

/** A count of commitments, its words taken; null when the question counts nothing of theirs. */
export function takeCommitmentCount(t: QuestionText): CommitmentCount | null {
  if (!t.takeOne(COUNTED)) return null;
  for (const re of IN_FORCE) t.takeOne(re);
  const by = t.takeOne(BY_TYPE) ? ['CommitmentDiscountType'] : [];
  return { of: 'CommitmentDiscountId', by, reading: 'commitments counted once each by CommitmentDiscountId, those with charges (used or unused) in the period' };
}
