/**
 * Currency words: "in euros", "in EUR", "convert to USD", "expressed in pounds" ask for money in
 * one currency, converted with the exchange rates the user loaded (src/ingest/rates). Only known
 * currency names and ISO codes are read, so "in AWS" stays a provider.
 */
import type { QuestionText } from './text.ts';

const NAMES: Array<[string, string]> = [
  ['usd|us\\s+dollars?|dollars?|\\$', 'USD'],
  ['eur|euros?|€', 'EUR'],
  ['gbp|pounds?(?:\\s+sterling)?|sterling|£', 'GBP'],
  ['chf|swiss\\s+francs?', 'CHF'],
  ['jpy|yen', 'JPY'],
  ['cad|canadian\\s+dollars?', 'CAD'],
  ['aud|australian\\s+dollars?', 'AUD'],
  ['inr|rupees?', 'INR'],
  ['sek|nok|dkk|pln|cny|brl|mxn|sgd|nzd|hkd|zar|krw', ''],
];
/** Any currency word or symbol (no group of its own). */
export const ANY = NAMES.map(([w]) => w).join('|');
const CONVERT = new RegExp(
  `\\b(?:(?:convert(?:ed)?|converting|translated?|expressed|shown|reported|show(?:\\s+(?:it|this|that|them|everything))?|give\\s+(?:it|me\\s+it))\\s+(?:(?:it|this|that|them|everything|all(?:\\s+of\\s+it)?)\\s+)?(?:in(?:to)?|to|as)|in)\\s+(?:the\\s+)?(${ANY})(?![a-z0-9])`,
);

/** "convert last month's spend to USD": the verb and its target apart. */
const VERB = /\b(?:convert(?:ed|ing)?|translated?|expressed)\b/;
const TARGET = new RegExp(`\\b(?:in(?:to)?|to)\\s+(?:the\\s+)?(${ANY})(?![a-z0-9])`);

/** "with currency", "showing their currencies": every amount is said in its currency, so this asks nothing more. */
const SHOWN = /\b(?:with|plus|incl(?:uding)?|showing)\s+(?:the\s+|their\s+|its\s+|each\s+)?(?:billing\s+)?currenc(?:y|ies)\b/;

/** The currency the answer is asked in, its words taken; null when none is asked. */
export function takeCurrency(t: QuestionText): string | null {
  t.takeOne(SHOWN);
  let m = t.takeOne(CONVERT);
  if (!m && t.has(VERB) && t.has(TARGET)) {
    t.takeOne(VERB);
    m = t.takeOne(TARGET);
  }
  return m ? currencyCode(m[1]!) : null;
}

/** The ISO code of a currency word ANY matched: "euros" → EUR, "sek" → SEK. */
export function currencyCode(said: string): string {
  const word = said.replace(/\s+/g, ' ');
  const named = NAMES.find(([w]) => new RegExp(`^(?:${w})$`).test(word))!;
  return named[1] || word.toUpperCase();
}
