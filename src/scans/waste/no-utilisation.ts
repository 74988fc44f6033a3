/**
 * Compute instances that cost money but report no utilisation at all in the window, while others
 * do (so a metrics pipeline exists and these fell out of it). Nothing says they are busy: the
 * money at stake is their run rate until someone shows they are needed.
 */
import type { FindingDraft } from '../../findings/finding.ts';
import { money } from '../format.ts';
import { columnSql, scanQuery } from '../sql.ts';
import { daySpan, monthly, type WasteCheck } from './context.ts';

const TEAM = columnSql('team', 'cloud');

// Instance-like resources; serverless and per-request services have no utilisation to report.
const INSTANCE = '(instance|virtual ?machine|^vm$|node)';

export const noUtilisation: WasteCheck = async ({ pool, asOf, from, params }) => {
  const { rows } = await scanQuery(
    pool,
    `with reporting as (
       select distinct resource_id from resource_utilisation where ts >= $1::timestamptz and ts < $2::timestamptz)
     select resource_id, min(service_name) as service_name, min(resource_type) as resource_type, min(sku_id) as sku_id,
            min(${TEAM}) as team, billing_currency as currency, sum(effective_cost)::float8 as cost, ${daySpan('charge_period_start')}::int as days
       from cost_lines
      where charge_period_start >= $1::timestamptz and charge_period_start < $2::timestamptz
        and exists (select 1 from reporting) and resource_id is not null
        and service_category = 'Compute' and resource_type ~* $3
        and resource_id not in (select resource_id from reporting)
      group by resource_id, billing_currency having sum(effective_cost) > 0`,
    [from, asOf, INSTANCE],
  );
  const drafts: FindingDraft[] = [];
  for (const r of rows) {
    const impact = monthly(r.cost, r.days);
    if (impact < params.minMonthly) continue;
    drafts.push({
      type: 'no_utilisation',
      scope: { resource_id: r.resource_id },
      title: `${r.resource_id.split(/[/:]/).pop()} (${r.sku_id ?? r.resource_type}) costs ${money(impact, r.currency)}/month and reports no utilisation`,
      expected: null,
      actual: null,
      unit: null,
      impactMonthly: impact,
      currency: r.currency,
      evidence: {
        service: r.service_name,
        resourceType: r.resource_type,
        sku: r.sku_id,
        team: r.team,
        windowCost: Number(r.cost.toFixed(2)),
        daysBilled: r.days,
        basis: `its run rate (${money(r.cost, r.currency)} over ${r.days} billed days, scaled to a month), unverified: no CPU, GPU or memory samples in the window`,
      },
      remediation: 'Install or fix the metrics agent so its use can be judged, or confirm with its owner that it is still needed and stop it if not.',
      ownerScope: r.team ? { team: r.team } : undefined,
    });
  }
  return drafts;
};
