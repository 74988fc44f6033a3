/**
 * After FOCUS loads, the rollup refresh adds the sums the ingest worker computed while parsing
 * instead of reading the rows back; the rollup must then be exactly what recomputing it from the
 * tables gives: every row, every digit, in every currency and charge kind, with duplicates, and
 * after a delivery that replaces an earlier one (whose days are recomputed instead).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { refreshAfterLoads, refreshRollups } from '../../src/costs/rollups.ts';
import { loadFocusFile } from '../../src/ingest/focus/load.ts';
import { fileDb } from '../support/file-db.ts';
import { monthlyDrift } from '../support/monthly-rollup.ts';
import { CORE_FOCUS_HEADER, writeCsv } from '../support/focus-sample.ts';

const f = fileDb();

const HEADER = [...CORE_FOCUS_HEADER, 'ChargeClass', 'CommitmentDiscountStatus', 'PublisherName', 'SubAccountId', 'RegionId', 'ListCost', 'Tags'];

interface Line {
  acct?: string;
  currency?: string;
  period?: string;
  /** BillingPeriodEnd, when `period` is not a plain date. */
  periodEnd?: string;
  start: string;
  category?: string;
  chargeClass?: string;
  status?: string;
  provider?: string;
  publisher?: string;
  service?: string;
  region?: string;
  cost: string;
  list?: string;
  tags?: string;
}

let n = 0;
const exportOf = (lines: Line[]) =>
  writeCsv(
    f.dir,
    `export-${++n}.csv`,
    HEADER,
    lines.map((l) => {
      const period = l.period ?? '2026-11-01';
      const end = l.periodEnd ?? new Date(Date.parse(`${period}T00:00:00Z`) + 31 * 86_400_000).toISOString().slice(0, 8) + '01';
      return [
        l.acct ?? 'acct-1',
        l.currency ?? 'USD',
        period,
        end,
        l.start,
        new Date(Date.parse(l.start) + 3_600_000).toISOString(),
        l.category ?? 'Usage',
        l.provider ?? 'AWS',
        l.service ?? 'Amazon EC2',
        l.cost,
        l.cost,
        l.chargeClass ?? '',
        l.status ?? '',
        l.publisher ?? 'Amazon Web Services, Inc.',
        'sub-1',
        l.region ?? 'us-east-1',
        l.list ?? '',
        l.tags ?? '',
      ];
    }),
  );

const loadLines = async (lines: Line[]) => loadFocusFile(f.t.pool, await exportOf(lines));

/** The whole rollup as text, in a fixed order: numbers keep their digits and scale. */
async function rollup(): Promise<string[][]> {
  const { rows } = await f.t.pool.query({
    text: `select day::text, dataset, provider, service, sub_account, region, team, feature, model, customer, environment, cost_center, charge_kind, currency,
                  billed_cost::text, effective_cost::text, list_cost::text, input_tokens::text, output_tokens::text, cached_tokens::text, requests::text, last_at::text,
                  billing_period::text
             from cost_rollup_daily order by 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 22, 23`,
    rowMode: 'array',
  });
  return rows as string[][];
}

/** The rollup as the refresh left it equals a recompute of everything from the tables; the monthly one is in step with it. */
async function expectEqualToRecompute(): Promise<string[][]> {
  const merged = await rollup();
  expect((await monthlyDrift(f.t.pool)).drift).toBe(0);
  await refreshRollups(f.t.pool);
  expect(merged).toEqual(await rollup());
  return merged;
}

