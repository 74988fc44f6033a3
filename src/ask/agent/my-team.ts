/**
 * "My team" on the agent path: the model only says the question is about the asker's own teams
 * (`mine`); Penny fills them in from the run's context (the owner map, in Slack), never from the
 * model. It is the planner's own reading of the words, so both paths resolve, word and decline
 * "my team" alike.
 */
import { takeMyTeam, type MyTeam } from '../planner/my-team.ts';
import { QuestionText } from '../planner/text.ts';

/** A team named in the words ("my team (data)") is the model's to filter on, as any named team. */
const NONE_STORED = () => ({ teams: [], tags: '' });

/** The asker's teams as a filter, or why they are unknown (no identity, or on no team). */
export function askersTeams(teams: readonly string[] | undefined): MyTeam {
  return takeMyTeam(new QuestionText('my team'), teams, NONE_STORED)!;
}

/** Whether a question says "my team", "our team", "my spend": its answer must be filtered on the asker's teams. */
export function saysMyTeam(question: string): boolean {
  return takeMyTeam(new QuestionText(question), [], NONE_STORED) !== null;
}

/** One line for the model's prompt: who is asking, as far as Penny knows. */
export function askerText(teams: readonly string[] | undefined): string {
  if (teams === undefined) return 'unknown (no identity, e.g. the command line): "my team" cannot be answered';
  if (teams.length === 0) return 'a person the owner map names on no team: "my team" cannot be answered';
  return `a person on ${teams.length === 1 ? 'team' : 'teams'} ${teams.join(', ')} (from the owner map)`;
}
