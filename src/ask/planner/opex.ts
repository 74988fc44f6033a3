/**
 * A CFO's word for what Penny counts: "opex year to date", "operating expenses last quarter". Cloud
 * and AI spend are operating expenses, and they are all the expenses Penny sees, so "opex" reads as
 * cost, saying so. "Capex" has no reading: nothing in the data is capitalised, so it stays declined.
 */
import type { QuestionText } from './text.ts';

const OPEX = /\b(?:op[\s-]?ex|operating\s+(?:expenses?|expenditures?|costs?|spend))\b/;

/** Takes the word; the reading to say, or null when it is not there. */
export function takeOpex(t: QuestionText): string | null {
  return t.takeOne(OPEX) ? '"opex" read as cloud and AI spend, the operating expenses in the data (no other expenses are)' : null;
}
