/**
 * An Azure resource group named as a filter: "what did the rg-prod resource group cost", "spend in
 * resource group Payments-Prod", "resource group 'analytics'". The name is read as typed and
 * checked against the stored groups before the query runs (answer/literal-ids.ts): another case is
 * read as stored and said, a name stored nowhere is declined, never answered $0. "by resource
 * group", "which resource group" are a breakdown or a ranking (grouping.ts), not a name.
 */
import type { Filter } from '../../costs/query.ts';
import { isFiller, type QuestionText } from './text.ts';

const GROUP = /\bresource[\s-]?groups?\b/g;
/** Characters looked at on either side of "resource group": a name, not the rest of the question. */
const REACH = 100;
/** A name is a run of these; one before the words must look like a name: a digit, '-', '_', '.' or '('. */
const MARKED = /[\d_.(-]/;
/** The name just before: "the rg-prod resource group", "the 'analytics' resource group". */
const BEFORE = /(?:["'`]([a-z0-9][\w.() -]{0,89})["'`]|\b([a-z0-9][\w.()-]{0,89}))\s+$/;
/** Words before that make "resource group" a grouping or a ranking, not a name's. */
const GROUPING = /\b(?:by|per|each|every|which|what|all|top|biggest|largest|costliest|cheapest|most|least)\s+(?:the\s+)?$/;
/** The name just after: "resource group rg-prod", "resource group named foo", "resource group foo in may", "resource group foo?". */
const AFTER = /^\s+(?:(?:named|called)\s+)?(?:["'`]([a-z0-9][\w.() -]{0,89})["'`]|([a-z0-9][\w.()-]{0,89})(?=$|[\s?!,;]|\.(?:\s|$)))/;
/** Where a plain word after ends its phrase: the clause ends, or a period follows. */
const PLAIN_END = /^(?:\s*(?:[?!.,;]|$)|\s+(?:in|for|during|on|last|this|since|over|from|between|so|to|year|month|quarter|week)\b)/;

/** The name after "resource group" ending at `from`, with its span; null when none is named there. */
function after(text: string, from: number): { name: string; start: number; end: number } | null {
  const m = AFTER.exec(text.slice(from, from + REACH));
  const name = m?.[1] ?? m?.[2];
  if (!m || !name || isFiller(name)) return null;
  const end = from + m[0].length;
  // A plain word ("resource group foo") is a name only where its phrase ends.
  if (!m[1] && !MARKED.test(name) && !PLAIN_END.test(text.slice(end, end + 20))) return null;
  return { name, start: from, end };
}

/** The name before "resource group" starting at `at`, with its span; null when none is. */
function before(text: string, at: number): { name: string; start: number; end: number } | null {
  const head = text.slice(Math.max(0, at - REACH), at);
  const m = BEFORE.exec(head);
  const name = m?.[1] ?? m?.[2];
  if (!m || !name || isFiller(name) || (!m[1] && !MARKED.test(name))) return null;
  return { name, start: at - head.length + m.index, end: at };
}

/** The resource-group filter a question names, its words taken; none when it names no group. */
export function takeResourceGroupNames(t: QuestionText): Filter[] {
  const text = t.rest();
  for (const g of text.matchAll(GROUP)) {
    if (GROUPING.test(text.slice(Math.max(0, g.index - 30), g.index))) continue;
    const end = g.index + g[0].length;
    const found = after(text, end) ?? before(text, g.index);
    if (!found) continue;
    t.mark({ start: Math.min(found.start, g.index), end: Math.max(found.end, end) });
    const at = found.start + text.slice(found.start, found.end).indexOf(found.name);
    // The text is lower-cased; the stored spelling is found when the query runs.
    const typed = t.original ? t.original.slice(at, at + found.name.length) : found.name;
    return [{ dimension: 'ResourceGroup', op: 'eq', value: typed.trim() }];
  }
  return [];
}
