/**
 * Cost questions over the seeded demo company, each checked against a number computed here by
 * independent SQL over the raw tables (never through the compiler). asOf is the day after the demo
 * ends, as `penny ask --as-of 2026-11-23` would be.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCostQuery, type CostRow, type Viewer } from '../../src/costs/run.ts';
import { listDimensionValues, matchValues } from '../../src/costs/values.ts';
import { seedDemo } from '../../src/demo/seed.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { toScaled } from '../support/decimal.ts';

const ASOF = '2026-11-23';
const ADMIN: Viewer = { admin: true, teams: [] };
const EVIL = "x'; drop table cost_lines; --";
let t: TestDb;

beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.pool, { endDate: '2026-11-22' });
}, 180_000);
afterAll(() => t?.drop());

const ask = (query: unknown, viewer: Viewer = ADMIN, asOf = ASOF, extra: { rowCap?: number; timeoutMs?: number } = {}) => runCostQuery(t.pool, query, { viewer, asOf, ...extra });
const sql = async (text: string, params: unknown[] = []) => (await t.pool.query(text, params)).rows as Record<string, string>[];
/** Exact decimal equality, whatever the scale each side printed. */
const same = (row: CostRow | undefined, expected: string | null | undefined) => expect(toScaled(String(row?.exact))).toBe(toScaled(String(expected)));
const byKey = (rows: CostRow[], key: string) => new Map(rows.map((r) => [r[key], r]));

