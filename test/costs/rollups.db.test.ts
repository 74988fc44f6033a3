/**
 * The daily rollup gives the same answers as the raw tables, is used only while fresh, and a
 * load after a refresh sends queries back to the raw tables until the next refresh. After loads,
 * refreshAfterLoads recomputes only their days (restated ones included) when it safely can.
 */
import fs from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshAfterLoads, refreshRollups } from '../../src/costs/rollups.ts';
import { runCostQuery, type Viewer } from '../../src/costs/run.ts';
import { seedDemo } from '../../src/demo/seed.ts';
import { loadFocusFile } from '../../src/ingest/focus/load.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { CORE_FOCUS_HEADER, tempDir, writeCsv } from '../support/focus-sample.ts';

const ASOF = '2026-11-23';
const ADMIN: Viewer = { admin: true, teams: [] };
let t: TestDb;
let dir: string;

beforeAll(async () => {
  t = await createTestDb();
  dir = await tempDir();
  await seedDemo(t.pool, { endDate: '2026-11-22' });
}, 180_000);
afterAll(async () => {
  await t?.drop();
  await fs.rm(dir, { recursive: true, force: true });
});

const ask = (query: unknown, viewer: Viewer = ADMIN, rollups = true) => runCostQuery(t.pool, query, { viewer, asOf: ASOF, rollups });

const QUESTIONS: unknown[] = [
  { dataset: 'cloud', time: { period: 'last_month' } },
  { dataset: 'cloud', groupBy: ['ServiceName'], limit: 5, time: { period: 'last_month' }, compare: 'previous_period' },
  { dataset: 'all', groupBy: ['team', 'cost_center'], time: { period: 'this_month' } },
  { dataset: 'ai', groupBy: ['model'], metric: 'cost_per_1k_tokens', time: { last_n_days: 7 } },
  { dataset: 'ai', metric: 'total_tokens', groupBy: ['feature'], granularity: 'week', limit: 2, time: { last_n_days: 28 } },
  { dataset: 'all', metric: 'cost_per_customer', groupBy: ['provider'], time: { last_n_days: 30 } },
  { dataset: 'ai', metric: 'requests', granularity: 'day', time: { period: 'last_week' } },
  { dataset: 'cloud', groupBy: ['RegionId', 'SubAccountId'], filters: [{ dimension: 'team', op: 'eq', value: null }], time: { last_n_days: 30 } },
  {
    dataset: 'all',
    filters: [
      { dimension: 'ProviderName', op: 'in', values: ['AWS', 'openai'] },
      { dimension: 'environment', op: 'not', value: 'staging' },
    ],
    granularity: 'month',
    time: { period: 'year_to_date' },
  },
  // Invoice questions: the rollup keeps each row's billing period beside its charge day.
  { dataset: 'cloud', periodBasis: 'billing', groupBy: ['ServiceName'], limit: 5, time: { period: 'last_month' }, compare: 'previous_period' },
  { dataset: 'cloud', periodBasis: 'billing', groupBy: ['team'], granularity: 'month', limit: 3, time: { period: 'year_to_date' } },
];

describe('daily rollups', () => {
  it('are fresh after the demo seed, and unused without a recorded refresh', async () => {
    expect((await ask(QUESTIONS[0])).rollup).toBe(true);
    await t.pool.query('delete from cost_rollup_state');
    expect((await ask(QUESTIONS[0])).rollup).toBe(false);
  });

  it('answer exactly as the raw tables do, for admins and scoped viewers', async () => {
    const raw = await Promise.all(QUESTIONS.map((q) => ask(q, ADMIN, false)));
    const scopedRaw = await Promise.all(QUESTIONS.map((q) => ask(q, { admin: false, teams: ['search', 'ml'] }, false)));
    const { rows } = await refreshRollups(t.pool);
    expect(rows).toBeGreaterThan(1000);
    for (const [i, q] of QUESTIONS.entries()) {
      const viaRollup = await ask(q);
      expect(viaRollup.rollup).toBe(true);
      expect(viaRollup.rows.length).toBeGreaterThan(0);
      expect(viaRollup.rows).toEqual(raw[i]!.rows);
      const scoped = await ask(q, { admin: false, teams: ['search', 'ml'] });
      expect(scoped.rollup).toBe(true);
      expect(scoped.rows).toEqual(scopedRaw[i]!.rows);
    }
  });

  it('leave questions on other dimensions, and task outcomes, to the raw tables', async () => {
    expect((await ask({ dataset: 'cloud', groupBy: ['tag:environment'], time: { last_n_days: 7 } })).rollup).toBe(false);
    expect((await ask({ dataset: 'cloud', groupBy: ['ResourceId'], time: { last_n_days: 7 } })).rollup).toBe(false);
    const perTask = await ask({ dataset: 'ai', metric: 'cost_per_successful_task', time: { last_n_days: 7 } });
    expect(perTask.sql.text).toContain('from task_outcomes');
    // Only calls with a task count: the rollup does not tell them apart.
    expect(perTask.rollup).toBe(false);
  });

  it('go stale at the next load and are fresh again after refreshing its days', async () => {
    const q = { dataset: 'cloud', groupBy: ['ServiceName'], filters: [{ dimension: 'ServiceName', op: 'eq', value: 'Late Service' }], time: { last_n_days: 7 } };
    expect((await ask(q)).rows).toEqual([]);
    const client = await t.pool.connect();
    try {
      await client.query('begin');
      const { rows } = await client.query("insert into ingest_loads (kind, file_path, status) values ('focus', 'late.csv', 'loaded') returning id");
      await client.query(
        `insert into cost_lines (load_id, billed_cost, effective_cost, billing_account_id, billing_currency, billing_period_start, billing_period_end, charge_category, charge_period_start, charge_period_end, provider_name, service_name)
         values ($1, 12.5, 12.5, 'acct', 'USD', '2026-11-01', '2026-12-01', 'Usage', '2026-11-20', '2026-11-21', 'AWS', 'Late Service')`,
        [rows[0].id],
      );
      await client.query('commit');
    } finally {
      client.release();
    }
    const stale = await ask(q);
    expect(stale.rollup).toBe(false);
    expect(stale.rows).toMatchObject([{ ServiceName: 'Late Service', effective_cost: 12.5 }]);
    await refreshRollups(t.pool, { from: '2026-11-20', to: '2026-11-21' });
    const fresh = await ask(q);
    expect(fresh.rollup).toBe(true);
    expect(fresh.rows).toEqual(stale.rows);
  });
});

