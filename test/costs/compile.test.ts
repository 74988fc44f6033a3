/**
 * The compiler's contract without a database: zod refuses what is not a CostQuery, values only
 * ever appear among the parameters, and the SQL shape does not depend on the values.
 */
import { describe, expect, it } from 'vitest';
import { compileCostQuery, type CompileOptions } from '../../src/costs/compile.ts';
import { CostQueryError, parseCostQuery } from '../../src/costs/query.ts';

const opts: CompileOptions = { asOf: '2026-11-23', viewer: { admin: true, teams: [] }, rowCap: 1000 };
const compile = (input: unknown, o = opts) => compileCostQuery(parseCostQuery(input), o);
const EVIL = "x'; drop table cost_lines; --";

describe('CostQuery schema', () => {
  it('fills defaults', () => {
    expect(parseCostQuery({ time: { period: 'last_month' } })).toMatchObject({
      dataset: 'all',
      metric: 'effective_cost',
      groupBy: [],
      filters: [],
      granularity: 'total',
      orderBy: { by: 'metric', direction: 'desc' },
    });
  });

  it('rejects unknown dimensions, metrics and keys', () => {
    expect(() => parseCostQuery({ time: { last_n_days: 7 }, groupBy: ['service_name; drop table x'] })).toThrow(/unknown dimension/);
    expect(() => parseCostQuery({ time: { last_n_days: 7 }, filters: [{ dimension: 'Servicename', op: 'eq', value: 'x' }] })).toThrow(/unknown dimension/);
    expect(() => parseCostQuery({ time: { last_n_days: 7 }, metric: 'sum(billed_cost)' })).toThrow();
    expect(() => parseCostQuery({ time: { last_n_days: 7 }, sql: 'select 1' })).toThrow();
    expect(() => parseCostQuery({ time: { last_n_days: 7 }, groupBy: ['tag:'] })).toThrow(/unknown dimension/);
  });

  it('rejects impossible combinations', () => {
    expect(() => parseCostQuery({ dataset: 'cloud', metric: 'input_tokens', time: { last_n_days: 7 } })).toThrow(/AI usage/);
    expect(() => parseCostQuery({ time: { last_n_days: 7 }, groupBy: ['team', 'team'] })).toThrow(/twice/);
    expect(() => parseCostQuery({ time: { last_n_days: 7 }, groupBy: ['team', 'feature', 'model', 'customer'] })).toThrow();
    expect(() => parseCostQuery({ time: { from: '2026-11-01', to: '2026-11-01' } })).toThrow(/before/);
    expect(() => parseCostQuery({ time: { from: '2026-02-30', to: '2026-03-02' } })).toThrow(/calendar/);
    expect(() => parseCostQuery({ time: { last_n_days: 7 }, granularity: 'day', compare: 'previous_period' })).toThrow(/granularity/);
    expect(() => parseCostQuery({ time: { last_n_days: 7 }, orderBy: { by: 'delta' } })).toThrow(/compare/);
  });

  it('refuses a dimension the dataset does not have', () => {
    expect(() => compile({ dataset: 'cloud', groupBy: ['model'], time: { last_n_days: 7 } })).toThrow(CostQueryError);
    expect(() => compile({ dataset: 'ai', groupBy: ['ServiceName'], time: { last_n_days: 7 } })).toThrow(/not available on AI usage/);
    expect(() => compile({ dataset: 'all', filters: [{ dimension: 'RegionId', op: 'eq', value: 'us-east-1' }], time: { last_n_days: 7 } })).toThrow(CostQueryError);
  });
});

