/**
 * Oversized context: a feature whose input tokens per call grew by `inputGrowth` or more against
 * its baseline while its output per call stayed flat (within `flatOutput`): history or retrieved
 * context piling up without better answers. Savings: the extra input tokens of the recent calls
 * at the model's input rate (price library), as a monthly rate.
 */
import type { FindingDraft } from '../../findings/finding.ts';
import { money, percent } from '../format.ts';
import { addDays, DAYS_PER_MONTH, scanQuery } from '../sql.ts';
import { callPrice } from './call-price.ts';
import type { WasteCheck } from './context.ts';

export const oversizedContext: WasteCheck = async ({ pool, asOf, params }) => {
  const recentFrom = addDays(asOf, -params.recentDays);
  const { rows } = await scanQuery(
    pool,
    `select provider, model, team, feature,
            count(*) filter (where ts < $2::timestamptz)::int as base_calls, count(*) filter (where ts >= $2::timestamptz)::int as recent_calls,
            (avg(input_tokens) filter (where ts < $2::timestamptz))::float8 as base_in, (avg(input_tokens) filter (where ts >= $2::timestamptz))::float8 as recent_in,
            (avg(output_tokens) filter (where ts < $2::timestamptz))::float8 as base_out, (avg(output_tokens) filter (where ts >= $2::timestamptz))::float8 as recent_out
       from llm_usage
      where ts >= $1::timestamptz and ts < $3::timestamptz and status is distinct from 'error' and model is not null and feature is not null
        -- Failed calls are left out; a call whose source records no status (null) is not known to have failed.
        and requests = 1 -- per-call averages: not OpenAI's usage buckets
      group by 1, 2, 3, 4`,
    [addDays(recentFrom, -params.baselineDays), recentFrom, asOf],
  );
  const at = addDays(asOf, -1);
  const drafts: FindingDraft[] = [];
  for (const r of rows) {
    if (r.base_calls < params.contextMinBaseCalls || r.recent_calls < params.contextMinRecentCalls || !(r.base_in > 0) || !(r.base_out > 0)) continue;
    const growth = r.recent_in / r.base_in - 1;
    const outputChange = r.recent_out / r.base_out - 1;
    if (growth < params.inputGrowth || Math.abs(outputChange) > params.flatOutput) continue;
    const extra = r.recent_in - r.base_in;
    const perCall = callPrice(r.provider, r.model, { inputTokens: extra, outputTokens: 0 }, at);
    if (perCall === null) continue;
    const impact = ((perCall * r.recent_calls) / params.recentDays) * DAYS_PER_MONTH;
    if (impact < params.minMonthly) continue;
    const scope: Record<string, string> = { feature: r.feature, model: r.model };
    if (r.team) scope.team = r.team;
    drafts.push({
      type: 'oversized_context',
      scope,
      title: `${r.feature} on ${r.model}: input per call ${percent(growth)} (${Math.round(r.base_in)} → ${Math.round(r.recent_in)} tokens) while output stayed flat`,
      expected: r.base_in,
      actual: r.recent_in,
      unit: 'input tokens/call',
      impactMonthly: impact,
      currency: 'USD',
      evidence: {
        provider: r.provider,
        baseCalls: r.base_calls,
        recentCalls: r.recent_calls,
        baseOutput: r.base_out,
        recentOutput: r.recent_out,
        outputChange,
        extraInputCostPerCall: perCall,
        basis: `${Math.round(extra)} extra input tokens per call at ${r.model}'s input rate (${money(perCall)} per call, genai-prices) on the last ${params.recentDays} days' calls, as a monthly rate`,
      },
      remediation:
        'Trim what goes into the prompt: cap conversation history (summarise old turns), retrieve fewer or shorter chunks, and drop unused tool definitions; then check the output quality held.',
      ownerScope: r.team ? { team: r.team } : undefined,
    });
  }
  return drafts;
};
