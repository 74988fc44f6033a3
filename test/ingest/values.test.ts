import { describe, expect, it } from 'vitest';
import { instantRefusal, isDecimal, nestsDeeperThan, parseInstant, parseJsonObject, wholeDigits } from '../../src/ingest/values.ts';

describe('parseInstant', () => {
  it.each([
    ['2024-09-01T00:00:00Z', '2024-09-01T00:00:00.000Z'],
    ['2024-09-01 22:00:00', '2024-09-01T22:00:00.000Z'],
    ['2024-09-01', '2024-09-01T00:00:00.000Z'],
    ['2024-09-01T01:30:00+02:00', '2024-08-31T23:30:00.000Z'],
    ['2024-09-01T01:30:00.123456Z', '2024-09-01T01:30:00.123Z'],
    ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000Z'],
  ])('reads %s', (text, expected) => {
    expect(new Date(parseInstant(text)!.epochMs).toISOString()).toBe(expected);
  });

  it.each(['2023-02-29', '2024-13-01', '2024-09-31 00:00:00', '2024-09-01 24:00:00', '01/09/2024', 'yesterday', ''])('refuses %s', (text) => {
    expect(parseInstant(text)).toBeUndefined();
  });

  it.each(['0001-01-01T00:00:00Z', '0099-09-01', '1999-12-31T23:59:59Z', '2000-01-01T00:30:00+01:00', '2100-01-01', '9999-12-31'])('refuses %s, outside 2000–2099', (text) => {
    expect(parseInstant(text)).toBeUndefined();
    expect(instantRefusal(text)).toMatch(/^date\/time outside 2000-01-01 to 2099-12-31 \(UTC\): /);
  });

  it('takes the ends of the range', () => {
    expect(parseInstant('2000-01-01T00:00:00Z')!.month).toBe('2000-01-01T00:00:00.000Z');
    expect(parseInstant('2099-12-31T23:59:59Z')!.month).toBe('2099-12-01T00:00:00.000Z');
  });

  it('knows the UTC month', () => {
    expect(parseInstant('2024-10-01T01:00:00+03:00')!.month).toBe('2024-09-01T00:00:00.000Z');
  });
});

describe('isDecimal', () => {
  it.each(['0', '-12.5', '1.2E-5', '.5', '10.', '+3'])('takes %s', (v) => expect(isDecimal(v)).toBe(true));
  it.each(['1,234.5', '$5', 'NaN', 'Infinity', '1e', '', '1.2.3', '1e99999'])('refuses %s', (v) => expect(isDecimal(v)).toBe(false));

  it('agrees with the FOCUS number pattern, and wholeDigits with the magnitude, on random texts', () => {
    const pattern = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d{1,3})?$/;
    const alphabet = '0000123456789+-.eE x';
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    let decimals = 0;
    for (let k = 0; k < 50_000; k++) {
      let text = '';
      for (let len = random(12); len > 0; len--) text += alphabet[random(alphabet.length)];
      expect(isDecimal(text), text).toBe(pattern.test(text));
      const whole = wholeDigits(text);
      if (whole < 0 || whole === Infinity) continue;
      decimals++;
      const x = Math.abs(Number(text));
      expect(x < 10 ** whole && (whole === 0 || x >= 10 ** (whole - 1)), text).toBe(true);
    }
    expect(decimals).toBeGreaterThan(1_000);
    expect(wholeDigits('-0012.50')).toBe(2);
    expect(wholeDigits('1.5e3')).toBe(Infinity);
  });
});

describe('parseJsonObject', () => {
  it('takes objects, brace-less key-value text and empty text', () => {
    expect(parseJsonObject('{"team": "search"}')).toBe('{"team": "search"}');
    expect(parseJsonObject('"team": "search", "env": "prod"')).toBe('{"team": "search", "env": "prod"}');
    expect(parseJsonObject('')).toBe('{}');
  });

  it('refuses what jsonb would refuse or what is not an object', () => {
    expect(parseJsonObject('[1,2]')).toBeUndefined();
    expect(parseJsonObject('{bad')).toBeUndefined();
    expect(parseJsonObject('{"a": "\\u0000"}')).toBeUndefined();
    expect(parseJsonObject('{"a": "\\ud800"}')).toBeUndefined();
    expect(parseJsonObject('{"a": "\\ud83d\\ude00"}')).toBe('{"a": "\\ud83d\\ude00"}');
  });

  it('refuses JSON nested deeper than 64 levels', () => {
    expect(parseJsonObject(`{"a": ${'['.repeat(63)}${']'.repeat(63)}}`)).toBeDefined();
    expect(parseJsonObject(`{"a": ${'['.repeat(64)}${']'.repeat(64)}}`)).toBeUndefined();
  });
});

describe('nestsDeeperThan', () => {
  it('counts arrays and objects, and stops at the limit', () => {
    expect(nestsDeeperThan({ a: [1, { b: 2 }] }, 3)).toBe(false);
    expect(nestsDeeperThan({ a: [1, { b: [] }] }, 3)).toBe(true);
    expect(nestsDeeperThan('text', 0)).toBe(false);
    expect(nestsDeeperThan(JSON.parse('['.repeat(100_000) + ']'.repeat(100_000)))).toBe(true);
  });
});