describe('refreshing after loads', () => {
  const HEADER = [...CORE_FOCUS_HEADER, 'Tags'];
  const byDay = { dataset: 'cloud', groupBy: ['ServiceName', 'team'], filters: [{ dimension: 'ServiceName', op: 'eq', value: 'Restated Service' }], granularity: 'day', time: { last_n_days: 30 } };
  let n = 0;
  /** A November export of account `acct` with one row per [day, cost, team]. */
  const exportOf = (acct: string, rows: [string, string, string][]) =>
    writeCsv(
      dir,
      `export-${++n}.csv`,
      HEADER,
      rows.map(([day, cost, team]) => [
        acct,
        'USD',
        '2026-11-01',
        '2026-12-01',
        `2026-11-${day}T00:00:00Z`,
        `2026-11-${day}T01:00:00Z`,
        'Usage',
        'AWS',
        'Restated Service',
        cost,
        cost,
        JSON.stringify({ Team: team }),
      ]),
    );

  /** The rollup is used and answers as the raw tables do. */
  async function expectFreshAndExact(q: unknown) {
    const viaRollup = await ask(q);
    expect(viaRollup.rollup).toBe(true);
    expect(viaRollup.rows).toEqual((await ask(q, ADMIN, false)).rows);
    return viaRollup.rows;
  }

  it('do nothing when the rollup is already fresh', async () => {
    await refreshRollups(t.pool);
    expect(await refreshAfterLoads(t.pool, [])).toEqual({ mode: 'none', rows: 0 });
  });

  it('recompute only the days a load touched when the rollup was fresh before it', async () => {
    const load = await loadFocusFile(
      t.pool,
      await exportOf('restate-acct', [
        ['18', '10.25', 'search'],
        ['19', '4.75', 'ml'],
      ]),
    );
    expect(load.touched).toEqual({ first: '2026-11-18T00:00:00.000Z', last: '2026-11-19T00:00:00.000Z' });
    const done = await refreshAfterLoads(t.pool, [load]);
    expect(done.mode).toBe('range');
    expect(done.range).toEqual({ from: '2026-11-18', to: '2026-11-20' });
    expect(await expectFreshAndExact(byDay)).toMatchObject([
      { period: '2026-11-18', team: 'search', effective_cost: 10.25 },
      { period: '2026-11-19', team: 'ml', effective_cost: 4.75 },
    ]);
  });

  it('cover the days of the rows a restated export replaced', async () => {
    const restated = await loadFocusFile(t.pool, await exportOf('restate-acct', [['05', '3.5', 'search']]));
    expect(restated.replaced).toBe(2);
    const done = await refreshAfterLoads(t.pool, [restated]);
    expect(done.range).toEqual({ from: '2026-11-05', to: '2026-11-20' });
    expect(await expectFreshAndExact(byDay)).toMatchObject([{ period: '2026-11-05', team: 'search', effective_cost: 3.5 }]);
  });

  it('recompute everything when another load came in since the last refresh', async () => {
    const other = await loadFocusFile(t.pool, await exportOf('other-acct', [['02', '7', 'data']]));
    const mine = await loadFocusFile(t.pool, await exportOf('mine-acct', [['21', '1', 'data']]));
    expect((await ask(byDay)).rollup).toBe(false);
    const done = await refreshAfterLoads(t.pool, [mine]);
    expect(done.mode).toBe('full');
    expect(other.status).toBe('loaded');
    expect(await expectFreshAndExact(byDay)).toMatchObject([
      { period: '2026-11-02', team: 'data', effective_cost: 7 },
      { period: '2026-11-05', team: 'search', effective_cost: 3.5 },
      { period: '2026-11-21', team: 'data', effective_cost: 1 },
    ]);
  });

  it('queue concurrent refreshes, each seeing the one before it', async () => {
    const a = await loadFocusFile(t.pool, await exportOf('a-acct', [['10', '2', 'ml']]));
    const b = await loadFocusFile(t.pool, await exportOf('b-acct', [['11', '3', 'ml']]));
    // Whichever runs first finds the other's load unrecorded and recomputes everything; the
    // second then finds the rollup fresh.
    const done = await Promise.all([refreshAfterLoads(t.pool, [a]), refreshAfterLoads(t.pool, [b])]);
    expect(done.map((d) => d.mode).sort()).toEqual(['full', 'none']);
    await expectFreshAndExact(byDay);
    await expectFreshAndExact(QUESTIONS[2]);
  });
});
