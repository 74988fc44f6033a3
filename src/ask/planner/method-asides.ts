/**
 * "… and how do you define untagged?", "how is that counted", "what counts as untagged": the asker
 * wants the method as well as the number. Every answer says how it read the question (the
 * definition of untagged, the period, the charges kept), so the words are taken, but only where
 * they ask about a word the question already had read, or about "it" or "that": a method of
 * something never read ("how do you count tickets") is left over and declined.
 */
import type { QuestionText } from './text.ts';

const METHOD =
  /(?:\band\s+)?\bhow\s+(?:do|did|does|would)\s+(?:you|penny|we|it)\s+(?:define|count|calculate|compute|measure|work\s+out)\s+([a-z][\w-]*)|\bhow\s+(?:is|are|was|were)\s+([a-z][\w-]*)\s+(?:defined|counted|calculated|computed|measured|worked\s+out)\b|\bwhat\s+counts\s+as\s+([a-z][\w-]*)/;
const POINTING = /^(?:it|that|this|those|these|them)$/;

/** Takes a question about how the figure is counted, when it points back at what was read. */
export function takeMethodAsides(t: QuestionText): void {
  // Read in the whole text: in "what counts as untagged" the word asked about is taken already.
  const m = METHOD.exec(t.text);
  if (!m) return;
  const word = (m[1] ?? m[2] ?? m[3])!;
  if (!POINTING.test(word) && !readBefore(t, word, m.index + m[0].length)) return;
  t.mark({ start: m.index, end: m.index + m[0].length });
}

/** Whether `word` occurs whole before `end` where the planner took it ("what counts as untagged" has it inside). */
function readBefore(t: QuestionText, word: string, end: number): boolean {
  const re = new RegExp(`\\b${word.replace(/[-]/g, '\\-')}\\b`, 'g');
  const before = t.text.slice(0, end);
  for (let m = re.exec(before); m; m = re.exec(before)) if (!t.isFree({ start: m.index, end: m.index + word.length })) return true;
  return false;
}
