import { describe, expect, it } from 'vitest';
import { parseAlertAt, parseCurrency, parseMoney, parseTokens } from '../../src/budgets/amounts.ts';

describe('parseMoney', () => {
  it('keeps the decimal text exactly, without separators or leading zeros', () => {
    expect(parseMoney('12000.10')).toBe('12000.10');
    expect(parseMoney('12000')).toBe('12000');
    expect(parseMoney('012_000.5')).toBe('12000.5');
    expect(parseMoney('0.25')).toBe('0.25');
  });

  it.each(['abc', '-5', '1e3', '12,000', '', '0', '0.00', '1.1234567'])('refuses %j', (text) => {
    expect(() => parseMoney(text)).toThrow();
  });
});

describe('parseTokens', () => {
  it.each([
    ['500000000', '500000000'],
    ['5e8', '500000000'],
    ['5E+8', '500000000'],
    ['500M', '500000000'],
    ['1.5B', '1500000000'],
    ['2.5k', '2500'],
    ['500_000_000', '500000000'],
    ['9223372036854775807', '9223372036854775807'],
  ])('%s → %s', (text, expected) => {
    expect(parseTokens(text)).toBe(expected);
  });

  it.each([
    ['2.5', /whole number/],
    ['1.2345k', /whole number/],
    ['0', /more than 0/],
    ['1e19', /too large/],
    ['lots', /token count/],
    ['-5', /token count/],
  ])('refuses %j', (text, message) => {
    expect(() => parseTokens(text)).toThrow(message);
  });
});

describe('parseAlertAt and parseCurrency', () => {
  it('sorts thresholds and accepts a % sign', () => {
    expect(parseAlertAt('100, 50%,75')).toEqual([50, 75, 100]);
  });

  it.each(['0', '50,50', '1001', '7.5', 'high', ''])('refuses thresholds %j', (text) => {
    expect(() => parseAlertAt(text)).toThrow();
  });

  it('upper-cases ISO codes and refuses others', () => {
    expect(parseCurrency('eur')).toBe('EUR');
    expect(() => parseCurrency('dollars')).toThrow(/three-letter/);
  });
});
