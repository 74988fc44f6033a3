/**
 * Each group's share of the whole: "share of spend by provider, as percentages", "what percent of
 * cloud cost is each service", "spend by team as a percentage". Not one part over a larger slice
 * (portion.ts, which reads "was compute"): the breakdown itself, each row said as its share of the
 * total in its currency (answer/group-shares.ts). Read only where portion.ts found no part, so
 * "what % of AWS spend was compute" stays one share.
 */
import { isAdditive } from '../../costs/query.ts';
import type { Plan, Refusal } from './plan-result.ts';
import { type readPortion, SHARE_OF } from './portion.ts';

type PortionRead = ReturnType<typeof readPortion>;

/** ", as percentages", "in %", "with each one's share", "as a percentage of the total". */
const AS_PERCENT =
  /,?\s*(?:(?:as|in)\s+(?:a\s+)?(?:percentages?|percents?|%|shares?)(?:\s+of\s+(?:the\s+)?(?:total|whole|all))?|(?:with|and)\s+(?:their|its|each\s+one's|the)\s+(?:shares?|percentages?))\b/;
/** "… is each service", "… went to each team": the groups, each named. */
const EACH = /\b(?:is|was|are|were|goes\s+to|went\s+to)\s+(?:each|every)\s+(?=[a-z])/;
const blank = (text: string, from: number, to: number) => `${text.slice(0, from)} ${text.slice(to)}`;

/**
 * The breakdown a share by group asks for, with `shares` set; or `portion`, what portion.ts read,
 * when the question asks for no such breakdown.
 */
export function readGroupShares(question: string, plan: (text: string) => Plan | Refusal, portion: PortionRead): PortionRead | Plan {
  // A part portion.ts read, or a share the planner reads itself ("what share of spend is untagged").
  if (portion ? !('ok' in portion && !portion.ok) : SHARE_OF.test(question.toLowerCase())) return portion;
  let text = question.toLowerCase();
  const percent = AS_PERCENT.exec(text);
  if (!percent && !portion) return portion;
  if (percent) text = blank(text, percent.index, percent.index + percent[0].length);
  const of = SHARE_OF.exec(text);
  if (of) text = blank(text, of.index, of.index + of[0].length);
  const each = EACH.exec(text);
  if (each) text = `${text.slice(0, each.index)}by ${text.slice(each.index + each[0].length)}`;
  const read = plan(text);
  if (!read.ok) return portion;
  const q = read.query;
  const breakdown = q.groupBy.length === 1 && q.granularity === 'total' && !q.compare && !q.threshold && isAdditive(q.metric);
  if (!breakdown || read.derived || read.average || read.dailyAverage || read.count || read.set || read.versus || read.mixed) return portion;
  // Every group's share, not the top 5 a "which" would show; the total is the whole's.
  const { limit: _limit, ...all } = q;
  return { ...read, query: all, shares: true, assumptions: [...read.assumptions, "each row's share = its total over the breakdown's total, in its currency"] };
}
