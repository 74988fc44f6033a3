/**
 * How showback and audit questions are framed, in words that ask for no other number: "allocate
 * May's cost by env tag", "cost allocation by cost center", "apportion spend per team" and
 * "distribution of spend by model" ask for the breakdown the grouping words read; "do they tie
 * out?" and "to reconcile" ask for the totals that a reader then checks against the invoice. Taken
 * so they do not stop the planner; nothing else is read from them. Split cost allocation
 * ("allocated cost", allocation.ts) is a filter and is read before these.
 */
import type { QuestionText } from './text.ts';

/** A verb, or its noun ("cost allocation by cost center"), that asks to share costs out: only with a breakdown read, which says by what. */
const SHARE_OUT = /\b(?:allocate|allocation|apportion|apportionment|distribute|charge\s+back)\b(?!\s+(?:method|methods|rules?)\b)/;

/** "does it tie out", "do the totals reconcile", "to tie out to the invoice", "for reconciliation". */
const TIE_OUT =
  /\b(?:do|does|did|will|would)\s+(?:it|they|this|these|those|that|the\s+(?:numbers|totals|amounts|invoices?|bills?))\s+(?:tie\s+out|reconcile|add\s+up|match\s+up)\b|\b(?:to\s+|so\s+(?:i|we)\s+can\s+)?(?:tie\s+(?:it\s+|them\s+)?out|reconcile)\b|\bfor\s+(?:the\s+)?reconciliation\b/;

/** "distribution of AI spend by model", "the spread of cost across teams": with a breakdown read, that breakdown. */
const DISTRIBUTION = /\b(?:the\s+)?(?:distribution|spread)\s+of\b/;

/** Takes the framing words; `breakdown`: a grouping was read, which the sharing-out verb and "distribution of" ask for. */
export function takeBookkeeping(t: QuestionText, breakdown: boolean): void {
  if (breakdown) t.takeOne(SHARE_OUT);
  if (breakdown) t.takeOne(DISTRIBUTION);
  t.takeOne(TIE_OUT);
}
