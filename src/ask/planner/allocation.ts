/**
 * Split cost allocation (FOCUS 1.3 AllocatedMethodId): a shared cost, such as a host under several
 * workloads, split among them by a stated method. "Allocated cost", "cost split out to workloads",
 * "by split cost allocation": the lines that carry an allocation method. "Shared" said beside them
 * is the same cost, not a name.
 */
import type { Filter } from '../../costs/query.ts';
import type { QuestionText } from './text.ts';

/**
 * "allocation method" is a column word (focus.ts), not the filter. "The cost allocated to each team"
 * and "cost split across teams" are a breakdown by team (showback), not allocated lines: "allocated"
 * counts only before a cost word or with workloads, which split cost allocation shares among.
 */
const ALLOCATED = [
  /\b(?:(?:by|via|through|with|using|under)\s+)?split[\s-]cost[\s-]allocations?\b/,
  /\b(?:split\s+out|allocated(?:\s+out)?)\s+(?:to|across|among|between)\s+(?:the\s+|our\s+)?workloads?\b/,
  /\ballocated(?=\s+(?:costs?|spend|spending|amounts?|charges?)\b)/,
];
const SHARED = /\bshared\b/;

/** The filter to allocated lines when the question says so, its words taken; null when it does not. */
export function takeAllocated(t: QuestionText): Filter | null {
  let said = false;
  for (const re of ALLOCATED) if (t.takeOne(re)) said = true;
  if (!said) return null;
  t.takeOne(SHARED);
  return { dimension: 'AllocatedMethodId', op: 'not', value: null };
}