describe('compileCostQuery', () => {
  it('binds every value as a parameter; an injected value never reaches the SQL text', () => {
    const c = compile({
      dataset: 'all',
      groupBy: [`tag:${EVIL}`, 'team'],
      filters: [
        { dimension: 'team', op: 'eq', value: EVIL },
        { dimension: 'feature', op: 'in', values: [EVIL, 'search'] },
        { dimension: 'customer', op: 'contains', value: EVIL },
        { dimension: 'environment', op: 'not', value: EVIL },
      ],
      time: { last_n_days: 30 },
      limit: 5,
    });
    expect(c.text).not.toContain('drop');
    expect(c.text).not.toContain("x'");
    expect(c.text).not.toContain('search');
    expect(c.text).not.toContain('2026');
    expect(c.values).toContain(EVIL);
    expect(c.values).toContainEqual([EVIL, 'search']);
    expect(c.values).toContain("%x'; drop table cost\\_lines; --%");
    expect(c.text).toMatch(/tags->>\$\d+::text/);
    expect(c.text).toMatch(/limit \$\d+::int$/);
  });

  it('emits the same SQL whatever the values', () => {
    const shape = (team: string, tagKey: string) => compile({ groupBy: [`tag:${tagKey}`], filters: [{ dimension: 'team', op: 'in', values: [team] }], time: { last_n_days: 3 } }).text;
    expect(shape(EVIL, EVIL)).toBe(shape('search', 'env'));
    const asOf = (a: string) => compileCostQuery(parseCostQuery({ time: { period: 'last_month' } }), { ...opts, asOf: a });
    expect(asOf('2026-11-23').text).toBe(asOf('2025-01-02').text);
    expect(asOf('2026-11-23').values).toEqual(['2026-10-01T00:00:00Z', '2026-11-01T00:00:00Z', 1001]);
  });

  it('unions cloud and AI for dataset all, and reads attribution from the columns ingest filled', () => {
    const c = compile({ dataset: 'all', groupBy: ['team', 'cost_center'], time: { period: 'this_month' } });
    expect(c.text).toContain('from cost_lines');
    expect(c.text).toContain('from llm_usage');
    expect(c.text).not.toContain('tags');
    expect(c.text.match(/select team as d0, cost_center as d1/g)).toHaveLength(2);
    expect(c.text).not.toContain('task_outcomes');
  });

  it('reads only AI usage for token metrics, and task outcomes for cost per successful task', () => {
    expect(compile({ dataset: 'all', metric: 'total_tokens', time: { last_n_days: 7 } }).text).not.toContain('cost_lines');
    const t = compile({ dataset: 'ai', metric: 'cost_per_successful_task', time: { last_n_days: 7 } }).text;
    expect(t).toContain('from task_outcomes');
    expect(t).toContain('count(distinct s.task_id) filter (where s.success)');
  });

  it('adds the team scope to every branch for a non-admin viewer, as a parameter', () => {
    const viewer = { admin: false, teams: ['search', EVIL] };
    const c = compile({ dataset: 'all', metric: 'cost_per_successful_task', time: { last_n_days: 7 } }, { ...opts, viewer });
    expect(c.text.match(/= any\(\$\d+::text\[\]\)/g)).toHaveLength(3);
    expect(c.values).toContainEqual(['search', EVIL]);
    expect(c.text).not.toContain('search');
    // an admin query has no scope predicate at all
    expect(compile({ dataset: 'all', time: { last_n_days: 7 } }).text).not.toContain('any(');
  });

  it('compares with the previous period in one scan', () => {
    const c = compile({ dataset: 'cloud', groupBy: ['ServiceName'], time: { period: 'last_month' }, compare: 'previous_period', orderBy: { by: 'abs_delta' } });
    // September ends where October starts, so the previous range reuses $1 as its end
    expect(c.values.slice(0, 3)).toEqual(['2026-10-01T00:00:00Z', '2026-11-01T00:00:00Z', '2026-09-01T00:00:00Z']);
    expect(c.text).toContain('(charge_period_start >= $3::timestamptz and charge_period_start < $1::timestamptz)');
    expect(c.text).toContain('filter (where not s.cur)');
    expect(c.text).toContain('order by r.ccy, abs(r.m - r.prev) desc');
    expect(c.compare).toBe(true);
  });

  it('ranks the top N groups over the whole range for a trend', () => {
    const c = compile({ dataset: 'cloud', groupBy: ['ServiceName'], granularity: 'week', limit: 3, time: { last_n_days: 28 } });
    // the top 3 of each currency
    expect(c.text).toMatch(/top as \(select .*row_number\(\) over \(partition by s\.ccy .* where n <= \$\d+::int\)/);
    expect(c.values).toContain('week');
    expect(c.values).toContain(3);
    expect(c.hasPeriod).toBe(true);
  });

  it('caps rows at rowCap + 1 so truncation is visible', () => {
    expect(compile({ groupBy: ['ResourceId'], dataset: 'cloud', time: { last_n_days: 7 } }, { ...opts, rowCap: 50 }).values.at(-1)).toBe(51);
    const top5 = compile({ groupBy: ['ResourceId'], dataset: 'cloud', time: { last_n_days: 7 }, limit: 5 }, { ...opts, rowCap: 50 });
    // a top N is the top N of each currency, within the cap
    expect(top5.text).toMatch(/row_number\(\) over \(partition by r\.ccy .* where r\.n <= \$\d+::int order by r\.ccy/);
    expect(top5.values.slice(-2)).toEqual([5, 51]);
  });

  it('reads the daily rollup only when told it is fresh and every dimension is rolled up', () => {
    // Days within one month: the daily rollup alone (whole months: the next test).
    const part = { from: '2026-10-03', to: '2026-10-20' };
    const q = { dataset: 'all', groupBy: ['team', 'ServiceName'], time: part };
    expect(() => compile(q, { ...opts, rollups: true })).toThrow(/not available on AI usage/);
    const c = compile({ ...q, dataset: 'cloud' }, { ...opts, rollups: true });
    expect(c.rollup).toBe(true);
    expect(c.text).toContain("from cost_rollup_daily where (day >= $1::date and day < $2::date) and dataset in ('cloud')");
    expect(c.values.slice(0, 2)).toEqual(['2026-10-03', '2026-10-20']);
    // Cloud and AI rows of the rollup are read in one scan, not one per dataset.
    const both = compile({ dataset: 'all', groupBy: ['team'], time: part }, { ...opts, rollups: true });
    expect(both.text.match(/from cost_rollup_daily/g)).toHaveLength(1);
    expect(both.text).toContain("dataset in ('cloud', 'ai')");
    expect(both.text).not.toContain('union all');
    // Task outcomes stay a raw branch next to the rolled-up AI calls.
    const perTask = compile({ dataset: 'ai', metric: 'cost_per_successful_task', groupBy: ['feature'], time: { period: 'last_month' } }, { ...opts, rollups: true });
    // Per task: only calls with a task, which the rollup does not tell apart; named features read the per-task sums.
    expect(perTask.rollup).toBe(false);
    expect(perTask.text).toContain('from llm_usage where (ts >= $1::timestamptz and ts < $2::timestamptz) and task_id is not null');
    expect(perTask.text).toContain('from task_outcomes');
    const oneFeature = compile(
      { dataset: 'ai', metric: 'cost_per_successful_task', filters: [{ dimension: 'feature', op: 'eq', value: 'chat' }], time: { period: 'last_month' } },
      { ...opts, rollups: true },
    );
    expect(oneFeature.text).toContain('from llm_task_days where (day >= $1::date and day < $2::date) and feature = $3::text');
    expect(compile({ ...q, dataset: 'cloud' }).rollup).toBe(false);
    expect(compile({ dataset: 'cloud', groupBy: ['tag:team'], time: { period: 'last_month' } }, { ...opts, rollups: true }).rollup).toBe(false);
    expect(compile({ dataset: 'cloud', filters: [{ dimension: 'ResourceId', op: 'eq', value: 'i-1' }], time: { period: 'last_month' } }, { ...opts, rollups: true }).rollup).toBe(false);
  });

  it('reads whole months from the monthly rollup and the days around them from the daily one, in one query', () => {
    const rolled = { ...opts, rollups: true };
    const q = { dataset: 'all', groupBy: ['team'], time: { from: '2026-01-15', to: '2026-11-23' } };
    const c = compile(q, rolled);
    expect(c.rollup).toBe(true);
    expect(c.text).toContain("from cost_rollup_daily where ((day >= $1::date and day < $2::date) or (day >= $3::date and day < $4::date)) and dataset in ('cloud', 'ai') union all select team as d0");
    expect(c.text).toContain("from cost_rollup_monthly where (month >= $2::date and month < $3::date) and dataset in ('cloud', 'ai')");
    expect(c.values.slice(0, 4)).toEqual(['2026-01-15', '2026-02-01', '2026-11-01', '2026-11-23']);
    // A month row counts as the daily rows it sums: rows matched (`nr`) are the daily rollup's.
    expect(c.text).toContain('day_rows as nw from cost_rollup_monthly');
    expect(c.text).toContain('1::bigint as nw from cost_rollup_daily');
    expect(c.text).toContain('coalesce(sum(s.nw), 0) as nr');
    // Whole months only: no daily rows; a monthly trend's period is the month row's.
    const months = compile({ ...q, granularity: 'month', time: { period: 'last_quarter' } }, rolled);
    expect(months.text).not.toContain('cost_rollup_daily');
    expect(months.text).toContain('date_trunc($1::text, month::timestamp)::date as period');
    // Compared with the period before: each range split, each month row in its own period.
    const compared = compile({ ...q, time: { period: 'year_to_date' }, compare: 'year_before' }, rolled);
    const monthRanges = [...compared.text.matchAll(/\(month >= \$(\d+)::date and month < \$(\d+)::date\)/g)].map((m) => [compared.values[Number(m[1]) - 1], compared.values[Number(m[2]) - 1]]);
    expect(monthRanges).toEqual([
      ['2025-01-01', '2025-11-01'],
      ['2026-01-01', '2026-11-01'],
    ]);
    expect(compared.text).toContain('month >= $1::date as cur');
    // Invoice questions never read a charge day: the monthly rollup answers all of them, by any step.
    const invoices = compile({ dataset: 'cloud', metric: 'billed_cost', periodBasis: 'billing', granularity: 'day', time: { from: '2026-10-01', to: '2026-10-02' } }, rolled);
    expect(invoices.text).toContain('from cost_rollup_monthly where (billing_period >= $2::date and billing_period < $3::date)');
    expect(invoices.text).not.toContain('cost_rollup_daily');
    // Near misses: days within one month, days of a timeline, a conversion (each day's rate), hours.
    for (const near of [
      { time: { from: '2026-10-03', to: '2026-10-31' } },
      { time: { period: 'last_quarter' }, granularity: 'day' },
      { time: { period: 'last_quarter' }, granularity: 'week' },
      { time: { period: 'last_quarter' }, currency: 'EUR' },
    ]) {
      const n = compile({ ...q, ...near }, rolled);
      expect(n.rollup).toBe(true);
      expect(n.text).not.toContain('cost_rollup_monthly');
      expect(n.text).toContain('count(*) as nr');
    }
    expect(compile({ ...q, granularity: 'hour', time: { last_n_days: 2 } }, rolled).rollup).toBe(false);
  });
});

describe('threshold', () => {
  it('keeps groups by a bound amount, and is refused on one ungrouped total', () => {
    const c = compile({ groupBy: ['team'], threshold: { op: 'gt', value: 1000 }, time: { last_n_days: 30 } });
    expect(c.text).toMatch(/having coalesce\(sum\(s\.effective\), 0\) > \$\d+::numeric/);
    expect(c.values).toContain(1000);
    expect(() => parseCostQuery({ threshold: { op: 'gt', value: 1000 }, time: { last_n_days: 30 } })).toThrow(/groupBy or a granularity/);
  });

  it('under conversion, only converted amounts pass', () => {
    const c = compile({ groupBy: ['team'], threshold: { op: 'lte', value: 5 }, currency: 'EUR', time: { last_n_days: 30 } });
    expect(c.text).toMatch(/<= \$\d+::numeric and s\.ccy = \$\d+::text/);
  });
});
