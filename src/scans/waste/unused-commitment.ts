/**
 * Unused commitments: the FOCUS rows with CommitmentDiscountStatus = 'Unused' are the part of a
 * reservation or savings plan paid for and not used. That cost is the waste, per commitment.
 */
import type { FindingDraft } from '../../findings/finding.ts';
import { money } from '../format.ts';
import { daySpan, monthly, type WasteCheck } from './context.ts';
import { scanQuery } from '../sql.ts';

export const unusedCommitment: WasteCheck = async ({ pool, asOf, from, params }) => {
  const { rows } = await scanQuery(
    pool,
    `select commitment_discount_id as id, min(commitment_discount_name) as name, min(commitment_discount_type) as type,
            min(commitment_discount_category) as category, min(provider_name) as provider, billing_currency as currency,
            sum(effective_cost)::float8 as cost, ${daySpan('charge_period_start')}::int as days,
            array_agg(distinct service_name) filter (where service_name is not null) as services
       from cost_lines
      where charge_period_start >= $1::timestamptz and charge_period_start < $2::timestamptz
        and commitment_discount_status = 'Unused' and commitment_discount_id is not null
      group by commitment_discount_id, billing_currency having sum(effective_cost) > 0`,
    [from, asOf],
  );
  const drafts: FindingDraft[] = [];
  for (const r of rows) {
    const impact = monthly(r.cost, r.days);
    if (impact < params.minMonthly) continue;
    drafts.push({
      type: 'unused_commitment',
      scope: { commitment_discount_id: r.id },
      title: `Unused ${r.type ?? 'commitment'} ${r.name ?? r.id}: ${money(impact, r.currency)}/month paid and not used`,
      expected: 0,
      actual: impact,
      unit: `${r.currency}/month unused`,
      impactMonthly: impact,
      currency: r.currency,
      evidence: {
        commitmentDiscountId: r.id,
        name: r.name,
        type: r.type,
        category: r.category,
        provider: r.provider,
        services: r.services,
        windowCost: Number(r.cost.toFixed(2)),
        days: r.days,
        basis: `the effective cost of its Unused rows (${money(r.cost, r.currency)} over ${r.days} days), scaled to a month`,
      },
      remediation: 'Move eligible workloads onto the commitment, exchange or modify it (convertible reservations), or sell it on the marketplace; size the next purchase to the used part.',
    });
  }
  return drafts;
};
