/**
 * Spend on failed calls: LLM calls that ended in an error still bill their tokens, and are often
 * retried. Per provider, model and feature: the cost of the failed calls (the waste), their
 * share, and how many calls came right after a failure in the same task or session (retries).
 */
import type { FindingDraft } from '../../findings/finding.ts';
import { currencyKey, money } from '../format.ts';
import { daySpan, monthly, type WasteCheck } from './context.ts';
import { scanQuery } from '../sql.ts';

export const failedCalls: WasteCheck = async ({ pool, asOf, from, params }) => {
  const { rows } = await scanQuery(
    pool,
    `select provider, model, team, feature, currency, sum(requests)::int as calls, count(*) filter (where status = 'error')::int as failed,
            coalesce(sum(cost) filter (where status = 'error'), 0)::float8 as failed_cost, ${daySpan('ts')}::int as days
       from llm_usage where ts >= $1::timestamptz and ts < $2::timestamptz
      group by 1, 2, 3, 4, 5 having count(*) filter (where status = 'error') > 0`,
    [from, asOf],
  );
  const drafts: FindingDraft[] = [];
  for (const r of rows) {
    const impact = monthly(r.failed_cost, r.days);
    if (impact < params.minMonthly) continue;
    // Retries and error types only for what becomes a finding: ordering calls by task is a sort.
    const retry = await scanQuery(
      pool,
      `select count(*) filter (where previous = 'error')::int as retries, coalesce(sum(cost) filter (where previous = 'error'), 0)::float8 as retry_cost,
              (array_agg(distinct error_type) filter (where error_type is not null))[1:5] as error_types
         from (select cost, error_type, case when coalesce(task_id, session_id) is not null
                                             then lag(status) over (partition by coalesce(task_id, session_id) order by ts) end as previous
                 from llm_usage where ts >= $1::timestamptz and ts < $2::timestamptz
                  and provider is not distinct from $3 and model is not distinct from $4 and team is not distinct from $5 and feature is not distinct from $6
                  and currency = $7) x`,
      [from, asOf, r.provider, r.model, r.team, r.feature, r.currency],
    );
    const { retries, retry_cost: retryCost, error_types: errorTypes } = retry.rows[0];
    const scope: Record<string, string> = { provider_name: r.provider ?? '(unknown)', model: r.model ?? '(unknown)' };
    if (r.team) scope.team = r.team;
    if (r.feature) scope.feature = r.feature;
    drafts.push({
      type: 'failed_calls',
      scope,
      ...currencyKey(r.currency),
      title: `${r.feature ?? r.model}: ${r.failed.toLocaleString('en-US')} failed calls (${Math.round((r.failed / r.calls) * 100)} %) cost ${money(impact, r.currency)}/month`,
      expected: 0,
      actual: r.failed / r.calls,
      unit: 'failed share of calls',
      impactMonthly: impact,
      currency: r.currency,
      evidence: {
        calls: r.calls,
        failed: r.failed,
        failedCost: Number(r.failed_cost.toFixed(4)),
        retries,
        retryCost: Number(retryCost.toFixed(4)),
        errorTypes,
        days: r.days,
        basis: `the billed cost of calls that ended in an error (${money(r.failed_cost, r.currency)} over ${r.days} days), as a monthly rate; retries after them are counted, not added`,
      },
      remediation:
        'Fix the cause of the errors (error types in evidence): validate requests before sending, respect rate limits with backoff, cap retries, and stop retrying errors that cannot succeed (context too long, content policy).',
      ownerScope: r.team ? { team: r.team } : undefined,
    });
  }
  return drafts;
};
