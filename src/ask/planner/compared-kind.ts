/**
 * "compare models on cost", "comparing the teams", "a comparison of providers": a kind named in the
 * plural after a compare word sets every value of it side by side, which is its breakdown. Names
 * ("compare gpt-4o and claude") are read by lists.ts; a single name or a singular word is not this.
 */
import { dimensionOfWord } from './grouping.ts';
import type { QuestionText } from './text.ts';

const COMPARED = /\b(?:compar(?:e|ing)|comparison\s+of)\s+(?:(?:all|each|every)\s+(?:of\s+)?)?(?:(?:the|our)\s+)?([a-z][a-z-]*s)\b/;

/**
 * Adds the dimension compared in full to `groupBy` and takes its words; in "comparing teams by
 * cost" the breakdown was read already. Another breakdown read leaves them to be declined.
 */
export function takeComparedKind(t: QuestionText, groupBy: string[]): void {
  // Read in the whole text: a breakdown already read ("teams by cost") has taken the kind's word.
  const m = COMPARED.exec(t.text);
  const dimension = m ? dimensionOfWord(m[1]!) : null;
  // "compare clouds" is the two datasets, read as "AI vs cloud" is.
  if (!m || !dimension || /^clouds$/.test(m[1]!) || !t.isFree({ start: m.index, end: m.index + m[0].search(/\s/) })) return;
  if (groupBy.includes(dimension)) t.claim(m);
  else if (groupBy.length === 0 && t.isFree({ start: m.index, end: m.index + m[0].length })) {
    t.claim(m);
    groupBy.push(dimension);
  }
}
