/**
 * "spot instances", "preemptible VMs", "spot spend": FOCUS has no spot column; it marks spot and
 * preemptible usage as PricingCategory "Dynamic" (prices the provider sets by supply and demand).
 * Spot is read as that category, and said; where no stored row of the period and scope is at
 * Dynamic pricing the answer declines, naming the column, rather than give a 0 that reads as
 * "no spot spend" (src/ask/answer/plan-notes.ts). "spot vs on-demand" sets Dynamic beside Standard
 * (the provider's standard rates), a row each, and is declined the same way when no row is Dynamic.
 */
import type { Filter } from '../../costs/query.ts';
import type { QuestionText } from './text.ts';

/** "spot" as a verb ("can you spot anything odd", "spot check") is no pricing. */
const SPOT =
  /\b(?:spot(?!\s+(?:checks?|on|any|anything|something|the|a|an|trends?|patterns?|issues?|problems?|outliers?|anomal\w*)\b)|pre-?emptible|low[\s-]priority)(?:\s+(?:instances?|vms?|virtual\s+machines|nodes?|node\s+pools?|capacity|pricing|usage|market|fleets?))?\b/;

/** "spot vs on-demand", "on-demand and spot instances": the two pricing categories side by side. */
const ON_DEMAND = String.raw`on[\s-]?demand(?:\s+(?:instances?|vms?|nodes?|capacity|pricing|usage))?`;
const JOIN = String.raw`\s*(?:vs\.?|versus|and|or|against|compared\s+(?:to|with)|&|/)\s*`;
const SPOT_WORDS = String.raw`(?:spot|pre-?emptible)(?:\s+(?:instances?|vms?|nodes?|capacity|pricing|usage))?`;
const PAIR = new RegExp(String.raw`\b(?:${SPOT_WORDS}${JOIN}${ON_DEMAND}|${ON_DEMAND}${JOIN}${SPOT_WORDS})\b`);

export interface Spot {
  filter: Filter;
  reading: string;
  /** Said instead of a 0 when no row is at Dynamic pricing. */
  none: string;
  /** Set beside on-demand (Standard): a row each. */
  pair: boolean;
}

const NONE = `No cost row in that period and scope has PricingCategory "Dynamic", the FOCUS column and value that mark spot and preemptible usage, so I can't give spot spend; a provider whose export leaves PricingCategory empty does not mark it at all`;

export function takeSpot(t: QuestionText): Spot | null {
  const pair = t.takeOne(PAIR);
  if (pair) {
    return {
      filter: { dimension: 'PricingCategory', op: 'in', values: ['Dynamic', 'Standard'] },
      reading: `"${pair[0]}" read as PricingCategory "Dynamic" (spot and preemptible) beside "Standard" (on-demand, at the provider's standard rates); usage under a commitment ("Committed") is in neither`,
      none: NONE,
      pair: true,
    };
  }
  const m = t.takeOne(SPOT);
  if (!m) return null;
  return {
    filter: { dimension: 'PricingCategory', op: 'eq', value: 'Dynamic' },
    reading: `"${m[0]}" read as PricingCategory "Dynamic" (FOCUS's category for spot and preemptible pricing)`,
    none: NONE,
    pair: false,
  };
}
