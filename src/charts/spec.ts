/**
 * Builds the vega-lite spec for a ChartSpec: a line chart for a trend, horizontal bars (optionally
 * beside the previous period's) for a ranking. Sized for a Slack image (800 px wide, drawn at 2×),
 * one font for every text, long labels cut by vega with an ellipsis, and numbers formatted by the
 * `pennyValue` expression function the renderer registers, so ticks read like the answer ($1.2k).
 */
import type { TopLevelSpec } from 'vega-lite';
import type { BarChart, ChartSpec, LineChart, LinePoint } from './chart.ts';
import { FONT_FAMILY } from './fonts.ts';
import { formatPercent, formatValue, type Unit } from './format.ts';

export const CHART_WIDTH = 800;
export const LINE_HEIGHT = 300;
/** The name under which render.ts registers `formatValue` with vega. */
export const VALUE_FUNCTION = 'pennyValue';

const PALETTE = ['#4C78A8', '#F58518', '#54A24B', '#E45756', '#72B7B2', '#B279A2', '#EECA3B', '#9D755D'];
const OTHER_COLOR = '#A0A0A0';
const PREVIOUS_COLOR = '#C9C9C9';
/** At most this many date labels on a trend's axis. */
const MAX_DATE_TICKS = 10;
/** Beyond this many periods, point markers would merge into the line. */
const MAX_MARKED_PERIODS = 45;

const PADDING = 16;
/** Value labels are 11 px digits, $, k and %: DejaVu Sans draws digits 0.64 em wide, about 7 px. */
const VALUE_LABEL_CHAR_PX = 7;

const config = {
  font: FONT_FAMILY,
  background: 'white',
  view: { stroke: null },
  title: { anchor: 'start', fontSize: 16, fontWeight: 'bold', subtitleFontSize: 12, subtitleColor: '#555555', subtitlePadding: 6, offset: 14, limit: CHART_WIDTH - 20 },
  axis: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal', titleColor: '#444444', labelColor: '#333333', domainColor: '#888888', tickColor: '#888888', gridColor: '#E6E6E6' },
  legend: { labelFontSize: 11, labelLimit: 200, symbolType: 'stroke', symbolStrokeWidth: 3 },
} as const;

// The unit (a currency code from the data) travels as a JSON string literal, never as bare text.
const valueAxis = (unit: Unit) => ({ labelExpr: `${VALUE_FUNCTION}(datum.value, ${JSON.stringify(unit)})`, tickCount: 6 });

function frame(chart: ChartSpec) {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config,
    padding: PADDING,
    title: chart.subtitle ? { text: chart.title, subtitle: chart.subtitle } : { text: chart.title },
  };
}

/**
 * The line data: complete periods as one solid stretch per series, and the step into a partial
 * first or last period as its own two-point stretch, drawn dashed.
 */
function lineStretches(chart: LineChart) {
  const rows: Array<{ t: number; series: string; value: number; part: 'full' | 'start' | 'end' }> = [];
  const row = (p: LinePoint, part: 'full' | 'start' | 'end') => rows.push({ t: Date.parse(`${p.period}T00:00:00Z`), series: p.series, value: p.value, part });
  for (const s of chart.series) {
    const points = chart.points.filter((p) => p.series === s);
    for (const p of points) if (!p.partial) row(p, 'full');
    if (points.length < 2) continue;
    if (points[0]!.partial) points.slice(0, 2).forEach((p) => row(p, 'start'));
    if (points[points.length - 1]!.partial) points.slice(-2).forEach((p) => row(p, 'end'));
  }
  return rows;
}

/** A period's time: a date at midnight UTC, or an hour's ISO time as it is. */
const periodTime = (period: string) => Date.parse(period.length > 10 ? period : `${period}T00:00:00Z`);

