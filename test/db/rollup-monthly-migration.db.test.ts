/**
 * Migration 039 on a store whose daily rollup is filled and fresh: the monthly rollup is created
 * and filled from it, so the store keeps answering from the rollups, whole months from the new
 * one, with no reingest and no refresh. The store before 039 is this one without the table (039
 * only adds it), written by a seed and a refresh as they run now.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCostQuery } from '../../src/costs/run.ts';
import { migrate } from '../../src/db/migrate.ts';
import { seedDemo } from '../../src/demo/seed.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { monthlyDrift } from '../support/monthly-rollup.ts';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.pool, { endDate: '2026-11-22', days: 75 });
}, 240_000);
afterAll(() => t?.drop());

const MONTHLY = { text: 'select r::text from cost_rollup_monthly r order by 1', rowMode: 'array' as const };
const Q = { dataset: 'all', groupBy: ['provider', 'team'], granularity: 'month', time: { from: '2026-09-01', to: '2026-11-01' } };
const ask = (rollups: boolean) => runCostQuery(t.pool, Q, { viewer: { admin: true, teams: [] }, asOf: '2026-11-23', rollups });

it('fills the monthly rollup from the daily one, and the rollups stay fresh', async () => {
  const written = (await t.pool.query(MONTHLY)).rows;
  expect(written.length).toBeGreaterThan(0);
  const signature = (await t.pool.query('select loads_signature from cost_rollup_state')).rows;
  await t.pool.query('drop table cost_rollup_monthly');
  await t.pool.query('delete from schema_migrations where version = 39');

  expect(await migrate(t.pool)).toContain('039_cost_rollup_monthly');

  expect((await t.pool.query(MONTHLY)).rows).toEqual(written);
  expect(await monthlyDrift(t.pool)).toMatchObject({ drift: 0 });
  expect((await t.pool.query('select loads_signature from cost_rollup_state')).rows).toEqual(signature);
  const rolled = await ask(true);
  expect(rolled.rollup).toBe(true);
  expect(rolled.sql.text).toContain('from cost_rollup_monthly');
  expect(rolled.sql.text).not.toContain('cost_rollup_daily');
  expect(rolled.rows.length).toBeGreaterThan(0);
  expect(rolled.rows).toEqual((await ask(false)).rows);
});
