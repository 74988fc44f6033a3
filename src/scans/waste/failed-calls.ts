/**
 * Spend on failed calls: LLM calls that ended in an error still bill their tokens, and are often
 * retried. Per provider, model and feature: the cost of the failed calls (the waste), their
 * share of the calls whose status is known (a call whose source records none is not counted a
 * success), and how many calls came right after a failure in the same task or session (retries).
 */
import type { FindingDraft } from '../../findings/finding.ts';
import { currencyKey, money } from '../format.ts';
import { daySpan, monthly, type WasteCheck, type WasteContext } from './context.ts';
import { scanQuery } from '../sql.ts';

export const failedCalls: WasteCheck = async ({ pool, asOf, from, params }) => {
  const { rows } = await scanQuery(
    pool,
    // The share is of the calls whose source records status: a call with none (null) is not a success.
    `select provider, model, team, feature, currency, coalesce(sum(requests) filter (where status is not null), 0)::int as calls,
            coalesce(sum(requests) filter (where status is null), 0)::int as unknown, count(*) filter (where status = 'error')::int as failed,
            coalesce(sum(cost) filter (where status = 'error'), 0)::float8 as failed_cost, ${daySpan('ts')}::int as days
       from llm_usage where ts >= $1::timestamptz and ts < $2::timestamptz
      group by 1, 2, 3, 4, 5 having count(*) filter (where status = 'error') > 0`,
    [from, asOf],
  );
  const found = rows.filter((r) => monthly(r.failed_cost, r.days) >= params.minMonthly);
  const detail = found.length ? await retriesAndErrorTypes(pool, from, asOf) : new Map<string, Detail>();
  const drafts: FindingDraft[] = [];
  for (const r of found) {
    const impact = monthly(r.failed_cost, r.days);
    const { retries, retryCost, errorTypes } = detail.get(groupKey(r)) ?? { retries: 0, retryCost: 0, errorTypes: null };
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
        ...(r.unknown > 0 ? { statusUnknownCalls: r.unknown } : {}),
        basis: `the billed cost of calls that ended in an error (${money(r.failed_cost, r.currency)} over ${r.days} days), as a monthly rate; retries after them are counted, not added${r.unknown > 0 ? `; the failed share is of the ${r.calls.toLocaleString('en-US')} calls whose source records status (${r.unknown.toLocaleString('en-US')} more record none)` : ''}`,
      },
      remediation:
        'Fix the cause of the errors (error types in evidence): validate requests before sending, respect rate limits with backoff, cap retries, and stop retrying errors that cannot succeed (context too long, content policy).',
      ownerScope: r.team ? { team: r.team } : undefined,
    });
  }
  return drafts;
};

type Group = { provider: string | null; model: string | null; team: string | null; feature: string | null; currency: string };
type Detail = { retries: number; retryCost: number; errorTypes: string[] | null };
const groupKey = (g: Group) => JSON.stringify([g.provider, g.model, g.team, g.feature, g.currency]);
const GROUP = 'provider, model, team, feature, currency';

/**
 * Per provider, model, team, feature and currency with errors in the window: the calls that came
 * right after a failed call of the same task or session (retries), and the first error types.
 * Only tasks with a failed call can hold a retry, so only their calls are ordered: a few rows,
 * where ordering every call by task would sort the window (and, on Citus, where calls are not
 * distributed by task, bring every one of them to the coordinator). One statement for all groups.
 */
async function retriesAndErrorTypes(pool: WasteContext['pool'], from: string, asOf: string): Promise<Map<string, Detail>> {
  const { rows } = await scanQuery(
    pool,
    `with errs as materialized (
       select ${GROUP}, coalesce(task_id, session_id) as task, error_type
         from llm_usage where ts >= $1::timestamptz and ts < $2::timestamptz and (status = 'error' or error_type is not null)),
     tasks as materialized (select distinct ${GROUP}, task from errs where task is not null),
     calls as materialized (
       select u.provider, u.model, u.team, u.feature, u.currency, k.task, u.ts, u.event_id, u.status, u.cost
         from llm_usage u join tasks k on k.task = coalesce(u.task_id, u.session_id)
          and k.provider is not distinct from u.provider and k.model is not distinct from u.model
          and k.team is not distinct from u.team and k.feature is not distinct from u.feature and k.currency = u.currency
        where u.ts >= $1::timestamptz and u.ts < $2::timestamptz),
     -- Calls at the same instant are ordered by their id, so the count does not depend on the plan.
     retries as (
       select ${GROUP}, count(*) filter (where previous = 'error')::int as retries, coalesce(sum(cost) filter (where previous = 'error'), 0)::float8 as retry_cost
         from (select *, lag(status) over (partition by ${GROUP}, task order by ts, event_id) as previous from calls) x
        group by ${GROUP})
     select ${GROUP}, retries, retry_cost, null::text[] as error_types from retries
     union all
     select ${GROUP}, null, null, (array_agg(distinct error_type) filter (where error_type is not null))[1:5] from errs group by ${GROUP}`,
    [from, asOf],
  );
  const out = new Map<string, Detail>();
  for (const r of rows) {
    const d = out.get(groupKey(r)) ?? { retries: 0, retryCost: 0, errorTypes: null };
    if (r.retries !== null) Object.assign(d, { retries: r.retries, retryCost: r.retry_cost });
    else d.errorTypes = r.error_types;
    out.set(groupKey(r), d);
  }
  return out;
}
