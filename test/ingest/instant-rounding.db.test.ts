/**
 * The instant ingest works out for a timestamp (its milliseconds, hence its day and month) is the
 * one PostgreSQL stores for the same text, which rounds a fraction of 7 or more digits to
 * microseconds: 23:59:59.9999999 is the next day there.
 */
import { describe, expect, it } from 'vitest';
import { seeded } from '../../src/demo/random.ts';
import { parseInstant } from '../../src/ingest/values.ts';
import { fileDb } from '../support/file-db.ts';

const f = fileDb();

/** What PostgreSQL stores for each text: its milliseconds since 1970 and its UTC month. */
async function stored(texts: string[]): Promise<Map<string, { ms: number; month: string }>> {
  const { rows } = await f.t.pool.query<{ v: string; ms: string; month: Date }>(
    `select v, floor(extract(epoch from v::timestamptz) * 1000)::text as ms, date_trunc('month', v::timestamptz at time zone 'UTC') at time zone 'UTC' as month
       from unnest($1::text[]) v`,
    [texts],
  );
  return new Map(rows.map((r) => [r.v, { ms: Number(r.ms), month: r.month.toISOString() }]));
}

const EDGES = ['.9999995', '.99999949', '.999999499', '.99999950', '.999999999', '.0000005', '.0000015', '.0000025', '.1234565', '.4999995', '.9995', '.9994999', '.5', '.123456'];
const TIMES = ['2026-09-30T23:59:59', '2026-11-03T23:59:59', '2026-12-31 23:59:59', '2026-11-03T10:00:00', '2026-02-28T23:59:59'];
const ZONES = ['Z', '+00:00', '+02:00', '-05:30', ''];

describe('parseInstant against PostgreSQL', () => {
  it('gives the milliseconds and month PostgreSQL stores, fractions of 7 to 9 digits rounded', async () => {
    const next = seeded(20_261_206);
    const texts = new Set<string>();
    for (const time of TIMES) for (const zone of ZONES) for (const frac of EDGES) texts.add(`${time}${frac}${zone}`);
    for (let i = 0; i < 3000; i++) {
      const digits = 1 + Math.floor(next() * 9);
      // Mostly nines, the digits that carry across a second, a day and a month.
      const frac = Array.from({ length: digits }, () => (next() < 0.7 ? '9' : String(Math.floor(next() * 10)))).join('');
      texts.add(`${TIMES[i % TIMES.length]}.${frac}${ZONES[i % ZONES.length]}`);
    }
    const pg = await stored([...texts]);
    let carried = 0;
    for (const text of texts) {
      const mine = parseInstant(text);
      expect(mine, text).toBeDefined();
      expect({ text, ms: mine!.epochMs, month: mine!.month }).toEqual({ text, ...pg.get(text)! });
      if (mine!.epochMs % 1000 === 0 && !text.endsWith('.5')) carried++;
    }
    // The test meets fractions that round up into the next second, across days and months.
    expect(carried).toBeGreaterThan(100);
  });
});
