/**
 * "List the untagged resources", "which unowned accounts cost the most", "show me untagged
 * services": the things asked for are listed or ranked, each with its untagged spend. untagged.ts
 * reads "untagged resources" as one total (right for "how much do untagged resources cost").
 * After a ranking word only the untagged word is taken, so the ranking and the dimension word are
 * left together for grouping.ts (taken spans are blanked, and its patterns read across blanks);
 * after a listing word the whole phrase is taken and its dimension returned to group by.
 */
import { dimensionOfWord } from './grouping.ts';
import type { QuestionText } from './text.ts';
import type { Untagged } from './untagged.ts';

const RANKS = 'which|rank|top(?:\\s+\\d+)?|each|every|per|most\\s+expensive|biggest|priciest|costliest|largest|cheapest';
const LISTS = 'list|show(?:\\s+me)?|give\\s+me|name|what\\s+are';
/**
 * A word that lists or ranks, any article, then the untagged word and a dimension word: "list
 * the untagged resources", "which unowned accounts", "top 3 untagged services".
 */
const LISTED = new RegExp(`\\b(?:(${RANKS})|${LISTS})\\s+(?:(?:the|our|all(?:\\s+the)?|any)\\s+)?(?:\\d+\\s+)?(untagged|unowned|unallocated|unattributed)\\s+([a-z]+)(?:\\s+([a-z]+))?\\b`, 'd');

/** The untagged filter, when the question lists or ranks untagged things; else null, with nothing taken. */
export function takeListedUntagged(t: QuestionText): Untagged | null {
  const m = t.peek(LISTED);
  if (!m?.indices) return null;
  // "untagged spend" is no thing to list, and "untagged cloud spend" names a dataset (measure.ts).
  const [, ranked, , first, second] = m as unknown as Array<string | undefined>;
  if (/^(?:clouds?|ai|llms?)$/.test(first!)) return null;
  const two = second ? dimensionOfWord(`${first} ${second}`) : null;
  const dimension = two ?? dimensionOfWord(first!);
  if (!dimension) return null;
  const filter = { dimension: 'team', op: 'eq', value: null } as const;
  if (ranked) {
    const [start, end] = m.indices[2]!;
    t.mark({ start, end });
    return { filter, reading: null };
  }
  t.mark({ start: m.index, end: (two ? m.indices[4]! : m.indices[3]!)[1] });
  return { filter, reading: null, groupBy: dimension };
}
