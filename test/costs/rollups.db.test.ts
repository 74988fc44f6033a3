/**
 * The daily rollup gives the same answers as the raw tables, is used only while fresh, and a
 * load after a refresh sends queries back to the raw tables until the next refresh.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshRollups } from '../../src/costs/rollups.ts';
import { runCostQuery, type Viewer } from '../../src/costs/run.ts';
import { seedDemo } from '../../src/demo/seed.ts';
import { createTestDb, type TestDb } from '../support/db.ts';

const ASOF = '2026-11-23';
const ADMIN: Viewer = { admin: true, teams: [] };
let t: TestDb;

beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.pool, { endDate: '2026-11-22' });
}, 180_000);
afterAll(() => t?.drop());

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
  { dataset: 'all', filters: [{ dimension: 'ProviderName', op: 'in', values: ['AWS', 'openai'] }, { dimension: 'environment', op: 'not', value: 'staging' }], granularity: 'month', time: { period: 'year_to_date' } },
];

describe('daily rollups', () => {
  it('are not used before the first refresh', async () => {
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
    expect(perTask.sql.text).toContain('from cost_rollup_daily');
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
