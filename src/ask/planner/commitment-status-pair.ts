/**
 * "savings plan used vs unused", "unused or used reservations": the two commitment statuses side
 * by side, not the waste scan's findings nor the unused part alone ("unused" read by itself).
 */
import type { Filter } from '../../costs/query.ts';
import type { QuestionText } from './text.ts';

const STATUS_PAIR = /\b(used|unused)\s+(?:vs\.?|versus|or|against|compared\s+(?:to|with))\s+(used|unused)\b/;
const STATUS = (word: string) => (word === 'used' ? 'Used' : 'Unused');

/** The statuses a "used vs unused" pair names, its two words taken and its "vs" left to set them side by side. */
export function takeCommitmentStatusPair(t: QuestionText): Filter | null {
  const m = t.peek(STATUS_PAIR);
  if (!m || m[1] === m[2]) return null;
  t.mark({ start: m.index, end: m.index + m[1]!.length });
  t.mark({ start: m.index + m[0].length - m[2]!.length, end: m.index + m[0].length });
  return { dimension: 'CommitmentDiscountStatus', op: 'in', values: [STATUS(m[1]!), STATUS(m[2]!)] };
}
