/**
 * Picks the chart for a cost answer: a line chart for a trend, horizontal bars for a ranking, and
 * nothing for a single number or a one-row answer (a chart of one value says less than the value).
 * The choice reads only the CostResult, so the CLI, Slack and the agent all chart the same way.
 * One axis never mixes currencies: an answer in several charts one of them and says so.
 */
import { currencyList } from '../costs/currency.ts';
import { isAdditive, type CostQuery, type Filter } from '../costs/query.ts';
import type { CostResult, CostRow } from '../costs/run.ts';
import type { Bar, BarChart, ChartSpec, LineChart, LinePoint, Step } from './chart.ts';
import { dimensionLabel, formatPeriod, formatRange, formatValue, metricLabel } from './format.ts';
import { isoDay } from '../schema/days.ts';

/** More lines than this are unreadable: the smallest series are summed into one ("4 others"). */
export const MAX_SERIES = 8;
/** More bars than this no longer fit a Slack image: the ranking shows its first ones. */
export const MAX_BARS = 15;

const GRANULARITY_WORD = { hour: 'Hourly', day: 'Daily', week: 'Weekly', month: 'Monthly' } as const;

function groupLabel(row: CostRow, dims: string[]): string {
  return dims.map((d) => (row[d] === null || row[d] === undefined ? `(no ${dimensionLabel(d)})` : String(row[d]))).join(' · ');
}

function filterText(f: Filter): string {
  const dim = dimensionLabel(f.dimension);
  const shown = (v: string | null) => (v === null ? '(none)' : v);
  switch (f.op) {
    case 'eq':
      return `${dim}: ${shown(f.value)}`;
    case 'not':
      return `${dim} ≠ ${shown(f.value)}`;
    case 'in':
      return `${dim}: ${f.values.slice(0, 3).join(', ')}${f.values.length > 3 ? ` +${f.values.length - 3} more` : ''}`;
    case 'contains':
      return `${dim} contains "${f.value}"`;
  }
}

/** "top 15 of 40", "biggest increases", "lowest 5": how the shown rows were picked, when it matters. */
function orderText(q: CostQuery, shown: number, total: number, truncated: boolean): string | null {
  const of = shown < total || truncated ? ` of ${total}${truncated ? '+' : ''}` : '';
  const limited = of !== '' || q.limit !== undefined;
  if (q.orderBy.by === 'delta') return q.orderBy.direction === 'desc' ? 'biggest increases' : 'biggest decreases';
  if (q.orderBy.by === 'abs_delta') return 'biggest changes';
  if (!limited) return null;
  return `${q.orderBy.direction === 'desc' ? 'top' : 'lowest'} ${shown}${of}`;
}

function subtitle(result: CostResult, extra: Array<string | null>): string {
  return [formatRange(result.range.from, result.range.to), ...result.query.filters.map(filterText), ...extra].filter((s) => s !== null).join(' · ');
}

const metricValue = (row: CostRow, result: CostResult) => row[result.metric] as number;

function barChart(result: CostResult, rows: CostRow[], labelOf: (row: CostRow) => string, title: string): BarChart {
  const previous = result.query.compare ? result.previous : undefined;
  const bars: Bar[] = rows.slice(0, MAX_BARS).map((r) => ({
    label: labelOf(r),
    value: metricValue(r, result),
    ...(previous ? { previous: r.previous as number | null, deltaPct: r.delta_pct as number | null } : {}),
  }));
  return {
    kind: 'bar',
    title,
    subtitle: subtitle(result, [orderText(result.query, bars.length, rows.length, result.truncated)]),
    unit: result.unit,
    valueLabel: metricLabel(result.metric),
    bars,
    compare: previous ? { current: formatRange(result.range.from, result.range.to), previous: formatRange(previous.from, previous.to) } : null,
  };
}

/** The period after `iso` at this granularity. */
function nextPeriod(iso: string, granularity: Step): string {
  // An hour is an ISO time already ("2026-11-22T13:00:00Z").
  if (granularity === 'hour') return new Date(Date.parse(iso) + 3_600_000).toISOString().replace('.000Z', 'Z');
  const d = new Date(`${iso}T00:00:00Z`);
  if (granularity === 'month') d.setUTCMonth(d.getUTCMonth() + 1);
  else d.setUTCDate(d.getUTCDate() + (granularity === 'week' ? 7 : 1));
  return isoDay(d);
}

/** Whether a week or month starting at `period` sticks out of the queried range, so it holds only part of its days. */
function partialPeriod(result: CostResult, period: string, granularity: Step): boolean {
  // The range is whole days, so every hour of it is whole.
  if (granularity === 'hour') return false;
  return period < result.range.from || nextPeriod(period, granularity) > result.range.to;
}

