/**
 * Charts of real query results: the demo company seeded through the ingest paths, questions run
 * through runCostQuery, and the chosen charts rendered, so the chart code is held to the CostResult
 * the query layer really returns.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BarChart, LineChart } from '../../src/charts/chart.ts';
import { chartFor, MAX_SERIES } from '../../src/charts/choose.ts';
import { PNG_SCALE, renderPng } from '../../src/charts/render.ts';
import { CHART_WIDTH } from '../../src/charts/spec.ts';
import { runCostQuery, type Viewer } from '../../src/costs/run.ts';
import { seedDemo } from '../../src/demo/seed.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { readPng } from './png.ts';

const END = '2026-03-31';
const ASOF = '2026-04-01';
const ADMIN: Viewer = { admin: true, teams: [] };
let t: TestDb;

beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.pool, { endDate: END, days: 45 });
}, 180_000);
afterAll(() => t?.drop());

const ask = (query: unknown) => runCostQuery(t.pool, query, { viewer: ADMIN, asOf: ASOF });

describe('charts of the demo company', () => {
  it('daily spend by team last month is a line per team that adds up to the answer', async () => {
    const result = await ask({ dataset: 'all', groupBy: ['team'], granularity: 'day', time: { period: 'last_month' } });
    const chart = chartFor(result) as LineChart;
    expect(chart.kind).toBe('line');
    expect(chart.series.length).toBeLessThanOrEqual(MAX_SERIES);
    const groups = new Set(result.rows.map((r) => r.team ?? '(no team)'));
    expect(chart.series.filter((s) => s !== chart.other).every((s) => groups.has(s))).toBe(true);
    const total = result.rows.reduce((acc, r) => acc + (r.effective_cost as number), 0);
    expect(chart.points.reduce((acc, p) => acc + p.value, 0)).toBeCloseTo(total, 4);
    expect(new Set(chart.points.map((p) => p.period)).size).toBe(31);
    const png = readPng(await renderPng(chart));
    expect(png.width).toBe(CHART_WIDTH * PNG_SCALE);
  });

  it('top services last month against the month before is a compared ranking', async () => {
    const result = await ask({ dataset: 'cloud', groupBy: ['ServiceName'], limit: 8, compare: 'previous_period', time: { period: 'last_month' } });
    const chart = chartFor(result) as BarChart;
    expect(chart).toMatchObject({ kind: 'bar', title: 'Effective cost by service', compare: { current: 'Mar 1 – 31, 2026', previous: 'Feb 1 – 28, 2026' } });
    expect(chart.bars.map((b) => [b.label, b.value, b.previous])).toEqual(result.rows.map((r) => [r.ServiceName, r.effective_cost, r.previous]));
    expect(readPng(await renderPng(chart)).width).toBe(CHART_WIDTH * PNG_SCALE);
  });

  it('a single number gets no chart', async () => {
    expect(chartFor(await ask({ dataset: 'ai', time: { period: 'last_month' } }))).toBeNull();
  });
});
