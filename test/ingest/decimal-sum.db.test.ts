/**
 * DecimalSum gives PostgreSQL's own sum() over numeric, digit for digit and with the same number
 * of fraction digits, for every form of number ingest accepts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DecimalSum } from '../../src/ingest/decimal-sum.ts';
import { seeded } from '../../src/demo/random.ts';
import { createTestDb, type TestDb } from '../support/db.ts';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb({ migrate: false });
});
afterAll(async () => {
  await t?.drop();
});

async function postgresSum(values: string[]): Promise<string | null> {
  const { rows } = await t.pool.query<{ sum: string | null }>('select sum(x::numeric)::text as sum from unnest($1::text[]) x', [values]);
  return rows[0]!.sum;
}

function ours(values: string[]): string | null {
  const sum = new DecimalSum();
  for (const v of values) sum.add(v);
  return sum.toString();
}

/** A number as exports write them: plain, signed, fractions of any length, E notation, large. */
function randomDecimal(rand: () => number): string {
  const sign = ['', '', '-', '+'][Math.floor(rand() * 4)]!;
  const whole = String(Math.floor(rand() * 10 ** Math.floor(rand() * 15)));
  const fraction = String(Math.floor(rand() * 1e9))
    .padStart(9, '0')
    .slice(0, Math.floor(rand() * 10));
  switch (Math.floor(rand() * 6)) {
    case 0:
      return `${sign}${whole}`;
    case 1:
      return `${sign}.${fraction || '5'}`;
    case 2:
      return `${sign}${whole}.`;
    case 3:
      return `${sign}${whole.slice(0, 3)}.${fraction}e${['', '-', '+'][Math.floor(rand() * 3)]}${Math.floor(rand() * 12)}`;
    case 4:
      return `${sign}${whole}.${fraction}${String(Math.floor(rand() * 1e9)).padStart(9, '0')}`;
    default:
      return `${sign}${whole}.${fraction}`;
  }
}

describe('DecimalSum', () => {
  it('is null for no values and keeps the scale of the longest fraction', async () => {
    expect(ours([])).toBeNull();
    for (const values of [['1.10', '2.2'], ['0.1', '0.2'], ['-0.5', '0.50'], ['1e3'], ['1.5E-3', '2'], ['.25', '3.'], ['4503599627370496.5', '4503599627370496.5']]) {
      expect(ours(values)).toBe(await postgresSum(values));
    }
  });

  it('equals PostgreSQL on thousands of random sums', async () => {
    const rand = seeded(16);
    for (let round = 0; round < 40; round++) {
      const values = Array.from({ length: 1 + Math.floor(rand() * 300) }, () => randomDecimal(rand));
      expect(ours(values), values.join(' ')).toBe(await postgresSum(values));
    }
  });
});
