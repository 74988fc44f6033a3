/**
 * What commitments saved ("how much did our savings plans save us vs on-demand", "RI savings"):
 * list minus effective cost over the usage they covered (FOCUS CommitmentDiscountStatus "Used").
 * A commitment's purchase line has its effective cost amortized into that usage, so its list cost
 * is the fee itself, not a saving; its unused hours are paid for and saved nothing.
 */
import type { Filter } from '../../costs/query.ts';

const USED_ONLY_READING = "a commitment's savings are over the usage it covered: its purchase lines and unused hours are its cost, not savings";

/** Keeps a commitment's savings to the usage it covered, unless a status is already asked; the reading said, or null. */
export function keepToUsed(filters: Filter[]): string | null {
  if (filters.some((f) => f.dimension === 'CommitmentDiscountStatus')) return null;
  filters.push({ dimension: 'CommitmentDiscountStatus', op: 'eq', value: 'Used' });
  return USED_ONLY_READING;
}
