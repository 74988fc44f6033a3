/**
 * Questions over a company billed in USD (AWS) and EUR (Azure): every answer, table and chart
 * gives each currency on its own and never one mixed sum; data in one currency reads as before.
 * Also a real third-party FOCUS 1.3 file that mixes USD and EUR rows, checked against its own sums.
 */
import path from 'node:path';
import fs from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { answerOffline, type Answer } from '../../src/ask/answer/answer.ts';
import { formatTable } from '../../src/ask/answer/table.ts';
import { chartFor } from '../../src/charts/choose.ts';
import { refreshRollups } from '../../src/costs/rollups.ts';
import { runCostQuery } from '../../src/costs/run.ts';
import { loadFocusFile } from '../../src/ingest/focus/load.ts';
import { fileDb } from '../support/file-db.ts';
import { AS_OF, LAST_DAY, loadTwoCurrencyCompany, PER_DAY } from '../support/two-currency-company.ts';

const f = fileDb();
const admin = { admin: true, teams: [] };
/** Third-party FOCUS 1.3: AWS, Azure and a marketplace row on 2026-05-10, one of them billed in EUR. */
const MIXED = path.resolve(import.meta.dirname, '../fixtures/real-world/focus/tk_consolidated_multi_provider_1_3.csv');

beforeAll(async () => {
  await loadTwoCurrencyCompany(f.t.pool, f.dir);
  expect((await loadFocusFile(f.t.pool, MIXED)).status).toBe('loaded');
}, 120_000);

const ask = (q: string): Promise<Answer> => answerOffline(f.t.pool, q, { viewer: admin, asOf: AS_OF });
/** September 2026: 30 whole days of each currency. */
const SEPTEMBER = { USD: PER_DAY.USD * 30, EUR: PER_DAY.EUR * 30 };

describe('a total over two currencies', () => {
  it('is one figure per currency, says so, and has no mixed sum', async () => {
    const a = await ask('what did we spend last month?');
    expect(a.unit).toBe('mixed');
    expect(a.value).toBeNull();
    expect(a.rows).toEqual([
      { currency: 'EUR', effective_cost: SEPTEMBER.EUR },
      { currency: 'USD', effective_cost: SEPTEMBER.USD },
    ]);
    expect(a.answer).toContain('answered per currency (amounts in different currencies are not added)');
    expect(a.answer).toContain('In EUR: Cost, last month (2026-09-01 to 2026-09-30): €5,700.00.');
    expect(a.answer).toContain('In USD: Cost, last month (2026-09-01 to 2026-09-30): $7,500.00.');
    expect(a.answer).not.toContain((SEPTEMBER.EUR + SEPTEMBER.USD).toLocaleString('en-US'));
  });

  it('in one currency reads as it always did', async () => {
    const a = await ask('aws spend last month');
    expect(a.unit).toBe('USD');
    expect(a.value).toBe(SEPTEMBER.USD);
    expect(a.answer).toBe('Cost for provider AWS, last month (2026-09-01 to 2026-09-30): $7,500.00.');
    const eu = await ask('azure spend last month');
    expect(eu.unit).toBe('EUR');
    // "azure" also names the real file's "Microsoft Azure", which has no spend in September
    expect(eu.answer).toBe('Cost for provider Microsoft or Microsoft Azure, last month (2026-09-01 to 2026-09-30): €5,700.00.');
  });
});

