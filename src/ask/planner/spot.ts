/**
 * "spot instances", "preemptible VMs", "spot spend": FOCUS has no spot column; it marks spot and
 * preemptible usage as PricingCategory "Dynamic" (prices the provider sets by supply and demand).
 * Spot is read as that category, and said; where no stored row of the period and scope is at
 * Dynamic pricing the answer declines, naming the column, rather than give a 0 that reads as
 * "no spot spend" (src/ask/answer/plan-notes.ts).
 */
import type { Filter } from '../../costs/query.ts';
import type { QuestionText } from './text.ts';

/** "spot" as a verb ("can you spot anything odd", "spot check") is no pricing. */
const SPOT =
  /\b(?:spot(?!\s+(?:checks?|on|any|anything|something|the|a|an|trends?|patterns?|issues?|problems?|outliers?|anomal\w*)\b)|pre-?emptible|low[\s-]priority)(?:\s+(?:instances?|vms?|virtual\s+machines|nodes?|node\s+pools?|capacity|pricing|usage|market|fleets?))?\b/;

export interface Spot {
  filter: Filter;
  reading: string;
  /** Said instead of a 0 when no row is at Dynamic pricing. */
  none: string;
}

export function takeSpot(t: QuestionText): Spot | null {
  const m = t.takeOne(SPOT);
  if (!m) return null;
  return {
    filter: { dimension: 'PricingCategory', op: 'eq', value: 'Dynamic' },
    reading: `"${m[0]}" read as PricingCategory "Dynamic" (FOCUS's category for spot and preemptible pricing)`,
    none: `No cost row in that period and scope has PricingCategory "Dynamic", the FOCUS column and value that mark spot and preemptible usage, so I can't give spot spend; a provider whose export leaves PricingCategory empty does not mark it at all`,
  };
}
