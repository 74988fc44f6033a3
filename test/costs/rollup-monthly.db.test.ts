/**
 * The monthly rollup: questions over whole months read it, and the days around them the daily
 * rollup, and answer exactly as the raw tables do over every kind of range (whole months, part
 * months at one or both ends, one day, days within a month, across a year end), for cloud and AI,
 * with filters, groups, timelines, comparisons, billing periods and scoped viewers. Every write of
 * the daily rollup (the first refresh, a load's sums merged after it or beside it, a restated
 * delivery's days recomputed, a range refresh) leaves the monthly rollup in step with it.
 */
import fs from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRollupBesideLoad } from '../../src/costs/rollup-beside-load.ts';
import { refreshAfterLoads, refreshRollups } from '../../src/costs/rollups.ts';
import { runCostQuery, type Viewer } from '../../src/costs/run.ts';
import { seedDemo } from '../../src/demo/seed.ts';
import { loadFocusFile } from '../../src/ingest/focus/load.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { CORE_FOCUS_HEADER, tempDir, writeCsv } from '../support/focus-sample.ts';
import { monthlyDrift } from '../support/monthly-rollup.ts';

const AS_OF = '2027-02-18';
const ADMIN: Viewer = { admin: true, teams: [] };
const SCOPED: Viewer = { admin: false, teams: ['search', 'ml'] };
let t: TestDb;
let dir: string;

beforeAll(async () => {
  t = await createTestDb();
  dir = await tempDir();
  // 2026-09-21 to 2027-02-17: five whole months, part months at both ends, a year end.
  await seedDemo(t.pool, { endDate: '2027-02-17', days: 150 });
}, 240_000);
afterAll(async () => {
  await t?.drop();
  await fs.rm(dir, { recursive: true, force: true });
});

const ask = (query: unknown, rollups: boolean, viewer = ADMIN) => runCostQuery(t.pool, query, { viewer, asOf: AS_OF, rollups });

/** Ranges [from, to) and whether they hold a whole month. */
const RANGES: Array<[from: string, to: string, whole: boolean]> = [
  ['2026-10-01', '2027-01-01', true],
  ['2026-09-25', '2027-02-10', true],
  ['2026-10-15', '2026-12-01', true],
  ['2026-11-01', '2026-12-09', true],
  ['2026-12-01', '2027-02-01', true],
  ['2027-01-01', '2027-02-01', true],
  ['2026-12-31', '2027-01-01', false],
  ['2026-11-03', '2026-11-27', false],
  ['2026-12-20', '2027-01-12', false],
];

const NOT_STAGING = { dimension: 'environment', op: 'not', value: 'staging' };
const TEMPLATES: Array<{ query: Record<string, unknown>; months: boolean; viewer?: Viewer }> = [
  { query: { dataset: 'all', groupBy: ['provider'] }, months: true },
  { query: { dataset: 'cloud', groupBy: ['ServiceName', 'team'], filters: [NOT_STAGING] }, months: true },
  { query: { dataset: 'all', filters: [{ dimension: 'ProviderName', op: 'in', values: ['AWS', 'openai'] }], granularity: 'month' }, months: true },
  { query: { dataset: 'cloud', groupBy: ['RegionId'], filters: [{ dimension: 'team', op: 'eq', value: null }] }, months: true },
  { query: { dataset: 'ai', groupBy: ['model'], metric: 'cost_per_1k_tokens' }, months: true },
  { query: { dataset: 'ai', metric: 'requests', groupBy: ['feature'], granularity: 'month', limit: 2 }, months: true },
  { query: { dataset: 'all', metric: 'cost_per_customer', groupBy: ['provider'] }, months: true },
  { query: { dataset: 'cloud', metric: 'billed_cost', groupBy: ['SubAccountId'], compare: 'previous_period', limit: 5 }, months: true },
  { query: { dataset: 'all', groupBy: ['team', 'cost_center'] }, months: true, viewer: SCOPED },
  { query: { dataset: 'cloud', periodBasis: 'billing', groupBy: ['team'], granularity: 'week' }, months: true },
  // Near misses: the daily rollup alone (a day's timeline; a conversion takes each day's rate).
  { query: { dataset: 'all', groupBy: ['provider'], granularity: 'day' }, months: false },
  { query: { dataset: 'cloud', groupBy: ['provider'], currency: 'EUR' }, months: false },
];