function lineChart(result: CostResult, rows: CostRow[], granularity: Step, periods: string[]): LineChart {
  const dims = result.query.groupBy;
  // Sums of a ratio metric (cost per request…) mean nothing, so only additive ones get an "others" series and zero-filled gaps.
  const sums = isAdditive(result.metric);
  const totals = new Map<string, number>();
  for (const r of rows) {
    const s = groupLabel(r, dims);
    totals.set(s, (totals.get(s) ?? 0) + metricValue(r, result));
  }
  const ranked = [...totals.keys()].sort((a, b) => totals.get(b)! - totals.get(a)! || a.localeCompare(b));
  const overflow = ranked.length > MAX_SERIES;
  const kept = overflow ? ranked.slice(0, sums ? MAX_SERIES - 1 : MAX_SERIES) : ranked;
  const keptSet = new Set(kept);
  const other = overflow && sums ? `${ranked.length - kept.length} others` : null;
  const series = other === null ? kept : [...kept, other];

  const values = new Map<string, number>();
  for (const r of rows) {
    let s = groupLabel(r, dims);
    if (!keptSet.has(s)) {
      if (!sums) continue;
      s = other!;
    }
    const key = `${r.period}\u0000${s}`;
    values.set(key, (values.get(key) ?? 0) + metricValue(r, result));
  }
  // No row for a period inside the data means nothing was spent then; before the first or after the
  // last row the data may simply not be loaded yet, so the lines are not extended there.
  const calendar: string[] = [];
  const last = periods[periods.length - 1]!;
  for (let p = periods[0]!; p <= last; p = nextPeriod(p, granularity)) calendar.push(p);
  const points: LinePoint[] = [];
  for (const s of series) {
    for (const period of sums ? calendar : periods) {
      const value = values.get(`${period}\u0000${s}`);
      if (value !== undefined || sums) points.push({ period, series: s, value: value ?? 0, partial: partialPeriod(result, period, granularity) });
    }
  }

  const partials = new Set(points.filter((p) => p.partial).map((p) => p.period)).size;
  const total = sums ? rows.reduce((acc, r) => acc + metricValue(r, result), 0) : null;
  const by = dims.length ? ` by ${dims.map(dimensionLabel).join(' and ')}` : '';
  return {
    kind: 'line',
    title: `${GRANULARITY_WORD[granularity]} ${metricLabel(result.metric).toLowerCase()}${by}`,
    subtitle: subtitle(result, [
      total === null ? null : `total ${formatValue(total, result.unit)}`,
      overflow && !sums ? `top ${MAX_SERIES} of ${ranked.length}` : null,
      // A partial week or month looks like a drop in spend; say why it is low.
      partials ? `dashed: partial ${granularity}${partials > 1 ? 's' : ''}` : null,
    ]),
    unit: result.unit,
    valueLabel: metricLabel(result.metric),
    granularity,
    series: dims.length ? series : [''],
    other,
    points,
  };
}

/**
 * An answer in several currencies, cut to the one with the most rows (then the largest sum; the
 * others stay in the answer's table), and the subtitle note that says so. Else the answer itself.
 */
function oneCurrency(result: CostResult): { result: CostResult; note: string | null } {
  if (result.currencies.length < 2) return { result, note: null };
  const of = (c: string) => result.rows.filter((r) => r.currency === c);
  const sum = (c: string) => of(c).reduce((acc, r) => acc + (Number(r[result.metric]) || 0), 0);
  const [shown, ...others] = [...result.currencies].sort((a, b) => of(b).length - of(a).length || sum(b) - sum(a) || a.localeCompare(b));
  return { result: { ...result, rows: of(shown!), unit: shown!, currencies: [shown!] }, note: `${shown} only; ${currencyList(others)} not charted (currencies are not added)` };
}

/** The chart that suits this answer, or null when a number (or one row) says it better. */
export function chartFor(answer: CostResult): ChartSpec | null {
  const { result, note } = oneCurrency(answer);
  const chart = chartOf(result);
  return chart && note ? { ...chart, subtitle: [chart.subtitle, note].filter(Boolean).join(' · ') } : chart;
}

function chartOf(result: CostResult): ChartSpec | null {
  const q = result.query;
  const dims = q.groupBy;
  const rows = result.rows.filter((r) => typeof r[result.metric] === 'number' && Number.isFinite(r[result.metric]));
  if (rows.length < 2) return null;
  const byDims = dims.map(dimensionLabel).join(' and ');

  if (q.granularity === 'total') {
    return dims.length ? barChart(result, rows, (r) => groupLabel(r, dims), `${metricLabel(result.metric)} by ${byDims}`) : null;
  }
  const granularity = q.granularity;
  const periods = [...new Set(rows.map((r) => String(r.period)))].sort();
  if (dims.length === 0) {
    // A limit without groups asks for the top periods ("the 5 most expensive days"): a ranking of dates.
    if (q.limit !== undefined) {
      const label = (r: CostRow) => formatPeriod(String(r.period), granularity) + (partialPeriod(result, String(r.period), granularity) ? ' (partial)' : '');
      return barChart(result, rows, label, `${metricLabel(result.metric)} by ${granularity}`);
    }
    return lineChart(result, rows, granularity, periods);
  }
  if (periods.length >= 2) return lineChart(result, rows, granularity, periods);
  // One period with several groups is a ranking of the groups in that period.
  return barChart(result, rows, (r) => groupLabel(r, dims), `${metricLabel(result.metric)} by ${byDims}`);
}
