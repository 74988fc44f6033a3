import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENT_LOOP, IDLE_GPU, SPIKE } from '../../src/demo/company.ts';
import { seedDemo, type DemoResult } from '../../src/demo/seed.ts';
import { createTestDb, type TestDb } from '../support/db.ts';

let t: TestDb;
let seeded: DemoResult;
let seconds: number;
const END = '2026-11-22';
const one = async (sql: string, params: unknown[] = []) => (await t.pool.query(sql, params)).rows[0];

beforeAll(async () => {
  t = await createTestDb();
  const t0 = Date.now();
  seeded = await seedDemo(t.pool, { endDate: END });
  seconds = (Date.now() - t0) / 1000;
  console.log(`demo seeded in ${seconds.toFixed(1)} s: ${JSON.stringify({ ...seeded, planted: seeded.planted.length })}`);
}, 180_000);
afterAll(() => t.drop());

describe('penny demo', () => {
  it('loads 120 days of cloud and AI data through the ingest paths', async () => {
    expect(seeded.from).toBe('2026-07-26');
    const cloud = await one(
      'select count(distinct service_name)::int as services, count(distinct provider_name)::int as providers, min(charge_period_start) as lo, max(charge_period_start) as hi from cost_lines',
    );
    expect(cloud.services).toBeGreaterThanOrEqual(18);
    expect(cloud.providers).toBe(3);
    expect(cloud.hi.toISOString().slice(0, 10)).toBe(END);
    expect(seeded.costRows).toBe((await one('select count(*)::int as n from cost_lines')).n);
    const ai = await one(
      "select count(*)::int as n, count(distinct team)::int as teams, count(distinct feature)::int as features, count(distinct model)::int as models, count(*) filter (where cost_source = 'priced')::int as priced from llm_usage",
    );
    expect(ai.n).toBe(seeded.usageRows);
    expect(ai.teams).toBeGreaterThanOrEqual(5);
    expect(ai.features).toBeGreaterThanOrEqual(6);
    expect(ai.models).toBeGreaterThanOrEqual(4);
    expect(ai.priced).toBe(ai.n);
  });

  it('plants a spend spike on its last days', async () => {
    const r = await one(
      `select avg(effective_cost) filter (where charge_period_start >= $2::date - 1) as recent,
              percentile_cont(0.5) within group (order by effective_cost) filter (where charge_period_start < $2::date - $3::int and charge_period_start >= $2::date - 30) as usual
         from cost_lines where resource_id = $1`,
      [SPIKE.resourceId, END, SPIKE.daysBeforeEnd],
    );
    expect(Number(r.recent) / Number(r.usual)).toBeGreaterThan(4);
  });

  it('plants an idle GPU instance that still costs money', async () => {
    const use = await one("select avg(value) as gpu from resource_utilisation where resource_id = $1 and metric = 'gpu' and ts >= $2::date - 30", [IDLE_GPU, END]);
    const busy = await one("select avg(value) as gpu from resource_utilisation where resource_id <> $1 and metric = 'gpu' and ts >= $2::date - 30", [IDLE_GPU, END]);
    const cost = await one('select sum(effective_cost) / count(distinct charge_period_start) as daily from cost_lines where resource_id = $1', [IDLE_GPU]);
    expect(Number(use.gpu)).toBeLessThan(5);
    expect(Number(busy.gpu)).toBeGreaterThan(40);
    expect(Number(cost.daily)).toBeGreaterThan(100);
  });

  it('plants a premium model on short classification calls, next to its cheaper sibling', async () => {
    const r = await one("select model, avg(output_tokens) as out, count(*)::int as n from llm_usage where feature = 'fraud-triage' group by model");
    expect(r.model).toBe('gpt-4o');
    expect(Number(r.out)).toBeLessThanOrEqual(5);
    expect(r.n).toBeGreaterThan(10_000);
    expect((await one("select count(*)::int as n from llm_usage where model = 'gpt-4o-mini'")).n).toBeGreaterThan(0);
  });

  it('plants repeated identical prompt prefixes without caching', async () => {
    const r = await one(
      "select count(distinct tags->>'prompt_prefix_hash')::int as prefixes, sum(cache_read_tokens)::bigint as cached, avg(input_tokens) as input, count(*)::int as n from llm_usage where feature = 'report-builder'",
    );
    expect(r).toMatchObject({ prefixes: 1, cached: '0' });
    expect(Number(r.input)).toBeGreaterThan(8000);
    const cachedElsewhere = await one("select sum(cache_read_tokens)::bigint as cached from llm_usage where feature = 'answer-synthesis'");
    expect(Number(cachedElsewhere.cached)).toBeGreaterThan(0);
  });

  it('plants an agent loop: calls per task jump and those tasks fail', async () => {
    const rows = (
      await t.pool.query(
        // Outcomes materialised: on Citus, calls and outcomes are not distributed by task.
        `with o as materialized (select task_id, status from task_outcomes)
         select u.ts >= $2::date - $3::int + 1 as recent, count(*)::int as calls, max(o.status) as status
           from llm_usage u join o using (task_id)
          where u.feature = $1 group by task_id, recent`,
        [AGENT_LOOP.feature, END, AGENT_LOOP.daysBeforeEnd],
      )
    ).rows;
    const before = rows.filter((r) => !r.recent).map((r) => r.calls);
    const recent = rows.filter((r) => r.recent);
    expect(Math.max(...before)).toBeLessThanOrEqual(6);
    expect(recent.filter((r) => r.calls >= AGENT_LOOP.calls).every((r) => r.status === 'failure')).toBe(true);
    expect(recent.filter((r) => r.calls >= AGENT_LOOP.calls).length).toBeGreaterThan(5);
    const successRate = await one("select avg((status = 'success')::int) as rate from task_outcomes where ts < $1::date - 5", [END]);
    expect(Number(successRate.rate)).toBeGreaterThan(0.8);
  });

  it('sets budgets with one team over 75 % of its monthly budget, and owners for every team', async () => {
    const budgets = (
      await t.pool.query(
        // Sums per team first, then looked up per budget: on Citus, budgets stay on the coordinator.
        `with c as materialized (select tags->>'team' as team, sum(effective_cost) as s from cost_lines where charge_period_start >= date_trunc('month', $1::date) group by 1),
              a as materialized (select team, sum(cost) as s from llm_usage where ts >= date_trunc('month', $1::date) group by 1)
         select b.scope->>'team' as team, b.amount,
                coalesce((select c.s from c where c.team = b.scope->>'team'), 0) + coalesce((select a.s from a where a.team = b.scope->>'team'), 0) as mtd
           from budgets b`,
        [END],
      )
    ).rows.map((r) => ({ team: r.team, used: Number(r.mtd) / Number(r.amount) }));
    expect(budgets).toHaveLength(6);
    expect(budgets.filter((b) => b.used >= 0.75).map((b) => b.team)).toEqual(['support']);
    const owners = await one('select count(*)::int as n, (select default_channel from owner_map) as channel from owner_rules');
    expect(owners).toEqual({ n: 7, channel: '#finops' });
  });

  it('leaves some spend untagged', async () => {
    const r = await one("select sum(effective_cost) filter (where not tags ? 'team') / sum(effective_cost) as share from cost_lines");
    expect(Number(r.share)).toBeGreaterThan(0.005);
    expect(Number(r.share)).toBeLessThan(0.2);
  });

  it('is deterministic and idempotent: seeding again changes nothing', async () => {
    const before = await one('select (select sum(effective_cost) from cost_lines)::text as cloud, (select sum(cost) from llm_usage)::text as ai, (select count(*) from task_outcomes)::int as tasks');
    const again = await seedDemo(t.pool, { endDate: END });
    expect(again.usageRows).toBe(0);
    const after = await one('select (select sum(effective_cost) from cost_lines)::text as cloud, (select sum(cost) from llm_usage)::text as ai, (select count(*) from task_outcomes)::int as tasks');
    expect(after).toEqual(before);
  });
});
