/**
 * "tokens (input + output)", "input plus output tokens", "prompt and completion tokens combined":
 * the token total, which is input plus output (cache reads aside). Read before the metric words,
 * which would take "output tokens" alone and leave "input" unread. "input and output tokens" with
 * nothing saying they are summed may want each, and is left to them.
 */
import type { QuestionText } from './text.ts';

const SUMMED =
  /\(?\b(?:input|prompt)(?:\s+tokens?)?\s*(?:\+|\bplus\b|&|\band\b(?=\s*(?:output|completion)(?:\s+tokens?)?\s+(?:combined|together|summed|in\s+total)\b))\s*(?:output|completion)(?:\s+tokens?)?\b(?:\s+(?:combined|together|summed|in\s+total)\b)?\)?/;

/** 'total_tokens' when the question sums input and output tokens in words, its words taken; else null. */
export function takeTokenSum(t: QuestionText): 'total_tokens' | null {
  return t.takeOne(SUMMED) ? 'total_tokens' : null;
}
