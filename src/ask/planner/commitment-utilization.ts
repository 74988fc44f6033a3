/**
 * "CUD utilization for GCP in May", "RI utilization rate", "how utilized are our savings plans":
 * the share of commitment cost that was used, FOCUS's effective cost of used commitment over used
 * and unused together (purchases carry no status and stay out). Answered as a share (portion.ts;
 * the share is commitment-shares.ts's, which the agent's tool uses too); a utilization of anything
 * but commitments (CPU, memory) is no cost and is left to decline.
 */
import type { Plan, Refusal } from './plan.ts';
import { commitmentUtilization } from './commitment-shares.ts';
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
  const utilization = commitmentUtilization(asked.query);
  if ('refusal' in utilization) return { ok: false, message: utilization.refusal, suggestions: [] };
  return { part: { ...asked, query: utilization.part, assumptions: [utilization.assumption, ...asked.assumptions] }, portion: utilization.portion };
}
