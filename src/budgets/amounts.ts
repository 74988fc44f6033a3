/**
 * Parsing of the numbers people type for a budget. Money stays a decimal string from the command
 * line to the numeric column (never a float, so 12000.10 is stored as 12000.10); token counts are
 * computed with bigint, so 5e8 and 1.5B are exact.
 */

export class AmountError extends Error {
  override name = 'AmountError';
}

const MONEY = /^(\d{1,15})(?:\.(\d{1,6}))?$/;

/** `12000`, `12000.10`, `12_000.50` → the same decimal text without separators or leading zeros. */
export function parseMoney(text: string): string {
  const m = MONEY.exec(text.trim().replace(/_/g, ''));
  if (!m) throw new AmountError(`expected an amount such as 12000 or 12000.10, got "${text}"`);
  const int = m[1]!.replace(/^0+(?=\d)/, '');
  const value = m[2] === undefined ? int : `${int}.${m[2]}`;
  if (/^[0.]+$/.test(value)) throw new AmountError(`must be more than 0, got "${text}"`);
  return value;
}

const SUFFIX: Record<string, number> = { k: 3, m: 6, b: 9, g: 9, t: 12 };
const TOKENS = /^(\d+)(?:\.(\d+))?(?:e\+?(\d{1,2}))?([kmbgt])?$/i;
const MAX_BIGINT = 2n ** 63n - 1n;

/** `500000000`, `5e8`, `500M`, `1.5B`, `500_000_000` → the whole number of tokens, as decimal text. */
export function parseTokens(text: string): string {
  const m = TOKENS.exec(text.trim().replace(/_/g, ''));
  if (!m) throw new AmountError(`expected a token count such as 500000000, 5e8 or 500M, got "${text}"`);
  const [, int, frac = '', exp, suffix] = m;
  const shift = Number(exp ?? 0) + (suffix ? SUFFIX[suffix.toLowerCase()]! : 0);
  const digits = BigInt(int! + frac);
  const scale = shift - frac.length;
  const divisor = 10n ** BigInt(Math.max(0, -scale));
  if (digits % divisor !== 0n) throw new AmountError(`must be a whole number of tokens, got "${text}"`);
  const value = (digits / divisor) * 10n ** BigInt(Math.max(0, scale));
  if (value <= 0n) throw new AmountError(`must be more than 0, got "${text}"`);
  if (value > MAX_BIGINT) throw new AmountError(`is too large, got "${text}"`);
  return value.toString();
}

/** `50,75,100` (a `%` after each is allowed) → ascending whole percentages, each 1 to 1000. */
export function parseAlertAt(text: string): number[] {
  const parts = text.split(',').map((p) => p.trim().replace(/%$/, ''));
  const values = parts.map((p) => {
    if (!/^\d{1,4}$/.test(p) || Number(p) < 1 || Number(p) > 1000) throw new AmountError(`expected whole percentages from 1 to 1000 such as 50,75,100, got "${text}"`);
    return Number(p);
  });
  if (new Set(values).size !== values.length) throw new AmountError(`gives a percentage twice: "${text}"`);
  return values.sort((a, b) => a - b);
}

/** An ISO 4217 code such as USD or eur → upper case. */
export function parseCurrency(text: string): string {
  const code = text.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(code)) throw new AmountError(`expected a three-letter currency code such as USD, got "${text}"`);
  return code;
}
