/**
 * Comparison words time.ts's own patterns leave: a rise asked without "more" ("is staging getting
 * expensive?"), the same number of days just before said without its unit ("last 30 days vs the
 * 30 before", "against the prior 7"), and, once a comparison is read, the word for what it gives
 * ("what's the delta", "the variance", "diff").
 */
import type { QuestionText } from './text.ts';
import type { TimeWords } from './time.ts';

const DAYS_BEFORE = /\b(?:vs\.?|versus|compared?\s+(?:to|with)|against|than)\s+(?:the\s+)?(?:(\d+)(?:\s+days?)?\s+(?:before|prior|earlier)|(?:previous|prior|preceding)\s+(\d+)(?:\s+days?)?)\b/;
const CHANGE_NOUN = /\b(?:delta|deltas|diff|difference|variance)\b/;

/** "is staging getting expensive", "becoming pricey": a rise asked about, as "getting more expensive". */
const GETTING = /\b(?:getting|becoming|growing|gotten|got)\s+(?:(?:very|so|really|too|a\s+lot|quite)\s+)?(?:expensive|pricey|costly|dear)\b/;

/** Before time.ts's comparisons, which would take "against the prior" and leave the count. */
export function takeCompareWords(t: QuestionText, out: TimeWords): void {
  if (t.takeOne(GETTING)) {
    out.compare = true;
    out.direction = 'up';
  }
  const m = t.peek(DAYS_BEFORE);
  // Only the same count of days the question's range has: "last 30 days vs the 7 before" is left to decline.
  if (m && new RegExp(`\\b(?:last|past|previous|prior|trailing)\\s+${m[1] ?? m[2]}\\s*(?:days?|d)\\b`).test(t.text)) {
    t.takeOne(DAYS_BEFORE);
    out.compare = true;
    out.direction = 'either';
  }
}

/** After every comparison is read: the word for what it gives. */
export function takeChangeNoun(t: QuestionText, out: TimeWords): void {
  if (out.compare) t.takeOne(CHANGE_NOUN);
}
