/**
 * "My team", "my spend", "our team's costs": the asker's own teams. In Slack they come from the
 * owner map (owner rules naming the person); on the command line nobody is known, so the
 * question is declined saying whose team is unknown rather than answered for everyone, unless it
 * names the team beside the words: "my team (data)", "my team, data, …", "our team is team-payments".
 */
import type { Filter } from '../../costs/query.ts';
import type { QuestionText } from './text.ts';

/** "our teams" are all of them; "our team" and "my teams" are the asker's. */
const MINE =
  /\b(?:(?:my|our)\s+(?:own\s+)?(?:teams?|squads?)\s*(?:\(\s*([a-z0-9][a-z0-9._-]*)\s*\)|,\s*([a-z0-9][a-z0-9._-]*)\s*,|\s(?:is|=)\s+(?:the\s+)?([a-z0-9][a-z0-9._-]*[a-z0-9])(?:\s+team)?\b)|my\s+(?:own\s+)?(?:teams?|squads?)\b|our\s+(?:own\s+)?(?:team|squad)(?!s)\b|my\s+(?:own\s+)?(?=(?:spend|spending|costs?|bill|usage|budget)\b))/;

export type MyTeam = { filter: Filter; reading: string } | { refusal: string };

/**
 * The asker's teams as a filter; null when the question does not say "my team". `teams` undefined:
 * nobody is known. `stored` gives the stored teams a name the question puts beside it may mean, and
 * which tags teams come from, in words.
 */
export function takeMyTeam(t: QuestionText, teams: readonly string[] | undefined, stored: (name: string) => { teams: string[]; tags: string }): MyTeam | null {
  const m = t.takeOne(MINE);
  if (!m) return null;
  const named = m[1] ?? m[2] ?? m[3];
  if (named) {
    const { teams: found, tags: said } = stored(named);
    if (found.length === 0) return { refusal: `I found no team called "${named}" in the data.` };
    const tags = found.some((f) => f.toLowerCase() !== named) ? `, ${said}` : '';
    return { filter: teamFilter(found), reading: `"my team (${named})" read as the team ${found.join(' and ')}${tags}` };
  }
  if (teams === undefined) {
    return {
      refusal: 'I don\'t know whose team "my team" is here: this question comes with no identity. Name the team (e.g. "search team"), or ask in Slack, where your team comes from the owner map.',
    };
  }
  if (teams.length === 0) {
    return { refusal: "The owner map names you on no team, so I can't tell which team is yours. Name the team, or ask a FinOps admin to add you to the owners (penny owners import)." };
  }
  return { filter: teamFilter(teams), reading: `"my team" read as ${teams.join(' and ')}, from the owner map` };
}

const teamFilter = (teams: readonly string[]): Filter => (teams.length === 1 ? { dimension: 'team', op: 'eq', value: teams[0]! } : { dimension: 'team', op: 'in', values: [...teams] });
