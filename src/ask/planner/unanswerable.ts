/**
 * Questions the data cannot answer as asked, each declined with why and what can be asked: a level
 * usage data does not record, one commitment kind's purchases left out, a bracket after purchases
 * that may narrow them or describe them, a measure Penny does not keep, a cost per kind of token.
 */
import { bracketedPurchases } from './bracketed-purchases.ts';
import { leftOutPurchases } from './left-out-purchases.ts';
import { perTokenTypeCost } from './per-token-type.ts';
import type { QuestionText } from './text.ts';
import { unkeptMeasure } from './unkept-measures.ts';
import { unrecordedLevel } from './unrecorded-levels.ts';

/** Why the question is declined, or null when none of these applies. */
export function unanswerable(t: QuestionText): string | null {
  return unrecordedLevel(t.rest()) ?? leftOutPurchases(t.text) ?? bracketedPurchases(t.text) ?? unkeptMeasure(t.text) ?? perTokenTypeCost(t.text);
}
