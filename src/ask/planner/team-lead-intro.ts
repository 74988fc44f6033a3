/**
 * A team lead saying which team is theirs before asking about "we" and "our": "i lead the search
 * team.", "ML team lead here,", "I manage checkout —". The team is read as any name is; the words
 * of the introduction are taken only when the question names that one team and no other, so "I
 * lead search; what did checkout spend?" is not read for both.
 */
import type { Named } from './lists.ts';
import type { QuestionText } from './text.ts';

const INTRO = /\b(?:i\s+(?:lead|manage|head|own)|i'?m\s+(?:the\s+)?(?:lead|leader|manager|head|em|tl)\s+(?:of|for|on)|(?:team\s+)?(?:lead|leader|manager|head|em|tl)\s+here)\b/;

/** Takes the introduction when the question's names are one team's; whether it did. */
export function takeTeamLeadIntro(t: QuestionText, named: readonly Named[]): boolean {
  const teams = new Set(named.filter((n) => n.dimension === 'team').flatMap((n) => (n.negated ? ['not'] : n.values)));
  if (teams.size !== 1 || teams.has('not')) return false;
  return t.takeOne(INTRO) !== null;
}
