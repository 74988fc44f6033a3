/**
 * Repeated identical prompt prefixes without prompt caching: calls that carry the same prefix
 * hash (a tag the caller records, see `prefixTagKeys`) and read (almost) nothing from the cache.
 * The shared prefix is estimated from the smallest inputs (every call carries it); a call can hit
 * the cache only when the previous call with that prefix came within the cache's lifetime, so the
 * estimate nets the cache-read saving of those calls against the cache-write premium of the rest,
 * at the model's real rates.
 */
import type { FindingDraft } from '../../findings/finding.ts';
import { money } from '../format.ts';
import { addDays, scanQuery } from '../sql.ts';
import { callPrice } from './call-price.ts';
import { daySpan, monthly, type WasteCheck } from './context.ts';

export const promptCaching: WasteCheck = async ({ pool, asOf, from, params }) => {
  const prefix = `coalesce(${params.prefixTagKeys.map((_, i) => `nullif(tags->>$${i + 6}, '')`).join(', ')})`;
  const { rows } = await scanQuery(
    pool,
    `with c as (
       select provider, model, team, feature, ${prefix} as prefix, ts, input_tokens, cache_read_tokens, cost
         from llm_usage where ts >= $1::timestamptz and ts < $2::timestamptz and cost is not null and ${prefix} is not null),
     g as (
       select *, ts - lag(ts) over (partition by provider, model, prefix order by ts) as gap from c)
     select provider, model, team, feature, prefix, count(*)::int as calls, sum(cost)::float8 as cost, ${daySpan('ts')}::int as days,
            sum(input_tokens)::float8 as input, sum(cache_read_tokens)::float8 as cached,
            percentile_cont(0.05) within group (order by input_tokens)::float8 as input_p05,
            count(*) filter (where gap <= $3::interval)::int as reachable
       from g group by 1, 2, 3, 4, 5
     having count(*) >= $4 and sum(cache_read_tokens) < $5 * sum(input_tokens)`,
    [from, asOf, `${params.cacheTtlMinutes} minutes`, params.cachingMinCalls, params.cachingMaxCachedShare, ...params.prefixTagKeys],
  );
  const at = addDays(asOf, -1);
  const drafts: FindingDraft[] = [];
  for (const r of rows) {
    const tokens = Math.floor(r.input_p05 * params.cachingPrefixShare);
    const full = callPrice(r.provider, r.model, { inputTokens: tokens, outputTokens: 0 }, at);
    const read = callPrice(r.provider, r.model, { inputTokens: tokens, outputTokens: 0, cacheReadTokens: tokens }, at);
    const write = callPrice(r.provider, r.model, { inputTokens: tokens, outputTokens: 0, cacheWriteTokens: tokens }, at);
    if (full === null || read === null || write === null || read >= full) continue;
    const hitRate = r.reachable / r.calls;
    const perCall = hitRate * (full - read) - (1 - hitRate) * Math.max(0, write - full);
    const impact = monthly(perCall * r.calls, r.days);
    if (perCall <= 0 || impact < params.minMonthly) continue;
    const scope: Record<string, string> = { model: r.model, 'tag:prompt_prefix_hash': r.prefix };
    if (r.feature) scope.feature = r.feature;
    drafts.push({
      type: 'prompt_caching',
      scope,
      title: `${r.feature ?? r.model}: ${r.calls.toLocaleString('en-US')} calls repeat a ~${tokens.toLocaleString('en-US')}-token prompt prefix without caching`,
      expected: Number((r.input * params.cachingPrefixShare).toFixed(0)),
      actual: r.cached,
      unit: 'cached input tokens in the window',
      impactMonthly: impact,
      currency: 'USD',
      evidence: {
        provider: r.provider,
        team: r.team,
        prefixHash: r.prefix,
        calls: r.calls,
        days: r.days,
        prefixTokens: tokens,
        cacheReadShare: r.input > 0 ? r.cached / r.input : 0,
        callsWithinCacheLifetime: r.reachable,
        cacheTtlMinutes: params.cacheTtlMinutes,
        prefixCostPerCall: { uncached: full, cacheRead: read, cacheWrite: write },
        basis: `prefix estimated at ${Math.round(params.cachingPrefixShare * 100)} % of the 5th-percentile input (${tokens} tokens); ${Math.round(hitRate * 100)} % of calls come within ${params.cacheTtlMinutes} min of the previous one and would read it from cache (${money(full - read)} saved each), the others pay the cache-write premium (${money(Math.max(0, write - full))}); genai-prices rates`,
      },
      remediation: `Put the fixed prefix first and mark it cacheable (Anthropic cache_control, OpenAI prompt caching is automatic above 1,024 tokens with an identical prefix); batch or group calls so they come within the cache lifetime, or use a longer cache TTL.`,
      ownerScope: r.team ? { team: r.team } : undefined,
    });
  }
  return drafts;
};
