/**
 * "what do we spend the most on", "what costs the most", "our biggest AWS thing", "where is most of our
 * money going", "what's using the most tokens": a ranking that
 * names no dimension but asks what the money goes on. That is what is bought: cloud services (the
 * resources of a service named), or models for AI spend. A ranking of something else unnamed ("our
 * most expensive prompts") is still declined (grouping.ts rankedNothing).
 */
import type { Filter, Metric } from '../../costs/query.ts';
import { USAGE_METRICS } from '../../costs/query.ts';
import type { Dataset } from './measure.ts';

const SUPERLATIVE = '(?:the\\s+)?(?:most|biggest|largest|priciest|costliest|highest|top)(?:\\s+(?:expensive|costly|pricey|spending))?';
/**
 * "our biggest cost", "the largest costs in May": cost itself as the thing; not a change ("biggest
 * cost increase", movers read by time.ts) nor a column ("cost center", "cost category").
 */
const COST = String.raw`costs?(?!\s+(?:increases?|jumps?|growth|rises?|spikes?|changes?|drops?|decreases?|movers?|cent(?:er|re)s?|categor(?:y|ies)|drivers?)\b)`;
/** The superlative ends the question, or is followed by "on"/"for" or a thing word (a name may come between). */
const THING = new RegExp(
  `\\b${SUPERLATIVE}(?:\\s+(?:[a-z0-9.-]+\\s+)?(?:thing|things|item|items|expense|expenses|line\\s+items?|tokens|calls|requests|${COST})\\b|\\s+(?:on|for)\\b|\\W*$)|\\bmost\\s+of\\s+(?:our|the)\\s+(?:money|spend|spending|budget|cash)\\b`,
);
/** The question asks what: "what…", names a thing, or opens with the superlative ("biggest costs in May?"). */
const WHAT = /^\W*(?:(?:so|ok|hey|quick\s+q)\W+)?(?:what|whats|what's|wat|wht|where|(?:our\s+|the\s+)?(?:top(?:\s+\d+)?|biggest|largest|priciest|costliest)(?=\s+(?:costs?|expenses)\b))\b|\bthings?\b/;

/** The dimension such a ranking is over, or null when the question is not one. */
export function rankedThing(text: string, said: Dataset | null, metric: Metric | null, filters: Filter[]): string | null {
  return THING.test(text) && WHAT.test(text) ? boughtDimension(said, metric, filters) : null;
}

/** What the money buys: models for AI spend or usage, a named service's resources, else services. */
export function boughtDimension(said: Dataset | null, metric: Metric | null, filters: Filter[]): string {
  if (said === 'ai' || (metric !== null && (USAGE_METRICS as readonly string[]).includes(metric))) return 'model';
  return filters.some((f) => f.dimension === 'ServiceName') ? 'ResourceId' : 'ServiceName';
}
