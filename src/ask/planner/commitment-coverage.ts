/**
 * "RI coverage", "savings plan coverage on EC2", "what's our CUD coverage": the share of usage cost
 * a commitment discount covered, FOCUS's effective cost of usage with a commitment over all usage
 * in the same scope (every usage charge is taken as eligible, and the answer says so). Answered as
 * a share (portion.ts). A commitment's unused hours are left out of both. When no usage in scope
 * carries a commitment the answer says that the data holds none, rather than a 0 % that a missing
 * column would also give.
 */
import type { Filter } from '../../costs/query.ts';
import type { Plan, Refusal } from './plan.ts';
import { MAX_SHARE_CHARS, type Portion } from './portion.ts';

const COVERAGE = /\bcoverage(?:\s+(?:rate|ratio|percentage|level))?\b/;
const COMMITMENT_WORDS = /\b(?:ris?|reserved\s+instances?|reservations?|savings\s+plans?|sps?|cuds?|committed\s+use(?:\s+discounts?)?|commitments?(?:\s+discounts?)?)\b/;
const COMMITTED: Filter = { dimension: 'CommitmentDiscountId', op: 'not', value: null };
const USAGE: Filter = { dimension: 'ChargeCategory', op: 'eq', value: 'Usage' };
/** A commitment's unused hours are usage rows too, with no usage behind them: neither covered nor eligible. */
const NOT_UNUSED: Filter = { dimension: 'CommitmentDiscountStatus', op: 'not', value: 'Unused' };

/** Said when no usage in scope carries a commitment. */
export const NO_COMMITMENTS =
  'none of its usage carries a commitment discount (no reserved instance, savings plan or committed-use discount: FOCUS CommitmentDiscountId is empty on every usage row), so there is no commitment coverage to give; load billing data that records commitments to measure it';

export function readCommitmentCoverage(question: string, plan: (text: string) => Plan | Refusal): { part: Plan; portion: Portion } | Refusal | null {
  const text = question.toLowerCase();
  const m = COVERAGE.exec(text);
  if (!m || text.length > MAX_SHARE_CHARS || !COMMITMENT_WORDS.test(text)) return null;
  const typed = text.length === question.length ? question : text;
  const asked = plan(`${typed.slice(0, m.index)}${' '.repeat(m[0].length)}${typed.slice(m.index + m[0].length)}`);
  if (!asked.ok) return asked;
  const q = asked.query;
  if (q.groupBy.length > 0 || q.granularity !== 'total' || q.compare) {
    return { ok: false, message: 'I give commitment coverage as one figure for a period and scope, not per group, over time or against another period yet.', suggestions: [] };
  }
  if (q.dataset === 'ai') return { ok: false, message: 'Commitment coverage is a measure of cloud billing; AI usage carries no commitment discounts.', suggestions: [] };
  const commitment = (f: Filter) => f.dimension.startsWith('CommitmentDiscount');
  const kind = q.filters.filter(commitment);
  const scope = q.filters.filter((f) => !commitment(f) && f.dimension !== 'ChargeCategory');
  return {
    part: {
      ...asked,
      query: { ...q, dataset: 'cloud', metric: 'effective_cost', filters: [...scope, USAGE, NOT_UNUSED, ...(kind.length > 0 ? kind : [COMMITTED])] },
      assumptions: [
        'coverage = effective cost of usage with a commitment discount over all usage in the scope (every usage charge taken as eligible; unused commitment left out)',
        ...asked.assumptions,
      ],
    },
    portion: { whole: [...scope, USAGE, NOT_UNUSED], label: 'Commitment coverage', noPart: NO_COMMITMENTS },
  };
}
