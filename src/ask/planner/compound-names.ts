/**
 * A name whose neighbouring words another reader took: "support-agent tasks" lost "agent tasks" to
 * the measure, leaving "support", which is also a team. The words around a matched name, taken or
 * not, are read again: when they spell a longer stored name whole, that name wins over the shorter
 * one it contains (values.ts). Only the words themselves count, joined by a blank, '-' or '_'.
 */
import type { QuestionText, Span } from './text.ts';
import { norm, wordsOf, type Candidate, type ValueIndex } from './value-index.ts';

/** Words read on each side of a name: stored names are looked up four words long at most. */
const SIDE = 2;
const WORD_AFTER = /^[-_ ]([a-z0-9][a-z0-9.]*)/;
const WORD_BEFORE = /([a-z0-9][a-z0-9.]*)[-_ ]$/;

interface Word extends Span {
  word: string;
}

/** Up to SIDE words joined to the span by one separator each, nearest first, while each is a word of some longer stored name. */
function neighbours(t: QuestionText, index: ValueIndex, span: Span, after: boolean): Word[] {
  const out: Word[] = [];
  let at = after ? span.end : span.start;
  for (let k = 0; k < SIDE; k++) {
    const m = after ? WORD_AFTER.exec(t.text.slice(at, at + 64)) : WORD_BEFORE.exec(t.text.slice(Math.max(0, at - 64), at));
    if (!m) break;
    const word = m[1]!;
    const w = after ? { word, start: at + 1, end: at + 1 + word.length } : { word, start: at - 1 - word.length, end: at - 1 };
    // A word cut off mid-way ("x.support"): not a word of its own.
    if (!after && w.start > 0 && /[a-z0-9.]/.test(t.text[w.start - 1]!)) break;
    if (!index.compoundWords.has(word)) break;
    out.push(w);
    at = after ? w.end : w.start;
  }
  return out;
}

/**
 * The longest stored name (an exact one) that the span's words and taken words beside it spell,
 * other than what the span names alone; null when there is none. `phrase` is that name's words.
 */
export function longerName(t: QuestionText, index: ValueIndex, span: Span, cands: readonly Candidate[]): { cands: Candidate[]; phrase: string } | null {
  // Most names are no word of a longer one: nothing to read around them (a long question names many).
  if (!wordsOf(t.text.slice(span.start, span.end)).every((w) => index.compoundWords.has(w))) return null;
  const before = neighbours(t, index, span, false);
  const after = neighbours(t, index, span, true);
  if (before.length + after.length === 0) return null;
  // What the span names by its own whole name; a part of a longer name ("support" of support-agent) is not that.
  const own = new Set(cands.filter((c) => c.strength === 3).map((c) => `${c.dimension}|${c.value}`));
  let found: { cands: Candidate[]; phrase: string; words: number } | null = null;
  for (let b = 0; b <= before.length; b++) {
    for (let a = 0; a <= after.length; a++) {
      if (a + b === 0 || (found && a + b <= found.words)) continue;
      const added = [...before.slice(0, b), ...after.slice(0, a)];
      // Words no other reader took were already read with the span, longest first (values.ts).
      if (added.every((w) => t.isFree(w))) continue;
      const start = b > 0 ? before[b - 1]!.start : span.start;
      const end = a > 0 ? after[a - 1]!.end : span.end;
      const phrase = t.text.slice(start, end);
      const whole = index.lookup(phrase, norm(phrase)).filter((c) => c.strength === 3 && !own.has(`${c.dimension}|${c.value}`));
      if (whole.length > 0) found = { cands: whole, phrase, words: a + b };
    }
  }
  return found && { cands: found.cands, phrase: found.phrase };
}
