/**
 * "My team", "my spend", "our team's costs": the asker's own teams. In Slack they come from the
 * owner map (owner rules naming the person); on the command line nobody is known, so the
 * question is declined saying whose team is unknown rather than answered for everyone.
 */
import type { Filter } from '../../costs/query.ts';
import type { QuestionText } from './text.ts';

/** "our teams" are all of them; "our team" and "my teams" are the asker's. */
const MINE = /\b(?:my\s+(?:own\s+)?(?:teams?|squads?)|our\s+(?:own\s+)?(?:team|squad)(?!s)|my\s+(?:own\s+)?(?=(?:spend|spending|costs?|bill|usage|budget)\b))\b/;

export type MyTeam = { filter: Filter; reading: string } | { refusal: string };

/** The asker's teams as a filter; null when the question does not say "my team". `teams` undefined: nobody is known. */
export function takeMyTeam(t: QuestionText, teams: readonly string[] | undefined): MyTeam | null {
  if (!t.takeOne(MINE)) return null;
  if (teams === undefined) {
    return {
      refusal: 'I don\'t know whose team "my team" is here: this question comes with no identity. Name the team (e.g. "search team"), or ask in Slack, where your team comes from the owner map.',
    };
  }
  if (teams.length === 0) {
    return { refusal: "The owner map names you on no team, so I can't tell which team is yours. Name the team, or ask a FinOps admin to add you to the owners (penny owners import)." };
  }
  const filter: Filter = teams.length === 1 ? { dimension: 'team', op: 'eq', value: teams[0]! } : { dimension: 'team', op: 'in', values: [...teams] };
  return { filter, reading: `"my team" read as ${teams.join(' and ')}, from the owner map` };
}
