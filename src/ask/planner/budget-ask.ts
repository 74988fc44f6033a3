/**
 * What a budget question asks of the budget: where it stands against its forecast (the default:
 * "are we on track?", "will ml go over budget?"), what is left of it ("how much of the support
 * budget is left?"), what has been spent of it so far ("how much of the ml budget have we burned
 * so far?", "budget vs actuals") or the amount itself ("what's the monthly budget for checkout?").
 * A variance to budget is what is left (the amount less the spend so far), as an accountant takes it
 * at a close. Answering the amount, what is left or what is spent with the forecast puts a different
 * number in the headline.
 */

export type BudgetAsk = 'status' | 'left' | 'spent' | 'amount';

/** Words that ask how the budget stands or will stand: those are answered with the forecast. */
const STATUS =
  /\b(?:over|under|within|on\s+track|track(?:ing)?|pace|status|forecast\w*|project\w*|exceed\w*|hit|blow\w*|burn\w*|used|use|spent|consum\w*|utili[sz]\w*|will|going\s+to|end\s+of\s+(?:the\s+)?month|month[\s-]end)\b/;

/** What is left of it: "left", "remaining", "headroom", "room", "variance to budget" (a projected one is the forecast's). */
const LEFT = /\b(?:left|remaining|remain|headroom|room|available|variances?)\b/;

/** Spending it: "burned", "used", "spent", "consumed", "gone through", "eaten into". */
const USED = /\b(?:use|used|burn(?:ed|t)?|spen[dt]|consumed?|gone\s+through|eaten(?:\s+into)?)\b/;
/** Asked of the spend so far: "how much of the budget", "used of the budget", "so far", "to date", "MTD", "already". */
const SO_FAR = /\bhow\s+much\s+of\b|\b(?:used|burn(?:ed|t)|spent|consumed)\s+of\b|\bso\s+far\b|\bto\s+date\b|\bmtd\b|\balready\b/;
/** The spend itself set against the budget: "budget vs actuals", "actual spend against budget". */
const ACTUALS = /\bactuals?\b/;
/** Where it stands or will stand: those words keep the forecast ("have we already gone over?"). */
const STANDING = /\b(?:over|under|within|on\s+track|track(?:ing)?|pace|status|forecast\w*|project\w*|exceed\w*|will|going\s+to|end\s+of\s+(?:the\s+)?month|month[\s-]end)\b/;

/**
 * The amount set: "what's the budget", "how big is the ml budget", "budget amount", "budgets set";
 * summed: "what do the budgets add up to", "the sum of our budgets", "budgets in total".
 */
const AMOUNT =
  /\b(?:what(?:'s|s|\s+is|\s+are)|how\s+(?:big|large|much)\s+is|show\s+(?:me\s+)?|list|sum\s+of|total\s+of)\b[^?.]*\bbudgets?\b|\bbudgets?\s+(?:amount|size|set|limit)s?\b|\bbudgets?\b[^?.]*\b(?:add(?:s|ed)?\s+up|come\s+to|comes\s+to|in\s+total|combined|altogether)\b/;

/** What `question` (a budget question) asks of the budget. */
export function budgetAsk(question: string): BudgetAsk {
  const lower = question.toLowerCase();
  if (LEFT.test(lower) && !/\b(?:will|going\s+to|end\s+of\s+(?:the\s+)?month|month[\s-]end|forecast\w*|project\w*)\b/.test(lower)) return 'left';
  if ((ACTUALS.test(lower) || (USED.test(lower) && SO_FAR.test(lower))) && !STANDING.test(lower)) return 'spent';
  if (STATUS.test(lower)) return 'status';
  return AMOUNT.test(lower) ? 'amount' : 'status';
}
