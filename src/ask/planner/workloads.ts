/**
 * Workloads of FOCUS 1.3 split cost allocation: a shared cost split among the workloads that used
 * it, each split line naming its workload in AllocatedResourceName ("workload-checkout"). "Cost
 * allocated to the checkout workload", "the search workload's spend", "by workload", "which
 * workload cost the most" read that column, and only when the data has allocated lines: without
 * them "by workload" names nothing recorded (unrecorded-levels.ts declines it) and "the AI
 * workload" stays a plain word.
 */
import type { Filter } from '../../costs/query.ts';
import type { Catalog } from './catalog.ts';
import type { Grouping } from './grouping.ts';
import type { QuestionText } from './text.ts';

export const WORKLOAD = 'AllocatedResourceName';

/** "by workload", "per allocated resource", "which workloads", "workload breakdown", "top 3 workloads" (its ranking words are grouping.ts's). */
const GROUPING =
  /\b(?:by|per|each|every|which|across|all)\s+(?:the\s+|our\s+)?(?:(?:allocated\s+)?workloads?|allocated\s+resources?)\b|\b(?:allocated\s+)?workloads?(?=\s+(?:breakdown|split)\b)|\bworkloads?\b(?<=\b(?:top|bottom|biggest|largest|costliest|priciest|cheapest|expensive)\s+(?:\d+\s+)?(?:allocated\s+)?workloads?)/;
/** "allocated to the checkout workload", "the checkout workload", "workload checkout". */
const NAMED = /\b(?:(?:cost\s+|spend\s+)?allocated\s+to\s+)?(?:the\s+|our\s+)?(?:([a-z0-9][\w-]{0,60})\s+workload\b|workload\s+(?:called\s+|named\s+)?([a-z0-9][\w-]{0,60})\b)/;

/** Each stored workload by the names it may be typed as: the whole name, and the name with its "workload" part left off. */
const byName = new WeakMap<readonly string[], Map<string, string[]>>();

/** The stored workloads a typed name means; the index is built once per catalog, so a long question looks each name up at once. */
function workloadsNamed(name: string, stored: readonly string[]): string[] {
  let index = byName.get(stored);
  if (!index) {
    index = new Map();
    for (const v of stored) {
      const lower = v.toLowerCase();
      const short = lower
        .split(/[-_\s./:]+/)
        .filter((p) => p !== 'workload' && p !== 'wl')
        .join('-');
      for (const key of new Set([lower, short])) index.set(key, [...(index.get(key) ?? []), v]);
    }
    byName.set(stored, index);
  }
  return index.get(name) ?? [];
}

/** The workload filter or grouping a question says, its words taken; nothing when the data has no allocated lines. */
export function takeWorkloads(t: QuestionText, catalog: Catalog): { filters: Filter[]; groupBy: string[] } {
  const stored = catalog.get(WORKLOAD) ?? [];
  if (stored.length === 0) return { filters: [], groupBy: [] };
  let values: string[] = [];
  // The first name that is a stored workload's; "the AI workload" names none and stays as it is.
  t.take(NAMED, (m) => values.length === 0 && (values = workloadsNamed((m[1] ?? m[2])!, stored)).length > 0);
  if (values.length > 0) return { filters: [values.length === 1 ? { dimension: WORKLOAD, op: 'eq', value: values[0]! } : { dimension: WORKLOAD, op: 'in', values }], groupBy: [] };
  return { filters: [], groupBy: t.takeOne(GROUPING) ? [WORKLOAD] : [] };
}

/** "by workload" added to the grouping read; "which workload cost the most" ranks them, spend with no workload left out. */
export function groupByWorkload(grouping: Grouping, workloads: { groupBy: string[] }): void {
  if (workloads.groupBy.length === 0) return;
  grouping.groupBy.push(...workloads.groupBy);
  if (grouping.superlative) grouping.ranking = true;
}