describe('questions over the monthly rollup', () => {
  it('is in step with the daily rollup after the first loads', async () => {
    const { drift, months } = await monthlyDrift(t.pool);
    expect(months).toBeGreaterThan(0);
    expect(drift).toBe(0);
  });

  it('answer exactly as the raw tables do over every kind of range', async () => {
    let monthly = 0;
    for (const [from, to, whole] of RANGES) {
      for (const { query, months, viewer } of TEMPLATES) {
        const q = { ...query, time: { from, to } };
        const raw = await ask(q, false, viewer);
        const rolled = await ask(q, true, viewer);
        const label = `${JSON.stringify(q)}`;
        expect(rolled.rollup, label).toBe(true);
        expect(rolled.rows, label).toEqual(raw.rows);
        // By billing period every range reads months; by charge day only whole months do.
        const readsMonths = months && (whole || query.periodBasis === 'billing');
        expect(rolled.sql.text.includes('cost_rollup_monthly'), label).toBe(readsMonths);
        if (readsMonths) monthly++;
      }
    }
    expect(monthly).toBeGreaterThan(50);
    // Over two hundred questions, each twice; on a loaded Citus cluster they take minutes.
  }, 300_000);

  it('answer named periods the same way: year to date, last quarter, last month', async () => {
    for (const time of [{ period: 'year_to_date' }, { period: 'last_quarter' }, { period: 'last_month' }, { last_n_days: 90 }]) {
      const q = { dataset: 'all', groupBy: ['provider'], time };
      const rolled = await ask(q, true);
      expect(rolled.rows).toEqual((await ask(q, false)).rows);
    }
    // Year to date as of 18 February: January whole, February's days from the daily rollup.
    expect((await ask({ dataset: 'all', groupBy: ['provider'], time: { period: 'year_to_date' } }, true)).sql.text).toMatch(/cost_rollup_daily.*cost_rollup_monthly/);
  });
});

describe('the monthly rollup after later writes', () => {
  const HEADER = [...CORE_FOCUS_HEADER, 'Tags'];
  let n = 0;
  /** An export of `acct` with one row per [ISO charge day, cost, team], each in its month's billing period. */
  const exportOf = (acct: string, rows: Array<[string, string, string]>) =>
    writeCsv(
      dir,
      `late-${++n}.csv`,
      HEADER,
      rows.map(([day, cost, team]) => {
        const period = `${day.slice(0, 7)}-01`;
        const next = new Date(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)), 1)).toISOString().slice(0, 10);
        return [acct, 'USD', period, next, `${day}T03:00:00Z`, `${day}T04:00:00Z`, 'Usage', 'AWS', 'Late Service', cost, cost, JSON.stringify({ team })];
      }),
    );
  const WHOLE = { dataset: 'all', groupBy: ['ServiceName', 'team'], time: { from: '2026-10-01', to: '2027-02-01' } };

  /** Both rollups are in step, read, and answer as the raw tables do. */
  async function expectInStep(): Promise<void> {
    expect((await monthlyDrift(t.pool)).drift).toBe(0);
    const q = { ...WHOLE, dataset: 'cloud' };
    const rolled = await ask(q, true);
    expect(rolled.sql.text).toContain('cost_rollup_monthly');
    expect(rolled.rows).toEqual((await ask(q, false)).rows);
  }

  it("takes a load's sums merged after the load, across a year end", async () => {
    const load = await loadFocusFile(
      t.pool,
      await exportOf('late-acct', [
        ['2026-12-30', '10.25', 'search'],
        ['2027-01-02', '4.75', 'ml'],
      ]),
    );
    const done = await refreshAfterLoads(t.pool, [load]);
    expect(done.mode).toBe('range');
    expect(done.recomputed).toBeUndefined();
    await expectInStep();
  });

  it("takes a load's sums merged beside the load", async () => {
    const load = await loadFocusFile(t.pool, await exportOf('beside-acct', [['2026-11-15', '2.5', 'data']]), { rollupBeside: startRollupBesideLoad });
    expect(load.status).toBe('loaded');
    expect(await refreshAfterLoads(t.pool, [load])).toMatchObject({ mode: 'none' });
    await expectInStep();
  });

  it('takes the days a restated delivery replaced, recomputed', async () => {
    const restated = await loadFocusFile(t.pool, await exportOf('late-acct', [['2026-12-30', '1.5', 'search']]));
    expect(restated.replaced).toBeGreaterThan(0);
    const done = await refreshAfterLoads(t.pool, [restated]);
    expect(done.recomputed).toBeDefined();
    await expectInStep();
  });

  it('takes a range refresh of a day (a metered model call) and a full refresh', async () => {
    const { rows } = await t.pool.query("insert into ingest_loads (kind, file_path, status) values ('usage', 'metered', 'loaded') returning id");
    await t.pool.query(
      `insert into llm_usage (load_id, event_id, ts, source_format, cost_source, provider, model, team, cost, input_tokens, output_tokens, requests)
       values ($1, 'metered-1', '2026-10-07T12:00:00Z', 'otel', 'priced', 'openai', 'gpt-4o', 'search', 0.125, 100, 20, 1)`,
      [rows[0].id],
    );
    await refreshRollups(t.pool, { from: '2026-10-07', to: '2026-10-08' });
    await expectInStep();
    await t.pool.query("update cost_rollup_monthly set effective_cost = effective_cost + 1 where month = '2026-10-01'");
    await refreshRollups(t.pool);
    await expectInStep();
  });
});
