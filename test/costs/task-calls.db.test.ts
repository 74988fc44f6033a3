/**
 * Cost per successful task divides only the cost of calls made within a task: on the demo, where
 * some features record no tasks, the answer with no scope and per team, and for a named feature
 * in total, per team and per week (read from the per-task sums, llm_task_days), equals
 * hand-written SQL over llm_usage and task_outcomes; the answer says which calls it counted.
 */
import { beforeAll, expect, it } from 'vitest';
import { answerOffline } from '../../src/ask/answer/answer.ts';
import { runCostQuery } from '../../src/costs/run.ts';
import { seedDemo } from '../../src/demo/seed.ts';
import { fileDb } from '../support/file-db.ts';

const f = fileDb();
const AS_OF = '2026-06-11';
const FROM = '2026-05-01T00:00:00Z';
const TO = '2026-06-01T00:00:00Z';
const ADMIN = { admin: true, teams: [] };

beforeAll(async () => {
  await seedDemo(f.t.pool, { endDate: '2026-06-10', days: 60 });
}, 120_000);

/** Hand-written: task calls' cost over successes, per key (`k`), for May. */
async function truth(key: string, where = 'true') {
  const { rows } = await f.t.pool.query<{ k: string | null; v: string }>(
    // Each table summed on its own first (materialized): Citus joins two tables distributed by different columns only that way.
    `with c as materialized (select ${key} as k, sum(cost) as cost from llm_usage where task_id is not null and ts >= $1 and ts < $2 and ${where} group by 1),
          s as materialized (select ${key} as k, count(distinct task_id) as n from task_outcomes where status = 'success' and ts >= $1 and ts < $2 and ${where} group by 1)
     select c.k, c.cost / s.n as v from c join s on c.k is not distinct from s.k order by 1`,
    [FROM, TO],
  );
  return rows.map((r) => [r.k, Number(Number(r.v).toFixed(6))]);
}

const ask = (query: object) => runCostQuery(f.t.pool, { metric: 'cost_per_successful_task', dataset: 'ai', time: { period: 'last_month' }, ...query }, { viewer: ADMIN, asOf: AS_OF });
const values = (rows: Array<Record<string, unknown>>, key?: string) => rows.map((r) => [key ? r[key] : null, Number(Number(r.cost_per_successful_task).toFixed(6))]);

it('leaves out the cost of features that record no tasks', async () => {
  const { rows } = await f.t.pool.query<{ untasked: string }>(
    'select count(*) as untasked from (select feature from llm_usage group by feature having bool_and(task_id is null) and bool_or(ts >= $1 and ts < $2)) f',
    [FROM, TO],
  );
  expect(Number(rows[0]!.untasked)).toBeGreaterThan(0);
  const total = await ask({});
  expect(total.sql.text).not.toContain('llm_task_days');
  expect(values(total.rows)).toEqual(await truth('null::text'));
  // The near miss: all AI cost over the same successes is a larger number.
  const all = await f.t.pool.query<{ v: string }>(
    "with c as materialized (select sum(cost) as cost from llm_usage where ts >= $1 and ts < $2), s as materialized (select count(distinct task_id) as n from task_outcomes where status = 'success' and ts >= $1 and ts < $2) select c.cost / s.n as v from c, s",
    [FROM, TO],
  );
  expect(Number(all.rows[0]!.v)).toBeGreaterThan(total.rows[0]!.cost_per_successful_task as number);
});

it('per team from the calls; for a named feature, in total, per team and per week from the per-task sums', async () => {
  const byTeam = await ask({ groupBy: ['team'] });
  expect(values(byTeam.rows, 'team').sort()).toEqual((await truth('team')).sort());
  const { rows: features } = await f.t.pool.query<{ feature: string }>('select distinct feature from task_outcomes where feature is not null order by 1');
  expect(features.length).toBeGreaterThan(0);
  for (const { feature } of features) {
    const one = await ask({ filters: [{ dimension: 'feature', op: 'eq', value: feature }] });
    expect(one.sql.text).toContain('from llm_task_days');
    expect(values(one.rows)).toEqual(await truth('null::text', `feature = '${feature}'`));
    const perTeam = await ask({ groupBy: ['team'], filters: [{ dimension: 'feature', op: 'in', values: [feature] }] });
    expect(perTeam.sql.text).toContain('from llm_task_days');
    expect(values(perTeam.rows, 'team').sort()).toEqual((await truth('team', `feature = '${feature}'`)).sort());
    const weekly = await ask({ granularity: 'week', filters: [{ dimension: 'feature', op: 'eq', value: feature }] });
    expect(weekly.sql.text).toContain('from llm_task_days');
    const weeks = weekly.rows.filter((r) => r.cost_per_successful_task !== null).map((r) => [String(r.period), Number(Number(r.cost_per_successful_task).toFixed(6))]);
    expect(weeks).toEqual(await truth(`(date_trunc('week', ts at time zone 'UTC')::date)::text`, `feature = '${feature}'`));
  }
});

it('says in the answer which calls it divided', async () => {
  const a = await answerOffline(f.t.pool, 'cost per successful task last month', { viewer: ADMIN, asOf: AS_OF });
  expect(a.how).toMatch(/AI calls made within a task \(calls with a task id; features that record no tasks are left out\)/);
  expect(a.value).toBeCloseTo((await truth('null::text'))[0]![1] as number, 4);
});
