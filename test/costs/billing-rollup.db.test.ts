/**
 * Invoice questions (billing-period basis) answered from the daily rollup equal the same questions
 * read from cost_lines, row for row and digit for digit: on the FinOps Foundation's sample, the
 * real FOCUS 1.2 and 1.3 exports, and an export whose rows charged on 30 September are billed in
 * October's period, some with billing periods written with offsets. Checked after the rollup took
 * the loads' own daily sums (refreshAfterLoads) and after a recompute from the tables.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { refreshAfterLoads, refreshRollups } from '../../src/costs/rollups.ts';
import { runCostQuery, type Viewer } from '../../src/costs/run.ts';
import { loadFocusFile } from '../../src/ingest/focus/load.ts';
import { fileDb } from '../support/file-db.ts';
import { CORE_FOCUS_HEADER, FOCUS_SAMPLE, writeCsv } from '../support/focus-sample.ts';

const f = fileDb();
const ADMIN: Viewer = { admin: true, teams: [] };
const AS_OF = '2026-12-01';
const REAL = path.resolve(import.meta.dirname, '../fixtures/real-world/focus');

const HEADER = [...CORE_FOCUS_HEADER, 'SubAccountId', 'RegionId', 'ListCost', 'Tags'];

/**
 * Charges from 25 September to 5 October 2024: those of 30 September billed in October's period
 * (the provider closes its month late), the rest in their own month's; some periods written with an
 * offset, one of which falls on 30 September in UTC and so is a period of its own.
 */
function lateBilledRows(): string[][] {
  const periods: Record<string, string[]> = {
    '2024-09': ['2024-09-01T00:00:00Z', '2024-09-01 00:00:00'],
    '2024-10': ['2024-10-01T00:00:00Z', '2024-10-01T00:00:00-07:00', '2024-09-30T23:00:00-01:00', '2024-10-01T00:30:00+01:00'],
  };
  const services = ['Compute', 'Storage', 'Database', 'Network'];
  const teams = ['{"team":"search"}', '{"team":"ml","env":"prod"}', '{}', '{"Team":"data"}'];
  const rows: string[][] = [];
  for (let i = 0; i < 240; i++) {
    const charge = new Date(Date.parse('2024-09-25T00:00:00Z') + i * 3_600_000 + (i % 7) * 60_000);
    const month = charge.getUTCDate() === 30 && charge.getUTCMonth() === 8 ? '2024-10' : charge.toISOString().slice(0, 7);
    const choices = periods[month] ?? [`${month}-01T00:00:00Z`];
    const period = choices[i % choices.length]!;
    const cost = ((i * 37) % 1000) / 100 + 0.001 * (i % 3);
    rows.push([
      `acct-${i % 2}`,
      i % 5 === 0 ? 'EUR' : 'USD',
      period,
      month === '2024-09' ? '2024-10-01T00:00:00Z' : '2024-11-01T00:00:00Z',
      charge.toISOString(),
      new Date(charge.getTime() + 3_600_000).toISOString(),
      i % 11 === 0 ? 'Tax' : 'Usage',
      i % 3 === 0 ? 'Oracle' : 'AWS',
      services[i % services.length]!,
      cost.toFixed(3),
      (cost * 0.9).toFixed(6),
      `sub-${i % 3}`,
      i % 4 === 0 ? '' : 'us-east-1',
      (cost * 1.25).toFixed(4),
      teams[i % teams.length]!,
    ]);
  }
  return rows;
}

const SEP = { from: '2024-09-01', to: '2024-10-01' };
const OCT = { from: '2024-10-01', to: '2024-11-01' };
const MAY = { from: '2026-05-01', to: '2026-06-01' };

const QUESTIONS: [string, Record<string, unknown>][] = [
  ['the September invoice', { time: SEP }],
  ['the October invoice by provider', { groupBy: ['ProviderName'], time: OCT }],
  ['the top services of the October invoice against September', { groupBy: ['ServiceName'], limit: 3, time: OCT, compare: 'previous_period' }],
  ['billing months by team', { groupBy: ['team'], granularity: 'month', time: { from: '2024-08-01', to: '2024-12-01' } }],
  ['billing-period days', { granularity: 'day', time: { from: '2024-09-01', to: '2024-11-01' } }],
  ['billing weeks of effective cost by environment', { metric: 'effective_cost', groupBy: ['environment'], granularity: 'week', time: { from: '2024-09-01', to: '2024-11-01' } }],
  ['untagged list cost by region and account', { metric: 'list_cost', groupBy: ['RegionId', 'SubAccountId'], filters: [{ dimension: 'team', op: 'eq', value: null }], time: OCT }],
  ['teams over $20 on the October invoice', { groupBy: ['team'], threshold: { op: 'gt', value: 20 }, time: OCT }],
  ['the October invoice in USD', { groupBy: ['ProviderName'], currency: 'USD', time: OCT }],
  ['the May 2026 invoices by provider and service', { groupBy: ['ProviderName', 'ServiceName'], limit: 50, time: MAY }],
  ['the May 2026 invoices by team against April', { groupBy: ['team'], time: MAY, compare: 'previous_period' }],
  ['excluding a provider, by account', { groupBy: ['SubAccountId'], filters: [{ dimension: 'ProviderName', op: 'not', value: 'AWS' }], limit: 100, time: { from: '2024-01-01', to: '2027-01-01' } }],
];

