/**
 * ChartSpec: what a chart shows, independent of how it is drawn. `chartFor` derives one from a cost
 * query result; the vega-lite builder and renderer turn it into an image. Every text in it is already
 * human (titles, labels), so the renderer adds no wording of its own.
 */
import type { Unit } from './format.ts';

export interface LinePoint {
  /** Period start, YYYY-MM-DD. */
  period: string;
  series: string;
  value: number;
  /** The period lies only partly inside the queried range (the first or last week or month). */
  partial: boolean;
}

/** A timeline's step. */
export type Step = 'hour' | 'day' | 'week' | 'month';

/** A trend: one line per series (a single series has the name ''); partial periods are drawn dashed. */
export interface LineChart {
  kind: 'line';
  title: string;
  subtitle: string;
  unit: Unit;
  /** The metric as axis text, e.g. "Effective cost". */
  valueLabel: string;
  granularity: Step;
  /** The series in legend order (largest first); one entry '' when there is no group. */
  series: string[];
  /** The last series when it sums the groups beyond the largest ones ("4 others"), else null. */
  other: string | null;
  points: LinePoint[];
}

export interface Bar {
  label: string;
  value: number;
  /** The previous period's value, when comparing (null: nothing then). */
  previous?: number | null;
  deltaPct?: number | null;
}

/** A ranking: horizontal bars in the given order, optionally beside the previous period's. */
export interface BarChart {
  kind: 'bar';
  title: string;
  subtitle: string;
  unit: Unit;
  valueLabel: string;
  bars: Bar[];
  /** Legend text for the two periods when the bars compare with the previous period. */
  compare: { current: string; previous: string } | null;
}

export type ChartSpec = LineChart | BarChart;