const EVERY_KIND: Line[] = [
  { start: '2026-11-03T10:00:00Z', cost: '1.10', list: '1.2', tags: '{"team":"search","env":"prod"}' },
  { start: '2026-11-03T10:00:00Z', cost: '1.10', list: '1.2', tags: '{"team":"search","env":"prod"}' },
  { start: '2026-11-03T11:00:00.123456Z', cost: '2.2', tags: '{"team":"search","env":"prod"}' },
  { start: '2026-11-03T11:00:00.123457Z', cost: '1e-3', list: '4', tags: '{"team":"search","env":"prod"}' },
  { start: '2026-11-03T12:00:00+02:00', cost: '-.5', tags: '{"team":"search","env":"prod"}' },
  { start: '2026-11-03T09:00:00Z', cost: '0.1234567890123456789', tags: '{"Team":"ml"}' },
  { start: '2026-11-03T09:00:00Z', cost: '999999999999.99', tags: '{"Team":"ml"}' },
  { start: '2026-11-03T09:00:00Z', currency: 'EUR', cost: '7.5', tags: '{"Team":"ml"}' },
  { start: '2026-11-04T00:00:00Z', publisher: 'Acme Data Corp', cost: '30' },
  { start: '2026-11-04T00:00:00Z', publisher: 'AWS', cost: '3' },
  { start: '2026-11-04T00:00:00Z', category: 'Purchase', cost: '100' },
  { start: '2026-11-04T00:00:00Z', category: 'Tax', cost: '8.25' },
  { start: '2026-11-04T00:00:00Z', category: 'Credit', cost: '-12' },
  { start: '2026-11-04T00:00:00Z', category: 'Adjustment', cost: '0.30' },
  { start: '2026-11-04T00:00:00Z', chargeClass: 'Correction', cost: '-1.5' },
  { start: '2026-11-04T00:00:00Z', status: 'Unused', cost: '4.75' },
  { start: '2026-11-05T23:59:59.999Z', service: 'Amazon S3', region: '', cost: '0.000001', tags: '{}' },
];

