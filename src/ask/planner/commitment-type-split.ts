/**
 * "How much did unused commitments cost us in May, by type?": a question about commitments split
 * "by type" or "per kind" is split by the kind of commitment (CommitmentDiscountType: savings
 * plan, reservation, committed use discount), as a count of commitments is (commitment-count.ts).
 */
import { BY_TYPE } from './commitment-count.ts';
import type { QuestionText } from './text.ts';

/** Takes "by type" from a question about commitments: the grouping it asks for, or none. */
export function takeCommitmentTypeSplit(t: QuestionText): string[] {
  return t.takeOne(BY_TYPE) ? ['CommitmentDiscountType'] : [];
}
