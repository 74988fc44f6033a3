/**
 * "how many calls hit the cache yesterday", "calls with cache hits by model", "number of requests
 * served from cache": the LLM calls that read part of their prompt from the provider's cache
 * (cache_read_tokens > 0 on a row of one call). Filtered by the `cache_hit` dimension, so the count,
 * its groups and the viewer's scope are the query layer's; a row standing for several requests or
 * none (a usage bucket, a costs export) is neither a hit nor a miss (answer/cache-hit-calls.ts says
 * how many). The cache hit rate, a share of input tokens, is derived.ts's, not this.
 */
import type { Filter } from '../../costs/query.ts';
import type { QuestionText } from './text.ts';

const CALLS = String.raw`(?:(?:llm|ai|model|api)\s+)?(?:calls|requests|completions)`;
const CACHE = String.raw`(?:the\s+|a\s+|our\s+)?(?:prompt\s+)?cache`;
/** After the calls: "that hit the cache", "with cache hits", "served from cache", "which read from the prompt cache", "were cache hits". */
const AFTER = new RegExp(
  String.raw`(?<=\b${CALLS}\s+)(?:(?:that|which)\s+)?(?:(?:have\s+|had\s+)?(?:hit|hits|hitting)\s+${CACHE}|(?:with|had|having|got|getting)\s+(?:a\s+|any\s+)?(?:prompt\s+)?cache\s+(?:hits?|reads?)|(?:were\s+|are\s+)?(?:served|read|answered)\s+(?:from|by)\s+${CACHE}|(?:read|reading|used|using)\s+(?:from\s+)?${CACHE}|(?:were|was|are)\s+(?:prompt\s+)?cache\s+hits?)\b`,
);
/** Before the calls: "cache-hit calls", "cached calls". */
const BEFORE = new RegExp(String.raw`\b(?:cache[\s-]hit|cached)(?=\s+${CALLS}\b)`);

export const CACHE_HIT: Filter = { dimension: 'cache_hit', op: 'eq', value: 'hit' };

/** The filter of calls that hit the cache, its words taken; null when no such calls are asked. */
export function takeCacheHitCalls(t: QuestionText): Filter | null {
  return t.takeOne(AFTER) || t.takeOne(BEFORE) ? CACHE_HIT : null;
}

/** Whether the text asks for calls that hit the cache, in the words read here. */
export const saysCacheHitCalls = (text: string): boolean => AFTER.test(text) || BEFORE.test(text);
