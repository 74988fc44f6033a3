/**
 * "AI as % of total spend last month", "EC2 as a share of AWS spend in October", "what's gpt-4o's
 * share of AI spend": a share said with its part first. portion.ts reads the part after the whole
 * ("what % of total spend was AI"), so the question is said that way: the same words, reordered.
 */

/**
 * An opening ("what's", "show me") then the part, up to four words, then "as a % of" or "'s share
 * of", then the whole; anchored at the start, so each place is tried once (the part's words are runs
 * of word characters between single blanks, which never overlap).
 */
const PART_FIRST =
  /^(\W*(?:(?:what|how\s+much)(?:['\u2019]s|\s+is|\s+was)\s+|show\s+(?:me\s+)?|give\s+(?:me\s+)?)?)((?:the\s+)?[\w.-]+(?:\s[\w.-]+){0,3}?)(?:\s+as\s+(?:a\s+)?|['\u2019]s\s+)(?:%|percent(?:age)?|share|portion|proportion|fraction)\s+of\s+(\S.*)$/i;
/** A part that opens with a question word ("which team's share of spend") is a ranking of shares, read as it stands. */
const NOT_A_PART = /^(?:what|which|how|who|where|each|every|per)\b/i;

/**
 * The question with a part-first share said whole first ("what % of … was AI", its opening words
 * dropped and a closing "?" kept); the question itself otherwise.
 */
export function partFirstShare(question: string): string {
  const m = PART_FIRST.exec(question);
  if (!m || NOT_A_PART.test(m[2]!)) return question;
  let end = m[3]!.length;
  while (end > 0 && (m[3]![end - 1] === '?' || m[3]![end - 1] === ' ')) end--;
  return `what % of ${m[3]!.slice(0, end)} was ${m[2]}${end < m[3]!.length ? '?' : ''}`;
}
