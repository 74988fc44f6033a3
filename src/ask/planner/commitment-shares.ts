/**
 * Commitment coverage and utilization as shares of a cost query's scope (portion.ts's shape): the
 * part's query, the share's whole and how it is read. The planner's readings of "RI coverage" and
 * "CUD utilization" (commitment-coverage.ts, commitment-utilization.ts) and the agent's
 * `commitment_coverage` and `commitment_utilization` measures both come here, so both paths give
 * the same figure, headline and notes.
 */
import type { CostQuery, Filter } from '../../costs/query.ts';
import type { Portion } from './portion.ts';

export type CommitmentShare = { part: CostQuery; portion: Portion; assumption: string } | { refusal: string };

const COMMITTED: Filter = { dimension: 'CommitmentDiscountId', op: 'not', value: null };
const USAGE: Filter = { dimension: 'ChargeCategory', op: 'eq', value: 'Usage' };
/** A commitment's unused hours are usage rows too, with no usage behind them: neither covered nor eligible. */
const NOT_UNUSED: Filter = { dimension: 'CommitmentDiscountStatus', op: 'not', value: 'Unused' };
const USED: Filter = { dimension: 'CommitmentDiscountStatus', op: 'eq', value: 'Used' };
const STATUSED: Filter = { dimension: 'CommitmentDiscountStatus', op: 'in', values: ['Used', 'Unused'] };

/** Said when no usage in scope carries a commitment. */
export const NO_COMMITMENTS =
  'none of its usage carries a commitment discount (no reserved instance, savings plan or committed-use discount: FOCUS CommitmentDiscountId is empty on every usage row), so there is no commitment coverage to give; load billing data that records commitments to measure it';

const oneFigure = (what: string, q: CostQuery): string | null =>
  q.groupBy.length > 0 || q.granularity !== 'total' || q.compare ? `I give commitment ${what} as one figure for a period and scope, not per group, over time or against another period yet.` : null;

/**
 * Coverage: effective cost of usage with a commitment over all usage in the scope. Commitment
 * filters in `q` name which commitments cover (reserved instances only); a charge category filter
 * gives way to usage.
 */
export function commitmentCoverage(q: CostQuery): CommitmentShare {
  const one = oneFigure('coverage', q);
  if (one) return { refusal: one };
  if (q.dataset === 'ai') return { refusal: 'Commitment coverage is a measure of cloud billing; AI usage carries no commitment discounts.' };
  const commitment = (f: Filter) => f.dimension.startsWith('CommitmentDiscount');
  const kind = q.filters.filter(commitment);
  const scope = q.filters.filter((f) => !commitment(f) && f.dimension !== 'ChargeCategory');
  return {
    part: { ...q, dataset: 'cloud', metric: 'effective_cost', filters: [...scope, USAGE, NOT_UNUSED, ...(kind.length > 0 ? kind : [COMMITTED])] },
    portion: { whole: [...scope, USAGE, NOT_UNUSED], label: 'Commitment coverage', noPart: NO_COMMITMENTS },
    assumption: 'coverage = effective cost of usage with a commitment discount over all usage in the scope (every usage charge taken as eligible; unused commitment left out)',
  };
}

/** Utilization: effective cost of used commitment over used and unused commitment (purchases carry no status and stay out). */
export function commitmentUtilization(q: CostQuery): CommitmentShare {
  const one = oneFigure('utilization', q);
  if (one) return { refusal: one };
  const scope = q.filters.filter((f) => f.dimension !== 'CommitmentDiscountStatus');
  return {
    part: { ...q, metric: 'effective_cost', filters: [...scope, USED] },
    portion: { whole: [...scope, STATUSED], label: 'Commitment utilization' },
    assumption: 'utilization = effective cost of used commitment over used and unused commitment',
  };
}
