/**
 * Money as people read it, in the data's own currency: one formatter, Intl.NumberFormat, for
 * every face (answers, findings, alerts, PR reviews, charts), so "$", "€", "CHF" or "¥" always
 * says which currency a number is in and amounts are written the same way everywhere.
 */

/** Decimals shown: exactly `n`, or between `min` and `max`. */
export type MoneyDigits = number | { min: number; max: number };

const formats = new Map<string, Intl.NumberFormat>();

function numberFormat(currency: string, min: number, max: number): Intl.NumberFormat {
  const key = `${currency}:${min}:${max}`;
  let f = formats.get(key);
  if (!f) {
    try {
      f = new Intl.NumberFormat('en-US', { style: 'currency', currency, minimumFractionDigits: min, maximumFractionDigits: max });
    } catch {
      // Not a currency Intl knows: its code, as a plain number.
      const plain = new Intl.NumberFormat('en-US', { minimumFractionDigits: min, maximumFractionDigits: max });
      f = { format: (x: number) => `${x < 0 ? '-' : ''}${currency} ${plain.format(Math.abs(x))}` } as Intl.NumberFormat;
    }
    formats.set(key, f);
  }
  return f;
}

/** Intl separates a code from its digits with a no-break space; chat and terminals get a plain one. */
const plainSpaces = (s: string) => s.replace(/\u00a0/g, ' ');

/** "$1,234.00", "-€12.50", "CHF 0.0400", "¥1,200". */
export function formatMoney(amount: number, currency: string, digits: MoneyDigits = 2): string {
  const { min, max } = typeof digits === 'number' ? { min: digits, max: digits } : digits;
  return plainSpaces(numberFormat(currency, min, max).format(amount));
}

/** Digits already written (a short form such as "1.2k"), with the currency's sign: "$1.2k", "-CHF 40". */
export function withCurrency(digits: string, currency: string, negative = false): string {
  const [prefix, suffix] = plainSpaces(numberFormat(currency, 0, 0).format(0)).split('0') as [string, string];
  return `${negative ? '-' : ''}${prefix}${digits}${suffix}`;
}
