/**
 * "aws or google which one costs more", "which is cheaper, search or checkout": names set side by
 * side, asked as a choice between them. Without "than", "more expensive" and "cheaper" read as a
 * change over time (time.ts), which answered another question; the choice is rewritten as "X vs
 * Y", to the same length, so every offset into the question still holds.
 */

/** "which (one) costs more", "which of them is cheaper"; "more expensive than" is a comparison read elsewhere. */
const WHICH_MORE =
  /\bwhich(?:\s+one|\s+of\s+(?:them|the\s+two|both|these|those))?(?:\s+(?:is|was|are|were|does|did|do))?\s+(?:(?:costs?|costed|costing|spends?|spent|spending)\s+(?:more|less)|(?:more|less)\s+(?:expensive|costly)|cheaper|costlier|pricier)\b(?!\s+than\b)/i;
/** The word joining the two names: "aws or google", "search and checkout". */
const JOIN = /\b(?:or|and)\b/gi;

/**
 * The question with a choice between two names said as "X vs Y" (the choice's words blanked but
 * "which", the joining word made "vs"); the question itself when it has no such choice or joins more than two.
 */
export function whichOfTwo(question: string): string {
  const joins = question.match(JOIN);
  if (joins?.length !== 1 || !WHICH_MORE.test(question)) return question;
  // "which" is kept: a choice with one side absent from the data is declined as a judgement (absent-clouds.ts).
  return question.replace(WHICH_MORE, (said) => `${said.slice(0, 5)}${' '.repeat(said.length - 5)}`).replace(JOIN, (join) => `vs${' '.repeat(join.length - 2)}`);
}