describe('breakdowns, rankings and trends over two currencies', () => {
  it('a breakdown by team ranks within each currency, each share of its own currency', async () => {
    const a = await ask('spend by team last month');
    expect(a.rows).toEqual([
      { team: 'search', currency: 'EUR', effective_cost: 4500 },
      { team: null, currency: 'EUR', effective_cost: 1200 },
      { team: 'search', currency: 'USD', effective_cost: 7500 },
    ]);
    expect(a.answer).toContain('In EUR: Cost by team, last month (2026-09-01 to 2026-09-30) (total €5,700.00): search €4,500.00 (79%), (no team) €1,200.00 (21%).');
    expect(a.answer).toContain('In USD: Cost by team, last month (2026-09-01 to 2026-09-30) (total $7,500.00): search $7,500.00 (100%).');
    const table = formatTable(a.result!)!;
    expect(table).toContain('€4,500.00');
    expect(table).toContain('$7,500.00');
  });

  it('a top 1 is the top of each currency', async () => {
    const a = await ask('top 1 service last month');
    expect(a.rows.map((r) => [r.ServiceName, r.currency])).toEqual([
      ['Virtual Machines', 'EUR'],
      ['Amazon Elastic Compute Cloud', 'USD'],
    ]);
  });

  it('a daily trend keeps one line per currency and charts only one currency, saying so', async () => {
    const a = await ask('daily cost for the last 7 days');
    const last = a.rows.filter((r) => r.period === '2026-10-30');
    expect(last).toEqual([
      { period: '2026-10-30', currency: 'EUR', effective_cost: LAST_DAY.EUR },
      { period: '2026-10-30', currency: 'USD', effective_cost: LAST_DAY.USD },
    ]);
    expect(a.answer).toContain(`In EUR: Daily cost, the last 7 days (2026-10-24 to 2026-10-30): €${(PER_DAY.EUR * 6 + LAST_DAY.EUR).toLocaleString('en-US')}.00 in total`);
    const chart = chartFor(a.result!);
    expect(chart?.kind).toBe('line');
    if (chart?.kind !== 'line') return;
    expect(chart.unit).toBe('EUR');
    expect(chart.subtitle).toContain('EUR only; USD not charted (currencies are not added)');
    expect(chart.points.map((p) => p.value)).toEqual([190, 190, 190, 190, 190, 190, LAST_DAY.EUR]);
  });

  it('a comparison with the month before is per currency too', async () => {
    const a = await ask('spend by provider last month vs the month before');
    for (const r of a.rows) expect(r.currency).toBe(r.provider === 'AWS' ? 'USD' : 'EUR');
    expect(a.answer).toMatch(/In EUR: .*€/);
    expect(a.answer).toMatch(/In USD: .*\$/);
  });

  it('a token count has no currency', async () => {
    const r = await runCostQuery(f.t.pool, { dataset: 'ai', metric: 'total_tokens', time: { period: 'last_month' } }, { viewer: admin, asOf: AS_OF });
    expect(r.unit).toBe('tokens');
    expect(r.currencies).toEqual([]);
    expect(r.rows).toEqual([{ total_tokens: 0, exact: '0' }]);
  });
});

describe('the daily rollup keeps currencies apart', () => {
  it('answers what the raw tables answer, currency by currency', async () => {
    const queries = [
      { time: { period: 'last_month' } },
      { groupBy: ['team'], time: { period: 'last_month' }, compare: 'previous_period' },
      { groupBy: ['provider'], granularity: 'week', limit: 1, time: { last_n_days: 28 } },
    ];
    await refreshRollups(f.t.pool);
    for (const q of queries) {
      const raw = await runCostQuery(f.t.pool, q, { viewer: admin, asOf: AS_OF, rollups: false });
      const rolled = await runCostQuery(f.t.pool, q, { viewer: admin, asOf: AS_OF });
      expect(rolled.rollup).toBe(true);
      expect(rolled.currencies).toEqual(['EUR', 'USD']);
      expect(rolled.rows).toEqual(raw.rows);
    }
  });
});

describe('a real FOCUS 1.3 file with rows in USD and EUR', () => {
  it("sums each currency to the file's own sums", async () => {
    const records: Record<string, string>[] = parse(await fs.readFile(MIXED, 'utf8'), { columns: true, bom: true });
    const expected = new Map<string, number>();
    for (const r of records) expected.set(r.BillingCurrency!, (expected.get(r.BillingCurrency!) ?? 0) + Number(r.BilledCost));
    expect([...expected.keys()].sort()).toEqual(['EUR', 'USD']);
    const r = await runCostQuery(f.t.pool, { dataset: 'cloud', metric: 'billed_cost', time: { from: '2026-05-01', to: '2026-06-01' } }, { viewer: admin, asOf: AS_OF });
    expect(r.unit).toBe('mixed');
    // The data's main currency first: three of the file's rows are in USD, one in EUR.
    expect(r.rows.map((x) => x.currency)).toEqual(['USD', 'EUR']);
    for (const row of r.rows) expect(row.billed_cost).toBeCloseTo(expected.get(String(row.currency))!, 6);
  });
});