const ask = (q: Record<string, unknown>, rollups: boolean, viewer = ADMIN) => runCostQuery(f.t.pool, { dataset: 'cloud', periodBasis: 'billing', ...q }, { viewer, asOf: AS_OF, rollups });

/** Every question read from the rollup equals it read from cost_lines, for an admin and a scoped viewer. */
async function expectRollupEqualsRaw(): Promise<void> {
  for (const [name, q] of QUESTIONS) {
    for (const viewer of [ADMIN, { admin: false, teams: ['search', 'ml'] }]) {
      const raw = await ask(q, false, viewer);
      const rolled = await ask(q, true, viewer);
      expect(rolled.rollup, name).toBe(true);
      expect(rolled.sql.text, name).toContain('billing_period >=');
      expect(rolled.rows, name).toEqual(raw.rows);
      if (viewer.admin) expect(raw.rows.length, name).toBeGreaterThan(0);
    }
  }
}

beforeAll(async () => {
  // An EUR rate from before both periods, so the USD question converts by each row's billing period.
  await f.t.pool.query("insert into exchange_rates (day, from_currency, to_currency, rate) values ('2024-08-30', 'EUR', 'USD', 1.085), ('2024-10-01', 'EUR', 'USD', 1.1)");
  const files = [
    FOCUS_SAMPLE,
    ...fs
      .readdirSync(REAL)
      .filter((x) => x.startsWith('tk_') && x.endsWith('.csv'))
      .map((x) => path.join(REAL, x)),
  ];
  files.push(await writeCsv(f.dir, 'late-billed.csv', HEADER, lateBilledRows()));
  for (const file of files) {
    const load = await loadFocusFile(f.t.pool, file);
    expect(load.status, file).toBe('loaded');
    // Each load's own sums are added to the rollup, as ingest does.
    expect((await refreshAfterLoads(f.t.pool, [load])).mode, file).toBe('range');
  }
}, 120_000);

describe('invoice questions on the daily rollup', () => {
  it('the data has charges of 30 September billed in October, and a period starting on 30 September in UTC', async () => {
    const { rows } = await f.t.pool.query(
      `select count(*) filter (where charge_period_start < '2024-10-01' and billing_period_start >= '2024-10-01' and billing_period_start < '2024-11-01')::int as late,
              count(*) filter (where billing_period_start >= '2024-09-30' and billing_period_start < '2024-10-01')::int as offset_period
         from cost_lines`,
    );
    expect(rows[0].late).toBeGreaterThan(10);
    expect(rows[0].offset_period).toBeGreaterThan(0);
  });

  it("equal cost_lines after the loads' own sums were added", async () => {
    await expectRollupEqualsRaw();
  });

  it('equal cost_lines after a recompute from the tables', async () => {
    await refreshRollups(f.t.pool);
    await expectRollupEqualsRaw();
  });

  it('tell the October invoice from October charges', async () => {
    const invoice = await ask({ metric: 'billed_cost', time: OCT }, true);
    const charged = await runCostQuery(f.t.pool, { dataset: 'cloud', metric: 'billed_cost', time: OCT }, { viewer: ADMIN, asOf: AS_OF });
    expect([invoice.rollup, charged.rollup]).toEqual([true, true]);
    const { rows } = await f.t.pool.query(
      `select billing_currency as ccy, sum(billed_cost) filter (where billing_period_start >= '2024-10-01' and billing_period_start < '2024-11-01')::text as invoice,
              sum(billed_cost) filter (where charge_period_start >= '2024-10-01' and charge_period_start < '2024-11-01')::text as charged
         from cost_lines group by 1 order by 1`,
    );
    for (const r of rows) {
      expect(invoice.rows.find((x) => x.currency === r.ccy)?.exact, r.ccy).toBe(r.invoice);
      expect(charged.rows.find((x) => x.currency === r.ccy)?.exact, r.ccy).toBe(r.charged);
      expect(r.invoice).not.toBe(r.charged);
    }
  });

  it('leave FOCUS metrics on the billing basis to cost_lines', async () => {
    const r = await ask({ metric: 'contracted_cost', time: SEP }, true);
    expect(r.rollup).toBe(false);
  });
});
