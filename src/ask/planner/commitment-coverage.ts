/**
 * "RI coverage", "savings plan coverage on EC2", "what's our CUD coverage", "how much did RIs cover": the share of usage cost
 * a commitment discount covered, FOCUS's effective cost of usage with a commitment over all usage
 * in the same scope (every usage charge is taken as eligible, and the answer says so). Answered as
 * a share (portion.ts); the share itself is commitment-shares.ts's, which the agent's tool uses too.
 * A commitment's unused hours are left out of both. When no usage in scope carries a commitment
 * the answer says that the data holds none, rather than a 0 % that a missing column would also give.
 */
import type { Plan, Refusal } from './plan.ts';
import { commitmentCoverage } from './commitment-shares.ts';
import { MAX_SHARE_CHARS, type Portion } from './portion.ts';

/** "RI coverage", and the verb after "how much": "how much did savings plans cover in May" ("covered by" is a share, portion.ts; "what do RIs cover" asks what). */
const COVERAGE = /\bcoverage(?:\s+(?:rate|ratio|percentage|level))?\b|\bcover(?:s|ed)?\b(?!\s+by\b)(?<=\bhow\s+much\b.{0,80})/;
const COMMITMENT_WORDS = /\b(?:ris?|reserved\s+instances?|reservations?|savings\s+plans?|sps?|cuds?|committed\s+use(?:\s+discounts?)?|commitments?(?:\s+discounts?)?)\b/;

export function readCommitmentCoverage(question: string, plan: (text: string) => Plan | Refusal): { part: Plan; portion: Portion } | Refusal | null {
  const text = question.toLowerCase();
  const m = COVERAGE.exec(text);
  if (!m || text.length > MAX_SHARE_CHARS || !COMMITMENT_WORDS.test(text)) return null;
  const typed = text.length === question.length ? question : text;
  const asked = plan(`${typed.slice(0, m.index)}${' '.repeat(m[0].length)}${typed.slice(m.index + m[0].length)}`);
  if (!asked.ok) return asked;
  const coverage = commitmentCoverage(asked.query);
  if ('refusal' in coverage) return { ok: false, message: coverage.refusal, suggestions: [] };
  return { part: { ...asked, query: coverage.part, assumptions: [coverage.assumption, ...asked.assumptions] }, portion: coverage.portion };
}
