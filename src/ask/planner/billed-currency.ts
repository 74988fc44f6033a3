/**
 * A currency the charges are billed in, not one to convert to: "how much are we billed in euros",
 * "what was invoiced in EUR", "our EUR spend". FOCUS keeps each line's BillingCurrency, so these
 * are the lines billed in it, in their own amounts. Read before currency-words.ts, which would take
 * "in euros" as a conversion ("show May's spend in euros" stays one).
 */
import type { Filter } from '../../costs/query.ts';
import { ANY, currencyCode } from './currency-words.ts';
import type { QuestionText } from './text.ts';

/** "billed in euros", "charged in EUR", "invoiced to us in GBP": the billing verb is left for the metric readers. */
const BILLED_IN = new RegExp(`(?<=\\b(?:billed|charged|invoiced|denominated)(?:\\s+(?:to\\s+)?us)?\\s+)in\\s+(?:the\\s+)?(${ANY})(?![a-z0-9])`);
/** "EUR spend", "GBP-billed costs": an ISO code before a cost word (a name like "dollar cost" says how much, not which lines). */
const CODE_BEFORE = /\b(usd|eur|gbp|chf|jpy|cad|aud|inr|sek|nok|dkk|pln|cny|brl|mxn|sgd|nzd|hkd|zar|krw)(?:[\s-]+(?:billed|denominated))?(?=\s+(?:spend|spending|costs?|charges|bills?|invoices?)\b)/;

/** The BillingCurrency filter the question names, its words taken; null when it names none. */
export function takeBilledCurrency(t: QuestionText): Filter | null {
  const m = t.takeOne(BILLED_IN) ?? t.takeOne(CODE_BEFORE);
  return m ? { dimension: 'BillingCurrency', op: 'eq', value: currencyCode(m[1]!) } : null;
}
