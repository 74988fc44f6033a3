import { describe, expect, it } from 'vitest';
import type { BarChart, LineChart } from '../../src/charts/chart.ts';
import { chartFor, MAX_BARS, MAX_SERIES } from '../../src/charts/choose.ts';
import { compared, costResult, days } from './results.ts';

const NOV = days('2025-11-01', 30);
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('chartFor: no chart when a number says it', () => {
  it('a single total', () => {
    expect(chartFor(costResult({ time: { period: 'last_month' } }, [{ effective_cost: 1234.5, exact: '1234.5' }]))).toBeNull();
  });

  it('a ranking with one row', () => {
    expect(chartFor(costResult({ time: { period: 'last_month' }, groupBy: ['team'] }, [{ team: 'search', effective_cost: 10 }]))).toBeNull();
  });

  it('a trend with one period', () => {
    expect(chartFor(costResult({ time: { period: 'last_month' }, granularity: 'month' }, [{ period: '2025-11-01', effective_cost: 10 }]))).toBeNull();
  });

  it('rows whose metric is null do not count (cost per request with no requests)', () => {
    const rows = [
      { team: 'search', cost_per_request: 0.01 },
      { team: 'idle', cost_per_request: null },
    ];
    expect(chartFor(costResult({ dataset: 'ai', metric: 'cost_per_request', time: { period: 'last_month' }, groupBy: ['team'] }, rows))).toBeNull();
  });
});

describe('chartFor: rankings', () => {
  it('a group-by total is horizontal bars in the query order', () => {
    const rows = [
      { ServiceName: 'Amazon Elastic Compute Cloud', effective_cost: 900.5 },
      { ServiceName: 'Amazon Simple Storage Service', effective_cost: 120 },
      { ServiceName: null, effective_cost: 3 },
    ];
    const chart = chartFor(costResult({ time: { period: 'last_month' }, groupBy: ['ServiceName'] }, rows)) as BarChart;
    expect(chart).toMatchObject({ kind: 'bar', title: 'Effective cost by service', subtitle: 'Nov 1 – 30, 2025', unit: 'USD', valueLabel: 'Effective cost', compare: null });
    expect(chart.bars).toEqual([
      { label: 'Amazon Elastic Compute Cloud', value: 900.5 },
      { label: 'Amazon Simple Storage Service', value: 120 },
      { label: '(no service)', value: 3 },
    ]);
  });

  it('with compare, each bar carries the previous period and the change', () => {
    const rows = [compared({ team: 'search', effective_cost: 200 }, 'effective_cost', 100), compared({ team: 'growth', effective_cost: 50 }, 'effective_cost', null)];
    const chart = chartFor(costResult({ time: { period: 'last_month' }, groupBy: ['team'], compare: 'previous_period' }, rows)) as BarChart;
    expect(chart.kind).toBe('bar');
    expect(chart.compare).toEqual({ current: 'Nov 1 – 30, 2025', previous: 'Oct 1 – 31, 2025' });
    expect(chart.bars).toEqual([
      { label: 'search', value: 200, previous: 100, deltaPct: 100 },
      { label: 'growth', value: 50, previous: null, deltaPct: null },
    ]);
  });

  it('biggest movers say how they were ranked', () => {
    const rows = [compared({ model: 'gpt-4o', effective_cost: 500 }, 'effective_cost', 100), compared({ model: 'gpt-4o-mini', effective_cost: 90 }, 'effective_cost', 80)];
    const chart = chartFor(costResult({ dataset: 'ai', time: { period: 'last_month' }, groupBy: ['model'], compare: 'previous_period', orderBy: { by: 'delta' } }, rows))!;
    expect(chart.subtitle).toBe('Nov 1 – 30, 2025 · biggest increases');
  });

  it(`shows the first ${MAX_BARS} of a long ranking and says so, with the filters`, () => {
    const rows = Array.from({ length: 40 }, (_, i) => ({ customer: `c${i}`, environment: i % 2 ? 'prod' : null, requests: 1000 - i }));
    const query = { dataset: 'ai', metric: 'requests', time: { period: 'last_month' }, groupBy: ['customer', 'environment'], filters: [{ dimension: 'team', op: 'eq', value: 'search' }] };
    const chart = chartFor(costResult(query, rows)) as BarChart;
    expect(chart.bars).toHaveLength(MAX_BARS);
    expect(chart.bars.slice(0, 2)).toEqual([
      { label: 'c0 · (no environment)', value: 1000 },
      { label: 'c1 · prod', value: 999 },
    ]);
    expect(chart).toMatchObject({ title: 'Requests by customer and environment', unit: 'requests', subtitle: `Nov 1 – 30, 2025 · team: search · top ${MAX_BARS} of 40` });
  });

  it('top periods without a group rank the dates', () => {
    const rows = [
      { period: '2025-11-21', effective_cost: 90 },
      { period: '2025-11-03', effective_cost: 40 },
    ];
    const chart = chartFor(costResult({ time: { period: 'last_month' }, granularity: 'day', limit: 2 }, rows)) as BarChart;
    expect(chart).toMatchObject({ kind: 'bar', title: 'Effective cost by day', subtitle: 'Nov 1 – 30, 2025 · top 2' });
    expect(chart.bars.map((b) => b.label)).toEqual(['Nov 21, 2025', 'Nov 3, 2025']);
  });

  it('a trend that has one period but several groups ranks the groups', () => {
    const rows = [
      { period: '2025-11-01', team: 'search', effective_cost: 9 },
      { period: '2025-11-01', team: 'growth', effective_cost: 4 },
    ];
    const chart = chartFor(costResult({ time: { period: 'last_month' }, granularity: 'month', groupBy: ['team'] }, rows)) as BarChart;
    expect(chart.kind).toBe('bar');
    expect(chart.bars.map((b) => b.label)).toEqual(['search', 'growth']);
  });
});

