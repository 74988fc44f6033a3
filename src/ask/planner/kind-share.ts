/**
 * "What share of our spend is AI?", "% of last month's costs that went to cloud", "what % of
 * total spend was AI in October": a share whose part is a kind of spend (AI usage or cloud
 * billing), not a stored name. The whole is the question without the part; the part is the whole
 * kept to that kind (the `dataset` dimension).
 */
import type { Plan, Refusal } from './plan.ts';
import type { Portion } from './portion.ts';
import { takeDataset } from './measure.ts';
import { QuestionText } from './text.ts';

/**
 * The kind of spend a share's clause opens with ("AI", "on cloud") and where its words end: what
 * follows ("AI in October") belongs to the whole, as if said before the share. Null when the
 * clause names no kind first.
 */
export function kindOfSpend(clause: string): { kind: 'ai' | 'cloud'; end: number } | null {
  const t = new QuestionText(clause);
  const kind = takeDataset(t);
  if (kind !== 'ai' && kind !== 'cloud') return null;
  // The kind's words open the clause; the first letter not theirs ends them.
  const first = /[a-z0-9]/i.exec(clause)?.index ?? 0;
  return t.isFree({ start: first, end: first + 1 }) ? null : { kind, end: t.nextAlnum(first) };
}

/** The share of `kind` in the whole `wholeText` asks for, planned with `plan`. */
export function kindShare(wholeText: string, kind: 'ai' | 'cloud', plan: (text: string) => Plan | Refusal): { part: Plan; portion: Portion } | Refusal {
  const whole = plan(wholeText);
  if (!whole.ok) return whole;
  if (whole.query.dataset !== 'all') {
    return {
      ok: false,
      message: `${kind === 'ai' ? 'AI usage' : 'Cloud billing'} is no part of ${whole.query.dataset === 'ai' ? 'AI' : 'cloud'} spend; ask e.g. "what share of our spend is AI".`,
      suggestions: [],
    };
  }
  const part: Plan = { ...whole, query: { ...whole.query, filters: [...whole.query.filters, { dimension: 'dataset', op: 'eq', value: kind }] } };
  return { part, portion: { whole: whole.query.filters } };
}
