/**
 * Idle compute and GPU: resources whose busiest utilisation metric (CPU, GPU or memory) stays
 * under `idlePercent` at its 95th percentile over the window while they keep costing money.
 * Savings: the whole run rate, since an instance that does no work can be stopped or terminated.
 */
import type { FindingDraft } from '../../findings/finding.ts';
import { money } from '../format.ts';
import { columnSql, scanQuery } from '../sql.ts';
import { daySpan, monthly, type WasteCheck } from './context.ts';

const TEAM = columnSql('team', 'cloud');

export const idleCompute: WasteCheck = async ({ pool, asOf, from, params }) => {
  const { rows } = await scanQuery(pool, 
    `with util as (
       select resource_id, metric, percentile_cont(0.95) within group (order by value)::float8 as p95, avg(value)::float8 as mean, count(*)::int as samples
         from resource_utilisation where ts >= $1::timestamptz and ts < $2::timestamptz group by 1, 2),
     busiest as (
       select resource_id, max(p95) as p95, jsonb_object_agg(metric, jsonb_build_object('p95', round(p95::numeric, 2), 'mean', round(mean::numeric, 2), 'samples', samples)) as metrics,
              bool_or(metric = 'gpu') as gpu
         from util group by 1),
     -- The idle resources' cost in one pass over cost lines, joined after: a lateral join per
     -- resource would be a correlated subquery Citus cannot distribute (cost lines are not
     -- distributed by resource).
     idle as materialized (select * from busiest where p95 < $3),
     cost as materialized (
       select resource_id, min(service_name) as service_name, min(resource_type) as resource_type, min(sku_id) as sku_id, min(sub_account_id) as sub_account_id,
              min(${TEAM}) as team, billing_currency as currency, sum(effective_cost) as cost, ${daySpan('charge_period_start')} as days
         from cost_lines where resource_id in (select resource_id from idle) and charge_period_start >= $1::timestamptz and charge_period_start < $2::timestamptz
        group by resource_id, billing_currency)
     select b.resource_id, b.p95, b.metrics, b.gpu, c.service_name, c.resource_type, c.sku_id, c.sub_account_id, c.team,
            c.currency, c.cost::float8 as cost, c.days::int as days
       from idle b join cost c on c.resource_id = b.resource_id and c.cost > 0`,
    [from, asOf, params.idlePercent],
  );
  const drafts: FindingDraft[] = [];
  for (const r of rows) {
    const impact = monthly(r.cost, r.days);
    if (impact < params.minMonthly) continue;
    const what = r.gpu ? 'GPU instance' : 'instance';
    drafts.push({
      type: 'idle_compute',
      scope: { resource_id: r.resource_id },
      title: `Idle ${what} ${r.resource_id.split(/[/:]/).pop()} (${r.sku_id ?? r.resource_type ?? r.service_name}): busiest metric under ${Math.max(1, Math.ceil(r.p95))} % while costing ${money(impact, r.currency)}/month`,
      expected: params.idlePercent,
      actual: Number(r.p95.toFixed(2)),
      unit: 'percent utilisation (p95)',
      impactMonthly: impact,
      currency: r.currency,
      evidence: {
        service: r.service_name, sku: r.sku_id, resourceType: r.resource_type, subAccount: r.sub_account_id, team: r.team,
        metrics: r.metrics, windowCost: Number(r.cost.toFixed(2)), daysBilled: r.days,
        basis: `the whole run rate (${money(r.cost, r.currency)} over ${r.days} billed days, scaled to a month): an instance that does no work can be stopped`,
      },
      remediation: `Stop or terminate it (snapshot its volumes first), or replace it with a much smaller ${r.gpu ? 'non-GPU ' : ''}instance if something still needs it.`,
      ownerScope: r.team ? { team: r.team } : undefined,
    });
  }
  return drafts;
};
