/**
 * Two questions in one: "how much did search spend and how much did checkout spend" names two
 * values of one kind in clauses joined by "and" (or a comma). They are a list like "search and
 * checkout spend", answered a row each: read as one filter, they gave their combined total as if
 * it answered either. Names of different kinds asked in two clauses ("how much did search spend
 * and how much went to EC2") are two questions: read together they would be one filter of both
 * (search's EC2 spend), so the question is declined, asking for one at a time.
 */

/** A joining word or mark somewhere between the two names: "and", "as well as", "plus", "&", a comma or semicolon. */
const JOINED = /(?:^|\s)(?:and|plus|as\s+well\s+as|&)(?:\s|$)|[,;]/;

/** An exclusion between them makes the second name part of it ("search, but not checkout"): no list. */
const EXCLUDED = /\b(?:not|except|excluding|exclude|without|other\s+than|apart\s+from|but|minus|less)\b/;

/** A first question before it: a question word or what is asked about ("and globex, how much in …" follows up, it asks once). */
const FIRST_QUESTION = /\b(?:how|what|which|who|show|give|tell|list|spen[dt]|spending|costs?|bill(?:ed)?|paid|pay)\b/;

/** A second question after the first: "…, and how much …", "and what did …", "; which …". */
const SECOND_QUESTION = /(?:\band|,|;)\s+(?:then\s+|also\s+)?(?:how\s+(?:much|many)|what(?:'s|\s+(?:did|was|were|is|are|about|do|does))|which)\b/;

interface Placed {
  dimension: string;
  start: number;
  end: number;
  negated: boolean;
}

/** Whether two names of one kind, with `gap` the text between them, are asked about in clauses of one question. */
export function sameKindClauses(a: Placed, b: Placed, gap: string): boolean {
  return a.dimension === b.dimension && a.end <= b.start && JOINED.test(gap) && !EXCLUDED.test(gap);
}

/**
 * The refusal of a question asking about names of different kinds in two clauses, or null. A
 * name excluded ("and how much without EC2") narrows the question rather than asking another.
 */
export function twoQuestionsRefusal(text: string, named: readonly Placed[]): string | null {
  const second = SECOND_QUESTION.exec(text);
  if (!second || !FIRST_QUESTION.test(text.slice(0, second.index))) return null;
  const kept = named.filter((n) => !n.negated);
  const before = kept.filter((n) => n.end <= second.index);
  const after = kept.filter((n) => n.start >= second.index);
  if (before.length === 0 || after.length === 0) return null;
  if (new Set(kept.map((n) => n.dimension)).size === 1) return null;
  return `I read two questions in one ("${text
    .slice(0, second.index)
    .replace(/[\s,;]+$/, '')
    .trim()}" and "${text
    .slice(second.index + second[0].length - second[0].trimStart().length)
    .replace(/^(?:and|,|;)\s+/, '')
    .trim()}"): answered together they would be one figure for both at once. Ask them one at a time.`;
}
