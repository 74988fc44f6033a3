/**
 * Month partitions are created on demand by concurrent loads; racing callers must all succeed.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDb, onCitus, type TestDb } from '../support/db.ts';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.drop());

it('many sessions creating the same month partitions at once all succeed, rows moved out of default', async () => {
  await t.pool.query(`insert into llm_usage (load_id, event_id, ts, source_format, cost_source) values (1, 'e1', '2031-03-05T00:00:00Z', 'otel', 'unpriced')`);
  for (let round = 0; round < 5; round++) {
    const month = `2031-0${round + 3}-15T00:00:00Z`;
    const calls = Array.from({ length: 8 }, (_, i) =>
      i % 2 ? t.pool.query('select ensure_cost_partition($1)', [month]) : t.pool.query(`select ensure_month_partition('llm_usage', 'ts', $1)`, [month]),
    );
    await expect(Promise.all(calls)).resolves.toHaveLength(8);
  }
  const parts = await t.pool.query(`select relname from pg_class where relname ~ '^(cost_lines|llm_usage)_2031_0[3-7]$' order by 1`);
  expect(parts.rows).toHaveLength(10);
  const moved = await t.pool.query<{ part: string }>(`select tableoid::regclass::text as part from llm_usage where event_id = 'e1'`);
  // On Citus tableoid is read on a worker and names the partition's shard: its name and _<shard id>.
  expect(moved.rows.map((r) => (onCitus() ? r.part.replace(/_\d+$/, '') : r.part))).toEqual(['llm_usage_2031_03']);
});