describe('chartFor: trends', () => {
  it('a daily total is one line over the periods, with the total in the subtitle', () => {
    const rows = NOV.map((period, i) => ({ period, effective_cost: 100 + i }));
    const chart = chartFor(costResult({ time: { period: 'last_month' }, granularity: 'day' }, rows)) as LineChart;
    expect(chart).toMatchObject({ kind: 'line', title: 'Daily effective cost', granularity: 'day', series: [''], other: null });
    // 100·30 + (0 + … + 29) = 3,435
    expect(chart.subtitle).toBe('Nov 1 – 30, 2025 · total $3.4k');
    expect(chart.points).toHaveLength(30);
    expect(chart.points[4]).toEqual({ period: '2025-11-05', series: '', value: 104, partial: false });
  });

  it(`keeps the ${MAX_SERIES - 1} largest series and sums the rest per period`, () => {
    const teams = Array.from({ length: 11 }, (_, i) => `team-${String.fromCharCode(97 + i)}`);
    const rows = NOV.flatMap((period, d) => teams.map((team, i) => ({ period, team, effective_cost: (11 - i) * 10 + (d % 3) })));
    const chart = chartFor(costResult({ time: { period: 'last_month' }, granularity: 'day', groupBy: ['team'] }, rows)) as LineChart;
    expect(chart.title).toBe('Daily effective cost by team');
    expect(chart.series).toEqual([...teams.slice(0, MAX_SERIES - 1), '4 others']);
    expect(chart.other).toBe('4 others');
    const other = chart.points.filter((p) => p.series === '4 others');
    expect(other).toHaveLength(30);
    for (const p of other) {
      const expected = sum(rows.filter((r) => r.period === p.period && teams.indexOf(r.team) >= MAX_SERIES - 1).map((r) => r.effective_cost));
      expect(p.value).toBeCloseTo(expected, 9);
    }
    expect(sum(chart.points.map((p) => p.value))).toBeCloseTo(sum(rows.map((r) => r.effective_cost)), 6);
  });

  it('a period with no row inside the data is zero spend; the lines are not extended past the data', () => {
    const rows = [
      { period: '2025-11-03', team: 'search', effective_cost: 5 },
      { period: '2025-11-03', team: 'growth', effective_cost: 2 },
      { period: '2025-11-05', team: 'search', effective_cost: 7 },
    ];
    const chart = chartFor(costResult({ time: { period: 'last_month' }, granularity: 'day', groupBy: ['team'] }, rows)) as LineChart;
    expect(chart.points.map(({ period, series, value }) => [period, series, value])).toEqual([
      ['2025-11-03', 'search', 5],
      ['2025-11-04', 'search', 0],
      ['2025-11-05', 'search', 7],
      ['2025-11-03', 'growth', 2],
      ['2025-11-04', 'growth', 0],
      ['2025-11-05', 'growth', 0],
    ]);
  });

  it('a ratio metric is never summed: no "others" series and no zero-filled gaps', () => {
    const models = Array.from({ length: 10 }, (_, i) => `model-${i}`);
    const weeks = ['2025-11-03', '2025-11-10', '2025-11-24'];
    const rows = weeks.flatMap((period) => models.map((model, i) => ({ period, model, cost_per_request: 0.001 * (10 - i) })));
    const chart = chartFor(costResult({ dataset: 'ai', metric: 'cost_per_request', time: { period: 'last_month' }, granularity: 'week', groupBy: ['model'] }, rows)) as LineChart;
    expect(chart.series).toEqual(models.slice(0, MAX_SERIES));
    expect(chart.other).toBeNull();
    expect(chart.points).toHaveLength(MAX_SERIES * weeks.length);
    expect(chart.points.some((p) => p.period === '2025-11-17')).toBe(false);
    expect(chart).toMatchObject({ title: 'Weekly cost per request by model', subtitle: `Nov 1 – 30, 2025 · top ${MAX_SERIES} of 10` });
  });

  it('marks the weeks that stick out of the range as partial and says so', () => {
    // Nov 1–30, 2025: the week of Oct 27 holds only Nov 1–2; the week of Nov 24 ends on Nov 30.
    const weeks = ['2025-10-27', '2025-11-03', '2025-11-10', '2025-11-17', '2025-11-24'];
    const rows = weeks.map((period) => ({ period, effective_cost: 700 }));
    const chart = chartFor(costResult({ time: { period: 'last_month' }, granularity: 'week' }, rows)) as LineChart;
    expect(chart.points.map((p) => p.partial)).toEqual([true, false, false, false, false]);
    expect(chart.subtitle).toBe('Nov 1 – 30, 2025 · total $3.5k · dashed: partial week');
  });

  it('months cut by a last-90-days range are partial at both ends, and a ranking of them says so', () => {
    const range = { from: '2025-09-02', to: '2025-12-01' };
    const rows = ['2025-09-01', '2025-10-01', '2025-11-01'].map((period, i) => ({ period, effective_cost: 100 * (i + 1) }));
    const trend = chartFor(costResult({ time: { last_n_days: 90 }, granularity: 'month' }, rows, { range })) as LineChart;
    expect(trend.points.map((p) => p.partial)).toEqual([true, false, false]);
    expect(trend.subtitle).toContain('dashed: partial month');
    const top = chartFor(costResult({ time: { last_n_days: 90 }, granularity: 'month', limit: 3 }, [...rows].reverse(), { range: { from: '2025-09-02', to: '2025-11-20' } })) as BarChart;
    expect(top.bars.map((b) => b.label)).toEqual(['Nov 2025 (partial)', 'Oct 2025', 'Sep 2025 (partial)']);
  });

  it('a monthly trend of tokens', () => {
    const rows = ['2025-09-01', '2025-10-01', '2025-11-01'].map((period, i) => ({ period, total_tokens: (i + 1) * 1e6 }));
    const chart = chartFor(
      costResult({ dataset: 'ai', metric: 'total_tokens', time: { from: '2025-09-01', to: '2025-12-01' }, granularity: 'month' }, rows, { range: { from: '2025-09-01', to: '2025-12-01' } }),
    ) as LineChart;
    expect(chart).toMatchObject({ kind: 'line', title: 'Monthly total tokens', unit: 'tokens', subtitle: 'Sep 1 – Nov 30, 2025 · total 6M' });
    expect(chart.points.map((p) => p.period)).toEqual(['2025-09-01', '2025-10-01', '2025-11-01']);
  });
});
