/**
 * "share of calls with cache hits", "what % of calls hit the cache", "what share of LLM calls were
 * cache hits by model": LLM calls that read from the prompt cache over the calls that could (a
 * share of calls, in portion.ts's shape), not the cache hit rate, which is a share of input tokens
 * (derived.ts). The calls are those cache-hit-calls.ts counts for "how many calls hit the cache": a
 * row standing for several requests or none (a usage bucket) is neither a hit nor a miss, so it is
 * in neither count, and the answer says how many calls the share is of.
 */
import type { Filter } from '../../costs/query.ts';
import { CACHE_HIT } from './cache-hit-calls.ts';
import type { Plan, Refusal } from './plan-result.ts';
import { MAX_SHARE_CHARS, type Portion } from './portion.ts';

const CALLS = String.raw`(?:(?:the|our|all|my)\s+)?(?:(?:llm|ai|model|api)\s+)?(?:calls|requests|completions)\b`;
/** The share words before the calls: "what % of", "share of our", "which fraction of the". */
const SHARE = new RegExp(String.raw`(?:\b(?:what|which)\s+)?(?:\b(?:share|percent(?:age)?|portion|proportion|fraction)|%)\s+of\s+(?=${CALLS})`);
const ONE_CALL: Filter = { dimension: 'cache_hit', op: 'not', value: null };
const same = (a: Filter, b: Filter) => JSON.stringify(a) === JSON.stringify(b);

const refuse = (message: string): Refusal => ({ ok: false, message, suggestions: ['What share of LLM calls hit the cache last month?', 'How many calls hit the cache last week?'] });

/** The share of calls with a cache hit a question asks for, planned with `plan`; null when it asks for none. */
export function readCacheHitShare(question: string, plan: (text: string) => Plan | Refusal): { part: Plan; portion: Portion } | Refusal | null {
  const text = question.toLowerCase();
  const m = SHARE.exec(text);
  if (!m || text.length > MAX_SHARE_CHARS) return null;
  const typed = text.length === question.length ? question : text;
  const calls = plan(`${typed.slice(0, m.index)}${' '.repeat(m[0].length)}${typed.slice(m.index + m[0].length)}`);
  // Calls of another kind ("% of calls that failed") are another reader's.
  if (!calls.ok || calls.query.metric !== 'requests' || !calls.query.filters.some((f) => same(f, CACHE_HIT))) return null;
  const q = calls.query;
  if (calls.derived || calls.dailyAverage || calls.check || calls.versus || calls.set || calls.mixed || q.threshold || q.granularity !== 'total' || q.compare) {
    return refuse('I give the share of LLM calls with a cache hit as one figure for a period, in all or per group, not over time, against another period or an amount.');
  }
  return {
    part: { ...calls, assumptions: ['share of calls with a cache hit = calls that read from the prompt cache over the calls made one a row (a usage bucket is neither)', ...calls.assumptions] },
    portion: { whole: [...q.filters.filter((f) => !same(f, CACHE_HIT)), ONE_CALL], label: 'Share of LLM calls with a cache hit', counts: { part: 'with a cache hit', whole: 'in all' } },
  };
}
