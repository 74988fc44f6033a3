/**
 * "compare models on cost", "comparing the teams", "a comparison of providers": a kind named in the
 * plural after a compare word sets every value of it side by side, which is its breakdown. Names
 * ("compare gpt-4o and claude") are read by lists.ts; a single name or a singular word is not this.
 */
import { dimensionOfWord } from './grouping.ts';
import type { QuestionText } from './text.ts';

const COMPARED = /\b(?:compar(?:e|ing)|comparison\s+of)\s+(?:(?:all|each|every)\s+(?:of\s+)?)?(?:(?:the|our)\s+)?([a-z][a-z-]*s)\b/;

/** The dimension compared in full, its words taken; null when the question compares no kind. */
export function takeComparedKind(t: QuestionText): string | null {
  const m = t.peek(COMPARED);
  const dimension = m ? dimensionOfWord(m[1]!) : null;
  // "compare clouds" is the two datasets, read as "AI vs cloud" is.
  if (!m || !dimension || /^clouds$/.test(m[1]!)) return null;
  t.mark({ start: m.index, end: m.index + m[0].length });
  return dimension;
}
