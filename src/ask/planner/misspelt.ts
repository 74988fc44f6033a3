/**
 * Words left over that look misspelt: a stored name declines with "did you mean"; planner words
 * with one clear correction are read corrected (the question planned again), and the answer says so.
 */
import { dimensionName } from '../answer/format.ts';
import { quote, refuse, type Plan, type PlanContext, type Refusal } from './plan-result.ts';
import type { QuestionText, Span } from './text.ts';
import { correctionOf, MAX_CHECKED, misspeltWordAt, nearest, spelledRight, storedNames } from './typos.ts';
import type { ValueMatch } from './values.ts';

/** Plans a question again (plan.ts's planQuestion, passed in so this file does not import it). */
export type Replan = (question: string, ctx: PlanContext) => Plan | Refusal;

export function misspelt(t: QuestionText, leftovers: Array<{ word: string } & Span>, ctx: PlanContext, planQuestion: Replan): Plan | Refusal | null {
  if (ctx.corrected || leftovers.length > MAX_CHECKED) return null;
  const names = storedNames(ctx.catalog);
  // "spnd last mnth": "last" is spelt right and read again once the words beside it are corrected.
  const fixes = leftovers.filter((w) => !spelledRight(w.word)).map((w) => ({ ...w, fix: correctionOf(w.word, names) }));
  const name = fixes.find((w) => w.fix?.kind === 'name');
  if (name?.fix?.kind === 'name') return refuse(`I can't place "${name.word}" in the data. Did you mean ${name.fix.meant.join(' or ')} (${dimensionName(name.fix.dimension)})?`);
  const words = fixes.flatMap((w) => (w.fix?.kind === 'word' ? [{ ...w, meant: w.fix.meant }] : []));
  if (words.length === 0) return null;
  let text = t.text;
  for (const w of [...words].reverse()) text = `${text.slice(0, w.start)}${w.meant}${text.slice(w.end)}`;
  const read = words.map((w) => `read "${w.word}" as "${w.meant}"`);
  const plan = planQuestion(text, { ...ctx, corrected: read });
  // "nat gw": a word with no correction may read once its neighbour is corrected; if not, the question as typed is refused.
  return plan.ok ? { ...plan, corrections: read } : words.length < fixes.length ? null : plan;
}

/** A name that matches no stored value: which of several it means, its misspelling, or the names it is near. */
export function unknownName(t: QuestionText, u: ValueMatch['unknown'][number], ctx: PlanContext, planQuestion: Replan): Plan | Refusal {
  if (u.which) return refuse(u.which);
  const read = misspeltWordAt(t.text, u.phrase, ctx.catalog, (slip) => misspelt(t, [slip], ctx, planQuestion));
  if (read) return read;
  const known = ctx.catalog.get(u.dimension) ?? [];
  const near = nearest(u.phrase, storedNames(ctx.catalog, u.dimension).keys());
  const list = near.length > 0 ? ` Did you mean ${near.join(' or ')}?` : known.length > 0 ? ` Known ${u.dimension} values: ${known.slice(0, 8).join(', ')}${known.length > 8 ? ', …' : ''}.` : '';
  return refuse(`I found no ${u.dimension} called "${quote(u.phrase)}" in the data.${list}`);
}
