/**
 * A premium model on short, simple calls: a feature whose calls return only a few tokens
 * (classification-like) on a model for which a model of the same provider that this organisation
 * already calls would cost at most `cheaperAtMost` as much for the same tokens. Savings: the real
 * price difference on the feature's average call (price library), times its calls.
 */
import type { FindingDraft } from '../../findings/finding.ts';
import { currencyKey, money } from '../format.ts';
import { addDays, scanQuery } from '../sql.ts';
import { callPrice, providerId } from './call-price.ts';
import { daySpan, monthly, type WasteCheck } from './context.ts';

export const premiumModel: WasteCheck = async ({ pool, asOf, from, params }) => {
  const { rows } = await scanQuery(
    pool,
    `select provider, model, team, feature, currency, count(*)::int as calls, sum(cost)::float8 as cost, ${daySpan('ts')}::int as days,
            avg(input_tokens)::float8 as input, avg(output_tokens)::float8 as output, avg(cache_read_tokens)::float8 as cache_read,
            (count(*) filter (where output_tokens > $3))::float8 / count(*) as long_share
       from llm_usage
      where ts >= $1::timestamptz and ts < $2::timestamptz and cost is not null and status is distinct from 'error' and model is not null
        -- Failed calls are left out; a call whose source records no status (null) is not known to have failed.
        and requests = 1 -- per-call shapes: not OpenAI's usage buckets
      group by 1, 2, 3, 4, 5`,
    [from, asOf, 2 * params.shortOutputTokens],
  );
  const at = addDays(asOf, -1);
  // Models in use, per provider: the alternatives people here already run.
  const inUse = new Map<string, Set<string>>();
  for (const r of rows) {
    const p = providerId(r.provider);
    if (p) inUse.set(p, (inUse.get(p) ?? new Set()).add(r.model));
  }
  const drafts: FindingDraft[] = [];
  for (const r of rows) {
    // Classification-like: short on average, and (by default) nine calls in ten at most twice that (no sort needed).
    if (r.output > params.shortOutputTokens || r.long_share > params.premiumLongShare || r.calls < params.premiumMinCalls) continue;
    const call = { inputTokens: r.input, outputTokens: r.output, cacheReadTokens: r.cache_read };
    const current = callPrice(r.provider, r.model, call, at);
    if (!current) continue;
    let best: { model: string; price: number } | null = null;
    for (const alt of inUse.get(providerId(r.provider) ?? '') ?? []) {
      if (alt === r.model) continue;
      const price = callPrice(r.provider, alt, call, at);
      if (price !== null && price <= current * params.cheaperAtMost && (!best || price < best.price)) best = { model: alt, price };
    }
    if (!best) continue;
    const impact = monthly(r.cost * (1 - best.price / current), r.days);
    if (impact < params.minMonthly) continue;
    const scope: Record<string, string> = { model: r.model };
    if (r.team) scope.team = r.team;
    if (r.feature) scope.feature = r.feature;
    drafts.push({
      type: 'premium_model',
      scope,
      ...currencyKey(r.currency),
      title: `${r.feature ?? r.team ?? 'calls'} uses ${r.model} for short calls (~${Math.round(r.output)} output tokens); ${best.model} would cost ${Math.round((best.price / current) * 100)} % as much`,
      expected: best.price,
      actual: current,
      unit: 'USD/call',
      // The saving is a share of what the calls cost, in their currency; the per-call prices are the library's USD.
      impactMonthly: impact,
      currency: r.currency,
      evidence: {
        provider: r.provider,
        calls: r.calls,
        days: r.days,
        avgInputTokens: Math.round(r.input),
        avgOutputTokens: Number(r.output.toFixed(1)),
        shareOverTwiceShort: r.long_share,
        currentPerCall: current,
        alternative: best.model,
        alternativePerCall: best.price,
        windowCost: Number(r.cost.toFixed(2)),
        basis: `@pydantic/genai-prices list prices for the feature's average call (${Math.round(r.input)} in, ${Math.round(r.output)} out): ${money(current)} on ${r.model} vs ${money(best.price)} on ${best.model}, applied to its run rate`,
      },
      remediation: `Evaluate ${best.model} on a sample of these calls (they look like classification); if accuracy holds, switch the feature's model, or route only the hard cases to ${r.model}.`,
    });
  }
  return drafts;
};
