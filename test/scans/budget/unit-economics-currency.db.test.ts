/**
 * Unit economics per currency: a feature whose calls go through a gateway billing in EUR and a
 * provider billing in USD gets figures in each, never one sum of the two. Its EUR tasks cost €1
 * each for four weeks and €3 in the last week; its USD tasks cost $2 throughout.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { rebuildTaskDays } from '../../../src/ingest/usage/task-days.ts';
import { unitEconomics } from '../../../src/scans/budget/unit-economics.ts';
import { createTestDb, type TestDb } from '../../support/db.ts';

const AS_OF = '2026-10-29';
const RECENT_FROM = '2026-10-22';
let t: TestDb;

beforeAll(async () => {
  t = await createTestDb();
  // Five tasks a day in each currency from 24 September, each of one successful call.
  await t.pool.query(
    `insert into llm_usage (load_id, event_id, ts, source_format, cost_source, team, feature, task_id, currency, cost)
     select 1, ccy || '-' || n, '2026-09-24'::timestamptz + n * interval '4.8 hours', 'litellm', 'reported', 'support', 'support-agent',
            ccy || '-task-' || n, ccy,
            case when ccy = 'USD' then 2 when '2026-09-24'::timestamptz + n * interval '4.8 hours' >= $1::timestamptz then 3 else 1 end
       from generate_series(0, 174) n, unnest(array['EUR', 'USD']) ccy`,
    [RECENT_FROM],
  );
  await t.pool.query(`insert into task_outcomes (load_id, task_id, status, ts, feature) select 1, task_id, 'success', ts, feature from llm_usage`);
  // The calls were written here, not by an ingest path: sum their tasks as ingest would.
  await rebuildTaskDays(t.pool);
});
afterAll(() => t.drop());

it('judges each currency on its own: the EUR rise is found in EUR, the flat USD cost gives nothing', async () => {
  const findings = await unitEconomics(t.pool, AS_OF, { riseFactor: 1.5, recentDays: 7, baselineDays: 28, minTasks: 20, maxCostPerTask: { 'support-agent': 2.5 } });
  expect(findings.map((f) => [f.type, f.currency, f.key ?? null, f.unit, f.expected, f.actual])).toEqual([['unit_cost_rise', 'EUR', 'EUR', 'EUR/successful task', 1, 3]]);
  expect(findings[0]!.title).toBe('support-agent: cost per successful task €3.00 over the last 7 days vs €1.00 before (+200 %)');
});

it('compares a price per task, set in USD, only with USD calls', async () => {
  const findings = await unitEconomics(t.pool, AS_OF, { riseFactor: 1.5, recentDays: 7, baselineDays: 28, minTasks: 20, maxCostPerTask: { 'support-agent': 1.5 } });
  expect(findings.map((f) => [f.type, f.currency, f.actual])).toEqual([
    ['unit_cost_rise', 'EUR', 3],
    ['unit_cost_over_price', 'USD', 2],
  ]);
});