function lineSpec(chart: LineChart): TopLevelSpec {
  const periods = [...new Set(chart.points.map((p) => p.period))].sort();
  const step = Math.ceil(periods.length / MAX_DATE_TICKS);
  const ticks = periods.filter((_, i) => i % step === 0).map(periodTime);
  const grouped = chart.series.length > 1 || chart.series[0] !== '';
  const scale = { domain: chart.series, range: chart.series.map((s, i) => (s === chart.other ? OTHER_COLOR : PALETTE[i % PALETTE.length]!)) };
  const color = grouped ? { field: 'series', type: 'nominal', sort: chart.series, scale, legend: { title: null, orient: 'right' } } : { value: PALETTE[0] };
  const layers: object[] = [
    {
      data: { values: lineStretches(chart) },
      mark: { type: 'line', strokeWidth: 2 },
      encoding: {
        color,
        strokeDash: {
          field: 'part',
          type: 'nominal',
          scale: {
            domain: ['full', 'start', 'end'],
            range: [
              [1, 0],
              [5, 4],
              [5, 4],
            ],
          },
          legend: null,
        },
      },
    },
  ];
  if (periods.length <= MAX_MARKED_PERIODS) {
    // Hollow points mark the partial periods.
    const fill = grouped
      ? { field: 'series', type: 'nominal', scale, legend: null, condition: { test: 'datum.partial', value: 'white' } }
      : { condition: { test: 'datum.partial', value: 'white' }, value: PALETTE[0] };
    layers.push({ mark: { type: 'point', size: 28, filled: false, strokeWidth: 1.5, opacity: 1 }, encoding: { color, fill } });
  }
  return {
    ...frame(chart),
    width: CHART_WIDTH,
    height: LINE_HEIGHT,
    autosize: { type: 'fit', contains: 'padding' },
    data: { values: chart.points.map((p) => ({ t: periodTime(p.period), series: p.series, value: p.value, partial: p.partial })) },
    encoding: {
      x: {
        field: 't',
        type: 'temporal',
        scale: { type: 'utc' },
        axis: { title: null, values: ticks, format: chart.granularity === 'month' ? '%b %Y' : chart.granularity === 'hour' ? '%H:%M' : '%b %-d', labelOverlap: true, grid: false },
      },
      y: { field: 'value', type: 'quantitative', axis: { ...valueAxis(chart.unit), title: chart.valueLabel } },
    },
    layer: layers,
  } as TopLevelSpec;
}

function barSpec(chart: BarChart): TopLevelSpec {
  const labels = chart.bars.map((b) => b.label);
  const valueText = (value: number, deltaPct?: number | null) => formatValue(value, chart.unit) + (chart.compare ? ` ${formatPercent(deltaPct ?? null)}` : '');
  const current = chart.compare?.current ?? 'current';
  const values = chart.bars.flatMap((b) => [
    // A negative bar (credits) keeps its label right of zero, clear of the axis labels on the left.
    { label: b.label, period: current, value: b.value, text: valueText(b.value, b.deltaPct), textAt: Math.max(0, b.value) },
    ...(chart.compare ? [{ label: b.label, period: chart.compare.previous, value: b.previous ?? 0, text: '' }] : []),
  ]);
  const y = { field: 'label', type: 'nominal', sort: labels, axis: { title: null, labelLimit: 260, ticks: false, labelPadding: 6, domain: false } };
  const yOffset = chart.compare ? { yOffset: { field: 'period', type: 'nominal', sort: [chart.compare.current, chart.compare.previous] } } : {};
  const color = chart.compare
    ? {
        field: 'period',
        type: 'nominal',
        scale: { domain: [chart.compare.current, chart.compare.previous], range: [PALETTE[0], PREVIOUS_COLOR] },
        legend: { title: null, orient: 'top', direction: 'horizontal', symbolType: 'square' },
      }
    : { value: PALETTE[0] };
  // vega's fit leaves marks out of its sums, so the label past the longest bar gets room of its own.
  const labelRoom = Math.max(...values.map((v) => v.text.length)) * VALUE_LABEL_CHAR_PX;
  return {
    ...frame(chart),
    padding: { top: PADDING, bottom: PADDING, left: PADDING, right: PADDING + labelRoom },
    width: CHART_WIDTH,
    // The step is per label; with compare the two bars of a label share it.
    height: { step: chart.compare ? 40 : 24, for: 'position' },
    autosize: { type: 'fit-x', contains: 'padding' },
    data: { values },
    encoding: {
      y,
      ...yOffset,
      x: { field: 'value', type: 'quantitative', axis: { ...valueAxis(chart.unit), title: chart.valueLabel }, scale: { nice: true } },
    },
    layer: [
      { mark: { type: 'bar', cornerRadiusEnd: 2 }, encoding: { color } },
      {
        transform: [{ filter: { field: 'period', equal: current } }],
        mark: { type: 'text', fontSize: 11, color: '#333333', align: 'left', dx: 4 },
        encoding: { text: { field: 'text' }, x: { field: 'textAt', type: 'quantitative' } },
      },
    ],
  } as TopLevelSpec;
}

export function vegaLiteSpec(chart: ChartSpec): TopLevelSpec {
  return chart.kind === 'line' ? lineSpec(chart) : barSpec(chart);
}
