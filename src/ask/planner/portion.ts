/**
 * "What % of AWS spend was compute?", "what share of our May spend went to Azure?": one slice of
 * spend over a larger one. The question is planned twice by the planner itself: whole (its share
 * words left out) for the part, and the clause after "was"/"went to" alone for what the part adds.
 * The whole is the part without the clause's filters. A share word that fits no such shape is
 * declined, never dropped: "%" is no word the planner would otherwise see left over.
 */
import { isAdditive, type Filter } from '../../costs/query.ts';
import type { Plan, Refusal } from './plan.ts';
import { kindOfSpend, kindShare } from './kind-share.ts';

/** "what % of", "which share of", "percentage of", "% of", "what part of"; "the AI part of october" names a slice (casual-words.ts). */
export const SHARE_OF = /(?:\b(?:what|which)\s+)?(?:\b(?:share|percent(?:age)?|portion|proportion|fraction)|%)\s+of\b|\b(?:what|which)\s+part\s+of\b/;
/** Where the part is named: "… was compute", "… went to Azure", "… is spent on storage", "… can we tie to a customer". */
const SPLIT =
  /\b(?:(?:can|could)\s+(?:we|be)|(?:was|were|is|are)(?:\s+(?:spent|paid)\s+(?:on|for))?|(?:went|going|gone)\s+(?:to|on|into)|goes\s+(?:to|on)|go\s+to|came\s+from|comes\s+from|(?:spent|paid)\s+on|(?:was|is)\s+for)\b/;

/** The longest question a share is read from. */
export const MAX_SHARE_CHARS = 600;

export interface Portion {
  /** The larger slice: the part's filters less the clause's. */
  whole: Filter[];
  /** What the share is called, when it has a name of its own ("Commitment utilization"). */
  label?: string;
  /** Said instead of a share of 0: the part is something the data may not record (commitment-coverage.ts). */
  noPart?: string;
  /** Words after the part's and the whole's counts ("397 failed of 12,400 calls whose source records status"). */
  counts?: { part: string; whole: string };
}

const same = (a: Filter, b: Filter) => JSON.stringify(a) === JSON.stringify(b);
const blank = (text: string, start: number, end: number) => `${text.slice(0, start)}${' '.repeat(end - start)}${text.slice(end)}`;

/**
 * The share a question asks for, planned with `plan`; null when it asks for none (or for the share
 * untagged spend has, which the planner says with every untagged total).
 */
export function readPortion(question: string, plan: (text: string) => Plan | Refusal): { part: Plan; portion: Portion } | Refusal | null {
  const text = question.toLowerCase();
  // Offsets are the lower-cased text's; the question as typed keeps ids' spelling where they agree.
  const typed = text.length === question.length ? question : text;
  const share = SHARE_OF.exec(text);
  if (!share) return null;
  // Planned up to three times: a share is asked in a sentence, not a pasted page.
  if (text.length > MAX_SHARE_CHARS) return { ok: false, message: 'I read a share in a long message; ask it on its own, e.g. "what % of AWS spend in May was compute".', suggestions: [] };
  // "what share of spend was untagged", "% of tasks that succeeded": shares the planner reads itself.
  const asked = plan(question);
  if (asked.ok && (asked.share || !isAdditive(asked.query.metric))) return null;
  const after = share.index + share[0].length;
  const split = SPLIT.exec(text.slice(after));
  const refuse = (why: string): Refusal => ({ ok: false, message: `I read a share ("${share[0].trim()}") but ${why}; ask e.g. "what % of AWS spend in May was compute".`, suggestions: [] });
  if (!split) return refuse('not of what it is a share: no "was", "is" or "went to" names the part');
  const at = after + split.index;
  const kind = kindOfSpend(typed.slice(at + split[0].length));
  if (kind) return kindShare(blank(blank(typed, at, at + split[0].length + kind.end), share.index, after), kind.kind, plan);
  const clause = plan(typed.slice(at + split[0].length));
  if (!clause.ok) return refuse(`could not read the part it names: ${clause.message}`);
  const part = plan(blank(blank(typed, at, at + split[0].length), share.index, after));
  if (!part.ok) return part;
  const added = clause.query.filters;
  if (added.length === 0 || !added.every((f) => part.query.filters.some((g) => same(f, g)))) return refuse('could not tell the part from the whole');
  const q = part.query;
  if (q.groupBy.length > 0 || q.granularity !== 'total' || q.compare || part.derived || part.dailyAverage || part.check) {
    return refuse('I give a share as one total of one slice over another, not per group, over time or of a ratio');
  }
  return { part, portion: { whole: q.filters.filter((f) => !added.some((g) => same(f, g))) } };
}
