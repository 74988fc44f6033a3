/**
 * Untagged spend, the accountability gap: cloud cost without the required tag (default `team`) per
 * provider, sub-account and service, and AI calls without it per provider and model. The likely
 * owner comes from tags that co-occur: the same resource tagged on other rows, else the team
 * with most tagged spend in the same sub-account and service, else in the same sub-account.
 * The money at stake is the untagged run rate: not savings, but spend nobody answers for.
 */
import type { FindingDraft } from '../../findings/finding.ts';
import { ATTRIBUTION_DIMENSIONS } from '../../schema/attribution.ts';
import { money } from '../format.ts';
import { keySql, Params, scanQuery } from '../sql.ts';
import { daySpan, monthly, utcDay, type WasteCheck } from './context.ts';

/** The required tag on a source: its attribution column when it is one, else the raw tag, bound. */
const ownerSql = (tag: string, source: 'cloud' | 'ai', p: Params) => keySql((ATTRIBUTION_DIMENSIONS as readonly string[]).includes(tag) ? tag : `tag:${tag}`, source, p.bind)!;

export const untaggedSpend: WasteCheck = async ({ pool, asOf, from, params }) => {
  const tag = params.requiredTag;
  const cp = new Params();
  const cloud = await scanQuery(
    pool,
    // w sums the window's rows per resource and owner where the rows are (on Citus, each worker
    // its shards), so only those sums reach the rest; n counts the rows each stands for.
    `with w as materialized (
       select provider_name, sub_account_id, service_name, billing_currency as currency, resource_id, ${ownerSql(tag, 'cloud', cp)} as owner,
              sum(effective_cost) as c, count(*) as n, min(${utcDay('charge_period_start')}) as first_day, max(${utcDay('charge_period_start')}) as last_day
         from cost_lines where charge_period_start >= ${cp.bind(from, 'timestamptz')} and charge_period_start < ${cp.bind(asOf, 'timestamptz')}
        group by 1, 2, 3, 4, 5, 6),
     u as (
       select provider_name, sub_account_id, service_name, currency, sum(c)::float8 as cost, (max(last_day) - min(first_day) + 1)::int as days
         from w where owner is null group by 1, 2, 3, 4 having sum(c) > 0),
     tagged as (select sub_account_id, service_name, resource_id, owner, sum(c) as c from w where owner is not null group by 1, 2, 3, 4)
     select u.*,
            (select jsonb_agg(x) from (select resource_id as "resourceId", round(sum(c), 2) as cost from w
                where w.owner is null and w.provider_name = u.provider_name and w.sub_account_id is not distinct from u.sub_account_id
                  and w.service_name is not distinct from u.service_name and w.currency = u.currency group by resource_id order by sum(c) desc, resource_id limit 5) x) as resources,
            -- Weighted by the untagged rows of the resource, as a join to each of them would.
            (select t.owner from tagged t join w on w.resource_id = t.resource_id
              where w.owner is null and w.sub_account_id is not distinct from u.sub_account_id and w.service_name is not distinct from u.service_name
              group by t.owner order by sum(t.c * w.n) desc, t.owner limit 1) as same_resource,
            (select owner from tagged t where t.sub_account_id is not distinct from u.sub_account_id and t.service_name is not distinct from u.service_name
              group by owner order by sum(c) desc, owner limit 1) as same_service,
            (select owner from tagged t where t.sub_account_id is not distinct from u.sub_account_id group by owner order by sum(c) desc, owner limit 1) as same_account
       from u`,
    cp.values,
  );
  const ap = new Params();
  const ai = await scanQuery(
    pool,
    `select provider, model, currency, sum(cost)::float8 as cost, ${daySpan('ts')}::int as days, count(*)::int as calls,
            array_agg(distinct feature) filter (where feature is not null) as features
       from llm_usage where ts >= ${ap.bind(from, 'timestamptz')} and ts < ${ap.bind(asOf, 'timestamptz')} and ${ownerSql(tag, 'ai', ap)} is null
      group by 1, 2, 3 having sum(cost) > 0`,
    ap.values,
  );
  const drafts: FindingDraft[] = [];
  for (const r of cloud.rows) {
    const impact = monthly(r.cost, r.days);
    if (impact < params.minMonthly) continue;
    const [likely, basis] = r.same_resource
      ? [r.same_resource, 'the same resource is tagged on other rows']
      : r.same_service
        ? [r.same_service, 'the most tagged spend on the same service in the same sub-account']
        : r.same_account
          ? [r.same_account, 'the most tagged spend in the same sub-account']
          : [null, null];
    const scope: Record<string, string> = { provider_name: r.provider_name };
    if (r.sub_account_id) scope.sub_account_id = r.sub_account_id;
    if (r.service_name) scope.service_name = r.service_name;
    drafts.push({
      type: 'untagged_spend',
      scope,
      title: `${money(impact, r.currency)}/month of ${r.service_name ?? r.provider_name} in ${r.sub_account_id ?? 'no sub-account'} has no ${tag} tag${likely ? ` (likely ${likely})` : ''}`,
      expected: 0,
      actual: impact,
      unit: `${r.currency}/month untagged`,
      impactMonthly: impact,
      currency: r.currency,
      evidence: {
        requiredTag: tag,
        resources: r.resources,
        windowCost: Number(r.cost.toFixed(2)),
        days: r.days,
        likelyOwner: likely,
        likelyOwnerBasis: basis,
        basis: `the untagged run rate (${money(r.cost, r.currency)} over ${r.days} days, scaled to a month): spend no ${tag} answers for, not a saving`,
      },
      remediation: `Tag these resources with ${tag}${likely ? ` (probably ${tag}=${likely})` : ''}, and enforce the tag at creation (tag policies, IaC checks).`,
      ownerScope: likely && tag === 'team' ? { team: likely } : undefined,
    });
  }
  for (const r of ai.rows) {
    const impact = monthly(r.cost, r.days);
    if (impact < params.minMonthly) continue;
    drafts.push({
      type: 'untagged_spend',
      scope: { provider_name: r.provider ?? '(unknown)', model: r.model ?? '(unknown)' },
      title: `${money(impact, r.currency)}/month of ${r.model ?? 'LLM'} calls carry no ${tag}`,
      expected: 0,
      actual: impact,
      unit: `${r.currency}/month untagged`,
      impactMonthly: impact,
      currency: r.currency,
      evidence: { requiredTag: tag, calls: r.calls, features: r.features, windowCost: Number(r.cost.toFixed(2)), days: r.days, basis: 'the untagged run rate of these calls, scaled to a month' },
      remediation: `Set the ${tag} attribute on these calls (OpenTelemetry resource attributes, or LiteLLM team keys).`,
    });
  }
  return drafts;
};