describe('runCostQuery over the demo company', () => {
  it('total effective cloud cost last month', async () => {
    const r = await ask({ dataset: 'cloud', time: { period: 'last_month' } });
    const [e] = await sql("select sum(effective_cost) as v from cost_lines where charge_period_start >= '2026-10-01' and charge_period_start < '2026-11-01'");
    expect(r.rows).toHaveLength(1);
    same(r.rows[0], e!.v);
    expect(r.rows[0]!.effective_cost).toBeCloseTo(Number(e!.v), 6);
    expect(r).toMatchObject({ range: { from: '2026-10-01', to: '2026-11-01' }, unit: 'USD', truncated: false, dataThrough: '2026-11-22T00:00:00.000Z' });
  });

  it('top 5 services last month, in order', async () => {
    const r = await ask({ dataset: 'cloud', groupBy: ['ServiceName'], limit: 5, time: { period: 'last_month' } });
    const e = await sql(
      "select service_name, sum(effective_cost) as v from cost_lines where charge_period_start >= '2026-10-01' and charge_period_start < '2026-11-01' group by 1 order by 2 desc limit 5",
    );
    expect(r.rows.map((x) => x.ServiceName)).toEqual(e.map((x) => x.service_name));
    e.forEach((x, i) => same(r.rows[i], x.v));
  });

  it('cost by team this month, cloud tags and AI usage together', async () => {
    const r = await ask({ dataset: 'all', groupBy: ['team'], time: { period: 'this_month' } });
    const e = await sql(`select team, sum(v) as v from (
      select nullif(tags->>'team', '') as team, effective_cost as v from cost_lines where charge_period_start >= '2026-11-01' and charge_period_start < '2026-11-23'
      union all select team, cost from llm_usage where ts >= '2026-11-01' and ts < '2026-11-23') x group by 1`);
    expect(r.rows).toHaveLength(e.length);
    const got = byKey(r.rows, 'team');
    for (const x of e) same(got.get(x.team ?? null), x.v);
    expect(got.has(null)).toBe(true); // untagged cloud spend is its own group, not dropped
  });

  it('AI cost by model over the last 7 days', async () => {
    const r = await ask({ dataset: 'ai', groupBy: ['model'], time: { last_n_days: 7 } });
    const e = await sql("select model, sum(cost) as v from llm_usage where ts >= '2026-11-16' and ts < '2026-11-23' group by 1 order by 2 desc");
    expect(r.rows.map((x) => x.model)).toEqual(e.map((x) => x.model));
    e.forEach((x, i) => same(r.rows[i], x.v));
  });

  it('tokens by feature over the last 30 days', async () => {
    const r = await ask({ dataset: 'ai', metric: 'total_tokens', groupBy: ['feature'], time: { last_n_days: 30 } });
    const e = await sql("select feature, sum(input_tokens + output_tokens) as v from llm_usage where ts >= '2026-10-24' and ts < '2026-11-23' group by 1 order by 2 desc");
    expect(r.rows.map((x) => x.feature)).toEqual(e.map((x) => x.feature));
    expect(r.rows.map((x) => x.total_tokens)).toEqual(e.map((x) => Number(x.v)));
    expect(r.unit).toBe('tokens');
  });

  it('cost per successful task for the support agent, this month vs last', async () => {
    const r = await ask({
      dataset: 'ai',
      metric: 'cost_per_successful_task',
      filters: [{ dimension: 'feature', op: 'eq', value: 'support-agent' }],
      time: { period: 'this_month' },
      compare: 'previous_period',
    });
    const unit = async (from: string, to: string) => {
      const [c] = await sql("select sum(cost) as v from llm_usage where feature = 'support-agent' and ts >= $1 and ts < $2", [from, to]);
      const [n] = await sql("select count(distinct task_id) as n from task_outcomes where feature = 'support-agent' and status = 'success' and ts >= $1 and ts < $2", [from, to]);
      return Number(c!.v) / Number(n!.n);
    };
    const now = await unit('2026-11-01', '2026-11-23');
    const before = await unit('2026-10-01', '2026-10-23');
    expect(r.rows[0]!.cost_per_successful_task).toBeCloseTo(now, 10);
    expect(r.rows[0]!.previous).toBeCloseTo(before, 10);
    expect(r.rows[0]!.delta_pct).toBeCloseTo(((now - before) / before) * 100, 1);
    expect(r.previous).toEqual({ from: '2026-10-01', to: '2026-10-23' });
  });

  it('untagged cloud spend by service', async () => {
    const r = await ask({ dataset: 'cloud', groupBy: ['ServiceName'], filters: [{ dimension: 'team', op: 'eq', value: null }], time: { last_n_days: 30 } });
    const e = await sql(
      "select service_name, sum(effective_cost) as v from cost_lines where coalesce(tags->>'team', '') = '' and charge_period_start >= '2026-10-24' and charge_period_start < '2026-11-23' group by 1 order by 2 desc",
    );
    expect(e.length).toBeGreaterThan(0);
    expect(r.rows.map((x) => x.ServiceName)).toEqual(e.map((x) => x.service_name));
    e.forEach((x, i) => same(r.rows[i], x.v));
  });

  it('last month vs the month before by service, biggest movers first', async () => {
    const r = await ask({ dataset: 'cloud', groupBy: ['ServiceName'], time: { period: 'last_month' }, compare: 'previous_period', orderBy: { by: 'abs_delta' } });
    const e = await sql(`select service_name,
        coalesce(sum(effective_cost) filter (where charge_period_start >= '2026-10-01'), 0) as cur,
        coalesce(sum(effective_cost) filter (where charge_period_start < '2026-10-01'), 0) as prev
      from cost_lines where charge_period_start >= '2026-09-01' and charge_period_start < '2026-11-01' group by 1
      order by abs(coalesce(sum(effective_cost) filter (where charge_period_start >= '2026-10-01'), 0) - coalesce(sum(effective_cost) filter (where charge_period_start < '2026-10-01'), 0)) desc`);
    expect(r.rows.map((x) => x.ServiceName)).toEqual(e.map((x) => x.service_name));
    const top = r.rows[0]!;
    same(top, e[0]!.cur);
    expect(toScaled(String(top.delta))).toBe(toScaled(e[0]!.cur!) - toScaled(e[0]!.prev!));
    expect(top.previous).toBeCloseTo(Number(e[0]!.prev), 6);
  });

  it('a non-admin viewer sees only their teams, in cloud and AI alike', async () => {
    const q = { dataset: 'all', groupBy: ['team'], time: { period: 'last_month' } };
    const all = byKey((await ask(q)).rows, 'team');
    const mine = await ask(q, { admin: false, teams: ['search', 'data'] });
    expect(mine.rows.map((x) => x.team).sort()).toEqual(['data', 'search']);
    for (const row of mine.rows) expect(row.exact).toBe(all.get(row.team!)!.exact);
    // an ungrouped total is scoped too: no team means nothing, and a filter cannot widen the scope
    const none = await ask({ dataset: 'all', time: { period: 'last_month' } }, { admin: false, teams: [] });
    expect(none.rows[0]!.effective_cost).toBe(0);
    const widened = await ask(
      { dataset: 'all', groupBy: ['team'], filters: [{ dimension: 'team', op: 'in', values: ['ml', 'search'] }], time: { period: 'last_month' } },
      { admin: false, teams: ['search'] },
    );
    expect(widened.rows.map((x) => x.team)).toEqual(['search']);
    const evil = await ask({ dataset: 'all', time: { period: 'last_month' } }, { admin: false, teams: [`search' or '1'='1`] });
    expect(evil.rows[0]!.effective_cost).toBe(0);
  });

  it('filters and groups by a raw tag', async () => {
    const r = await ask({ dataset: 'cloud', groupBy: ['tag:cost-center'], filters: [{ dimension: 'tag:environment', op: 'eq', value: 'prod' }], time: { period: 'last_month' } });
    const e = await sql(
      "select tags->>'cost-center' as cc, sum(effective_cost) as v from cost_lines where tags->>'environment' = 'prod' and charge_period_start >= '2026-10-01' and charge_period_start < '2026-11-01' group by 1 order by 2 desc",
    );
    expect(r.rows.map((x) => x['tag:cost-center'])).toEqual(e.map((x) => x.cc));
    e.forEach((x, i) => same(r.rows[i], x.v));
  });

  it('a daily trend of the last 7 days', async () => {
    const r = await ask({ dataset: 'cloud', granularity: 'day', time: { last_n_days: 7 } });
    const e = await sql(
      "select to_char(charge_period_start at time zone 'UTC', 'YYYY-MM-DD') as d, sum(effective_cost) as v from cost_lines where charge_period_start >= '2026-11-16' and charge_period_start < '2026-11-23' group by 1 order by 1",
    );
    expect(r.rows.map((x) => x.period)).toEqual(e.map((x) => x.d));
    expect(r.rows).toHaveLength(7);
    e.forEach((x, i) => same(r.rows[i], x.v));
  });

  it('weekly trend of the top 3 services keeps every week of those 3', async () => {
    const r = await ask({ dataset: 'cloud', groupBy: ['ServiceName'], granularity: 'week', limit: 3, time: { from: '2026-10-05', to: '2026-11-02' } });
    const top = await sql("select service_name from cost_lines where charge_period_start >= '2026-10-05' and charge_period_start < '2026-11-02' group by 1 order by sum(effective_cost) desc limit 3");
    expect(new Set(r.rows.map((x) => x.ServiceName))).toEqual(new Set(top.map((x) => x.service_name)));
    expect(r.rows).toHaveLength(12);
    const [w] = await sql("select sum(effective_cost) as v from cost_lines where service_name = $1 and charge_period_start >= '2026-10-19' and charge_period_start < '2026-10-26'", [
      top[0]!.service_name,
    ]);
    same(
      r.rows.find((x) => x.ServiceName === top[0]!.service_name && x.period === '2026-10-19'),
      w!.v,
    );
  });

  it('requests and cost per 1k tokens by provider last week', async () => {
    const req = await ask({ dataset: 'ai', metric: 'requests', groupBy: ['provider'], time: { period: 'last_week' } });
    const per1k = await ask({ dataset: 'ai', metric: 'cost_per_1k_tokens', groupBy: ['provider'], time: { period: 'last_week' } });
    const e = await sql(
      "select provider, count(*) as n, sum(cost) * 1000 / sum(input_tokens + output_tokens) as k from llm_usage where ts >= '2026-11-16' and ts < '2026-11-23' group by 1 order by 2 desc",
    );
    expect(req.rows.map((x) => [x.provider, x.requests])).toEqual(e.map((x) => [x.provider, Number(x.n)]));
    const got = byKey(per1k.rows, 'provider');
    for (const x of e) expect(got.get(x.provider!)!.cost_per_1k_tokens).toBeCloseTo(Number(x.k), 10);
  });

  it('cached tokens and cost per customer', async () => {
    const cached = await ask({ dataset: 'ai', metric: 'cached_tokens', time: { last_n_days: 30 } });
    const perCustomer = await ask({ dataset: 'ai', metric: 'cost_per_customer', time: { last_n_days: 30 } });
    const [e] = await sql(
      "select sum(cache_read_tokens) as c, sum(cost) filter (where customer is not null) / count(distinct customer) as pc from llm_usage where ts >= '2026-10-24' and ts < '2026-11-23'",
    );
    expect(cached.rows[0]!.cached_tokens).toBe(Number(e!.c));
    expect(Number(e!.c)).toBeGreaterThan(0);
    expect(perCustomer.rows[0]!.cost_per_customer).toBeCloseTo(Number(e!.pc), 8);
  });

  it('in, not and contains filters', async () => {
    const r = await ask({
      dataset: 'cloud',
      filters: [
        { dimension: 'ProviderName', op: 'in', values: ['AWS', 'Google Cloud'] },
        { dimension: 'ServiceName', op: 'contains', value: 'amazon' },
        { dimension: 'team', op: 'not', value: 'ml' },
      ],
      time: { period: 'last_month' },
    });
    const [e] = await sql(`select sum(effective_cost) as v from cost_lines where provider_name in ('AWS', 'Google Cloud') and service_name ilike '%amazon%'
      and coalesce(tags->>'team', '') <> 'ml' and charge_period_start >= '2026-10-01' and charge_period_start < '2026-11-01'`);
    same(r.rows[0], e!.v);
  });

  it('list and billed cost, and cost center from the hyphenated tag', async () => {
    const list = await ask({ dataset: 'cloud', metric: 'list_cost', time: { period: 'last_month' } });
    const billed = await ask({
      dataset: 'cloud',
      metric: 'billed_cost',
      groupBy: ['cost_center'],
      filters: [{ dimension: 'cost_center', op: 'eq', value: 'cc-search' }],
      time: { period: 'last_month' },
    });
    const [e] = await sql(
      "select sum(list_cost) as l, sum(billed_cost) filter (where tags->>'cost-center' = 'cc-search') as b from cost_lines where charge_period_start >= '2026-10-01' and charge_period_start < '2026-11-01'",
    );
    same(list.rows[0], e!.l);
    expect(billed.rows).toHaveLength(1);
    expect(billed.rows[0]!.cost_center).toBe('cc-search');
    same(billed.rows[0], e!.b);
  });

  it('ignores data on or after asOf', async () => {
    const r = await ask({ dataset: 'all', time: { period: 'this_month' } }, ADMIN, '2026-11-10');
    const [e] = await sql(`select sum(v) as v from (select effective_cost as v from cost_lines where charge_period_start >= '2026-11-01' and charge_period_start < '2026-11-10'
      union all select cost from llm_usage where ts >= '2026-11-01' and ts < '2026-11-10') x`);
    same(r.rows[0], e!.v);
    expect(r.dataThrough! < '2026-11-10').toBe(true);
    expect(r.dataThrough! >= '2026-11-09').toBe(true);
  });

  it('an injected value is only a value: no match, and the tables are intact', async () => {
    const r = await ask({ dataset: 'all', groupBy: [`tag:${EVIL}`], filters: [{ dimension: 'team', op: 'eq', value: EVIL }], time: { last_n_days: 30 } });
    expect(r.rows).toEqual([]);
    const [n] = await sql('select count(*)::int as n from cost_lines');
    expect(Number(n!.n)).toBeGreaterThan(3000);
  });

  it('caps rows and runs under a statement timeout', async () => {
    const capped = await ask({ dataset: 'cloud', groupBy: ['ResourceId'], time: { period: 'last_month' } }, ADMIN, ASOF, { rowCap: 5 });
    expect(capped.rows).toHaveLength(5);
    expect(capped.truncated).toBe(true);
    // By day: whole months would read the monthly rollup, too few rows to outlast even 1 ms.
    await expect(ask({ dataset: 'ai', groupBy: ['customer', 'feature', 'model'], granularity: 'day', time: { last_n_days: 120 } }, ADMIN, ASOF, { timeoutMs: 1 })).rejects.toThrow(
      /took longer than 1 ms and was stopped/,
    );
    // the pool is left usable after the failed transaction
    expect((await ask({ dataset: 'ai', metric: 'requests', time: { last_n_days: 1 } })).rows[0]!.requests).toBeGreaterThan(0);
  });

  it('refuses a dimension the dataset does not carry', async () => {
    await expect(ask({ dataset: 'cloud', groupBy: ['model'], time: { last_n_days: 7 } })).rejects.toThrow(/not available on cloud costs/);
  });

  it("lists a dimension's stored values by spend, within the viewer's scope", async () => {
    const models = await listDimensionValues(t.pool, 'model', { viewer: ADMIN, asOf: ASOF });
    const e = await sql("select model, sum(cost) as v from llm_usage where ts >= '2026-08-25' and ts < '2026-11-23' and model is not null group by 1 order by 2 desc");
    expect(models.map((m) => m.value)).toEqual(e.map((x) => x.model));
    expect(
      matchValues(
        '4o',
        models.map((m) => m.value),
      )[0],
    ).toBe('gpt-4o');
    const services = await listDimensionValues(t.pool, 'ServiceName', { viewer: ADMIN, asOf: ASOF, search: 'elastic' });
    expect(
      matchValues(
        'ec2',
        services.map((x) => x.value),
      ),
    ).toEqual(['Amazon Elastic Compute Cloud']);
    const teams = await listDimensionValues(t.pool, 'team', { viewer: ADMIN, asOf: ASOF });
    expect(teams.map((x) => x.value).sort()).toEqual(['checkout', 'data', 'ml', 'platform', 'search', 'support']);
    const scoped = await listDimensionValues(t.pool, 'feature', { viewer: { admin: false, teams: ['search'] }, asOf: ASOF });
    expect(scoped.map((x) => x.value).sort()).toEqual(['answer-synthesis', 'query-rewrite']);
  });
});
