/**
 * Currencies: where each source table keeps the currency of its amounts, and how an amount is
 * written with its currency. Amounts in different currencies are never added anywhere in Penny:
 * queries, scans and budgets group or filter by these expressions, and every face writes money
 * through src/schema/money.ts, so "$", "€", "£" or the ISO code always says which currency a number is in.
 */
import { z } from 'zod';
import type { Source } from '../schema/dimensions.ts';

/** The ISO 4217 codes in use, as the runtime's ICU data knows them. */
const ISO_4217 = new Set(Intl.supportedValuesOf('currency'));

/** An ISO 4217 code such as EUR (eur and " EUR " are read as EUR); a code no country uses is refused. */
export const CurrencyCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, 'expected a three-letter currency code such as EUR')
  .refine((code) => ISO_4217.has(code), 'not an ISO 4217 currency code in use');

/** Prices and LLM call costs are in US dollars unless a row says otherwise. */
export const DEFAULT_CURRENCY = 'USD';

/**
 * The currency of a row's amounts per source: FOCUS BillingCurrency for cloud costs, the call's
 * own currency for AI usage. Task outcomes carry no money: a query counts them in each currency of
 * the cost rows beside them (compile.ts); the default stands in where they are read alone.
 */
export const CURRENCY_SQL: Record<Source, string> = { cloud: 'billing_currency', ai: 'currency', tasks: `'${DEFAULT_CURRENCY}'::text` };

/** "EUR and USD", "CHF, EUR and USD". */
export function currencyList(currencies: readonly string[]): string {
  return currencies.length <= 1 ? (currencies[0] ?? DEFAULT_CURRENCY) : `${currencies.slice(0, -1).join(', ')} and ${currencies.at(-1)}`;
}

export interface CurrencyAmount {
  currency: string;
  amount: number;
}

/** Amounts summed within each currency, never across it: one sum per currency, by code. */
export function sumsByCurrency(items: readonly CurrencyAmount[]): CurrencyAmount[] {
  const sums = new Map<string, number>();
  for (const i of items) sums.set(i.currency, (sums.get(i.currency) ?? 0) + i.amount);
  return [...sums].sort(([a], [b]) => a.localeCompare(b)).map(([currency, amount]) => ({ currency, amount }));
}

/** Each currency's sum written by `format`, joined: "€300/month and $1,200/month". */
export function perCurrencyText(items: readonly CurrencyAmount[], format: (amount: number, currency: string) => string): string {
  return sumsByCurrency(items)
    .map((s) => format(s.amount, s.currency))
    .join(' and ');
}
