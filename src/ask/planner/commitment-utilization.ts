/**
 * "CUD utilization for GCP in May", "RI utilization rate", "how utilized are our savings plans":
 * the share of commitment cost that was used, FOCUS's effective cost of used commitment over used
 * and unused together (purchases carry no status and stay out). Answered as a share (portion.ts);
 * a utilization of anything but commitments (CPU, memory) is no cost and is left to decline.
 */
import type { Filter } from '../../costs/query.ts';
import type { Plan, Refusal } from './plan.ts';
import { MAX_SHARE_CHARS, type Portion } from './portion.ts';

const UTILIZATION = /\b(?:utili[sz]ation(?:\s+(?:rate|ratio|percentage))?|utili[sz]ed)\b/;
const COMMITMENT_DIMENSIONS = new Set(['CommitmentDiscountId', 'CommitmentDiscountType', 'CommitmentDiscountName', 'CommitmentDiscountCategory']);

export function readCommitmentUtilization(question: string, plan: (text: string) => Plan | Refusal): { part: Plan; portion: Portion } | Refusal | null {
  const text = question.toLowerCase();
  const m = UTILIZATION.exec(text);
  // A long message with the word is left to the planner, which declines what it can't place.
  if (!m || text.length > MAX_SHARE_CHARS) return null;
  const typed = text.length === question.length ? question : text;
  const asked = plan(`${typed.slice(0, m.index)}${' '.repeat(m[0].length)}${typed.slice(m.index + m[0].length)}`);
  if (!asked.ok || !asked.query.filters.some((f) => COMMITMENT_DIMENSIONS.has(f.dimension))) return null;
  const q = asked.query;
  if (q.groupBy.length > 0 || q.granularity !== 'total' || q.compare) {
    return { ok: false, message: 'I give commitment utilization as one figure for a period and scope, not per group, over time or against another period yet.', suggestions: [] };
  }
  const scope = q.filters.filter((f) => f.dimension !== 'CommitmentDiscountStatus');
  const used: Filter = { dimension: 'CommitmentDiscountStatus', op: 'eq', value: 'Used' };
  const statused: Filter = { dimension: 'CommitmentDiscountStatus', op: 'in', values: ['Used', 'Unused'] };
  return {
    part: {
      ...asked,
      query: { ...q, metric: 'effective_cost', filters: [...scope, used] },
      assumptions: ['utilization = effective cost of used commitment over used and unused commitment', ...asked.assumptions],
    },
    portion: { whole: [...scope, statused], label: 'Commitment utilization' },
  };
}