describe('the rollup refresh after FOCUS loads', () => {
  it("adds the loads' own sums, equal to a recompute, across currencies, charge kinds, duplicates and the rows already rolled up", async () => {
    // An earlier account on the same days and keys: its rollup rows and the new sums add up. Some
    // of its charges are billed in other periods than their month's: rows of their own, kept apart
    // from the same day's and keys' rows of November's period, in its sums and in the merge.
    const first = await loadLines([
      { acct: 'acct-0', start: '2026-11-03T08:00:00Z', cost: '5.005', list: '6', tags: '{"team":"search","env":"prod"}' },
      { acct: 'acct-0', period: '2026-12-01', start: '2026-11-03T09:00:00Z', cost: '0.4', list: '6', tags: '{"team":"search","env":"prod"}' },
      { acct: 'acct-0', start: '2026-11-04T00:00:00Z', category: 'Tax', cost: '1' },
      { acct: 'acct-0', period: '2026-10-01', start: '2026-11-04T00:00:00Z', category: 'Tax', cost: '0.01' },
      { acct: 'acct-0', start: '2026-11-06T00:00:00Z', cost: '2' },
    ]);
    // The first load into a new database: nothing was rolled up, nothing needs reading back.
    const initial = await refreshAfterLoads(f.t.pool, [first]);
    expect(initial).toMatchObject({ mode: 'range', range: { from: '2026-11-03', to: '2026-11-07' } });
    expect(initial.recomputed).toBeUndefined();
    const periods = (await expectEqualToRecompute()).filter((r) => r[0] === '2026-11-03' || r[0] === '2026-11-04').map((r) => `${r[0]} ${r[22]}`);
    expect(periods.sort()).toEqual(['2026-11-03 2026-11-01', '2026-11-03 2026-12-01', '2026-11-04 2026-10-01', '2026-11-04 2026-11-01']);
    const load = await loadLines(EVERY_KIND);
    expect([first.status, load.status]).toEqual(['loaded', 'loaded']);
    const done = await refreshAfterLoads(f.t.pool, [load]);
    expect(done).toMatchObject({ mode: 'range', range: { from: '2026-11-03', to: '2026-11-06' } });
    // Nothing was replaced: no day was read back from the tables.
    expect(done.recomputed).toBeUndefined();
    const rows = await expectEqualToRecompute();
    const kinds = new Set(rows.map((r) => r[12]));
    expect([...kinds].sort()).toEqual(['adjustment', 'correction', 'credit', 'marketplace', 'purchase', 'tax', 'unused_commitment', 'usage']);
    expect(rows.some((r) => r[13] === 'EUR')).toBe(true);
  });

  it('recomputes the days of the rows a replacing delivery took out, and adds its sums on the others', async () => {
    await refreshRollups(f.t.pool);
    // acct-1's November again, now on the 3rd and the 10th only, with a December row beside it.
    const restated = await loadLines([
      { start: '2026-11-03T10:00:00Z', cost: '0.7', tags: '{"team":"search","env":"prod"}' },
      { start: '2026-11-10T10:00:00Z', cost: '1.25', currency: 'EUR' },
      { period: '2026-12-01', start: '2026-12-01T05:00:00Z', cost: '9.99' },
    ]);
    expect(restated.replaced).toBe(EVERY_KIND.length);
    const done = await refreshAfterLoads(f.t.pool, [restated]);
    expect(done.range).toEqual({ from: '2026-11-03', to: '2026-12-02' });
    expect(done.recomputed).toEqual({ from: '2026-11-03', to: '2026-11-06' });
    const rows = await expectEqualToRecompute();
    expect(rows.filter((r) => r[0] === '2026-11-05')).toEqual([]);
    expect(rows.filter((r) => r[0] === '2026-12-01').map((r) => r[14])).toEqual(['9.99']);
  });

  it('stays exact when one refresh covers a load and the later one in it that replaces it', async () => {
    await refreshRollups(f.t.pool);
    const a = await loadLines([
      { acct: 'acct-2', start: '2026-11-20T00:00:00Z', cost: '3' },
      { acct: 'acct-2', start: '2026-11-21T00:00:00Z', cost: '4', tags: '{"team":"data"}' },
    ]);
    const b = await loadLines([
      { acct: 'acct-2', start: '2026-11-21T00:00:00Z', cost: '4.5', tags: '{"team":"data"}' },
      { acct: 'acct-2', start: '2026-11-25T00:00:00Z', cost: '1' },
    ]);
    expect(b.replaced).toBe(2);
    const done = await refreshAfterLoads(f.t.pool, [a, b]);
    expect(done.recomputed).toEqual({ from: '2026-11-20', to: '2026-11-22' });
    const rows = await expectEqualToRecompute();
    expect(rows.filter((r) => r[0] === '2026-11-21').map((r) => r[15])).toEqual(['4.5']);
  });

  it('puts charges PostgreSQL rounds across midnight (7 or more fractional digits) on the day it stores, in the sums as in a recompute', async () => {
    await refreshRollups(f.t.pool);
    const load = await loadLines([
      { acct: 'acct-9', period: '2027-01-01', start: '2027-01-14T23:59:59.9999999Z', cost: '1' },
      { acct: 'acct-9', period: '2027-01-01', start: '2027-01-14T23:59:59.99999949Z', cost: '2' },
      // Into February, a month of its own.
      { acct: 'acct-9', period: '2027-01-01', start: '2027-01-31T23:59:59.999999500Z', cost: '4' },
      { acct: 'acct-9', period: '2026-12-31T23:59:59.9999996Z', periodEnd: '2027-02-01', start: '2027-01-20T00:00:00Z', cost: '8' },
    ]);
    expect(load).toMatchObject({ status: 'loaded', rows: 4 });
    const done = await refreshAfterLoads(f.t.pool, [load]);
    expect(done.recomputed).toBeUndefined();
    const rows = (await expectEqualToRecompute()).filter((r) => r[0]! >= '2027-01-01');
    expect(rows.map((r) => [r[0], r[14], r[22]])).toEqual([
      ['2027-01-14', '2', '2027-01-01'],
      ['2027-01-15', '1', '2027-01-01'],
      ['2027-01-20', '8', '2027-01-01'],
      ['2027-02-01', '4', '2027-01-01'],
    ]);
  });

  it("adds real FOCUS 1.2 and 1.3 exports' sums (AWS, Azure, Google, a consolidated file) equal to a recompute", async () => {
    const real = path.resolve(import.meta.dirname, '../fixtures/real-world/focus');
    const files = fs.readdirSync(real).filter((x) => x.startsWith('tk_') && x.endsWith('.csv'));
    expect(files.length).toBeGreaterThanOrEqual(8);
    for (const file of files) {
      const load = await loadFocusFile(f.t.pool, path.join(real, file));
      expect(load.rejected, file).toBe(0);
      await refreshAfterLoads(f.t.pool, [load]);
      expect((await expectEqualToRecompute()).length, file).toBeGreaterThan(0);
    }
  });
});
