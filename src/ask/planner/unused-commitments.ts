/**
 * Commitments said to be unused in a clause after them: "commitments we didn't use", "savings plans
 * nobody used", "reservations that weren't fully utilised" (focus.ts reads "unused commitments"
 * and "went unused"). With "waste(d) on" or "lost on" before them, the money is the unused part of
 * the commitments (CommitmentDiscountStatus Unused), not the waste scan's findings.
 */
import type { Filter } from '../../costs/query.ts';
import type { QuestionText } from './text.ts';

const COMMITMENT = '(?:commitments?|commitment\\s+discounts?|savings\\s+plans?|reservations?|reserved\\s+instances?|ris|cuds?)';
const NOT = "(?:didn'?t|did\\s+not|never|haven'?t|have\\s+not|hadn'?t|had\\s+not|don'?t|do\\s+not|weren'?t|were\\s+not|wasn'?t|was\\s+not|aren'?t|are\\s+not|isn'?t|is\\s+not)";
const USE = '(?:use|used|using|utili[sz]e|utili[sz]ed|consume|consumed)';
const CLAUSE = new RegExp(
  `(?<=\\b${COMMITMENT}\\s+)(?:(?:that|which)\\s+)?(?:(?:we|they|you|it)\\s+)?(?:${NOT}\\s+(?:be(?:en)?\\s+|get\\s+|got\\s+)?(?:fully\\s+|actually\\s+|really\\s+)?${USE}|(?:nobody|no\\s+one|no-one)\\s+${USE})\\b`,
);
const WASTE_ON = new RegExp(`\\b(?:wast(?:e|ed|es|ing)|lose|lost|losing)(?:\\s+on)?(?=\\s+(?:(?:our|the|any|all|those)\\s+)?(?:[a-z0-9.-]+\\s+){0,2}${COMMITMENT}\\b)`);

/**
 * "waste on unused Azure reservations", "lost on savings plans": money wasted on commitments is
 * their unused part, not the waste scan's findings. True when said, its words taken.
 */
export function takeWasteOn(t: QuestionText): boolean {
  return t.takeOne(WASTE_ON) !== null;
}

/** The unused-status filter when a clause says the commitments went unused; its words (and "wasted on") are taken. */
export function takeUnusedClause(t: QuestionText): Filter | null {
  if (!t.takeOne(CLAUSE)) return null;
  t.takeOne(WASTE_ON);
  return { dimension: 'CommitmentDiscountStatus', op: 'eq', value: 'Unused' };
}
