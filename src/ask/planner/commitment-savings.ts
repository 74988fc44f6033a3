/**
 * "how much did our savings plans save us", "savings from reservations on AWS": what a commitment
 * saved is list minus effective cost over the usage its discount covered (FOCUS: ChargeCategory
 * Usage, CommitmentDiscountStatus Used). Its purchase rows carry list cost and no effective cost
 * (the purchase is amortized into the usage), and its unused rows are commitment paid for and not
 * used; summed over every row of the commitment, both counted as money saved ($12.48 where the
 * covered usage saved $2.55 on the FOCUS exports).
 */
import type { Filter } from '../../costs/query.ts';
import type { Derived } from './derived.ts';

export const COMMITMENT_SAVINGS_READING = "a commitment's savings are list minus effective cost over the usage its discount covered (status Used); its purchases and unused commitment are not savings";

/** The filters that keep a commitment's savings to the usage it covered, with their reading; null when the question is not that. */
export function commitmentSavings(derived: Derived | null, committed: boolean, filters: readonly Filter[]): { filters: Filter[]; reading: string } | null {
  if (derived !== 'savings' || !committed) return null;
  // A charge category or a status the question named itself is kept as said.
  if (filters.some((f) => f.dimension === 'ChargeCategory' || f.dimension === 'CommitmentDiscountStatus')) return null;
  return {
    filters: [
      { dimension: 'ChargeCategory', op: 'eq', value: 'Usage' },
      { dimension: 'CommitmentDiscountStatus', op: 'eq', value: 'Used' },
    ],
    reading: COMMITMENT_SAVINGS_READING,
  };
}
