import { describe, expect, it } from 'vitest';
import { formatMoney, withCurrency } from '../../src/schema/money.ts';

describe('money in the data currency', () => {
  it('writes the currency sign Intl gives each currency, before the amount', () => {
    expect(formatMoney(1234.5, 'USD')).toBe('$1,234.50');
    expect(formatMoney(-12.5, 'EUR')).toBe('-€12.50');
    expect(formatMoney(40, 'GBP', 0)).toBe('£40');
    expect(formatMoney(1200, 'JPY', 0)).toBe('¥1,200');
  });

  it('separates a code from its digits with a plain space', () => {
    expect(formatMoney(0.04, 'CHF', 4)).toBe('CHF 0.0400');
    expect(formatMoney(-40, 'SEK', 0)).toBe('-SEK 40');
  });

  it('keeps between min and max decimals', () => {
    expect(formatMoney(0.004512, 'USD', { min: 2, max: 6 })).toBe('$0.004512');
    expect(formatMoney(3, 'USD', { min: 0, max: 2 })).toBe('$3');
  });

  it('puts the sign around digits written elsewhere', () => {
    expect(withCurrency('1.2k', 'USD')).toBe('$1.2k');
    expect(withCurrency('40', 'CHF', true)).toBe('-CHF 40');
    expect(withCurrency('3', 'EUR')).toBe('€3');
  });

  it('writes a code Intl does not know as the code itself', () => {
    expect(formatMoney(5, 'XQQ')).toMatch(/^XQQ\s?5\.00$/);
  });
});
