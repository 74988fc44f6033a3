/**
 * Human text for charts: money and counts in short form ($1.2k, 3.4M tokens), readable dates and
 * date ranges, and names for metrics and dimensions. One formatter serves titles, value labels and
 * axis ticks (render.ts hands `formatValue` to vega), so a chart never shows two styles of a number.
 */
import type { Metric } from '../costs/query.ts';
import type { Step } from './chart.ts';
import { addDays } from '../schema/days.ts';
import { withCurrency } from '../schema/money.ts';

/** `tokens`, `requests`, `quantity`, `ratio`, or the ISO code of the money's one currency (a chart never mixes currencies). */
export type Unit = string;

const isCount = (unit: Unit) => unit === 'tokens' || unit === 'requests' || unit === 'tasks' || unit === 'rows' || unit === 'quantity';

const SUFFIXES: Array<[number, string]> = [
  [1e12, 'T'],
  [1e9, 'B'],
  [1e6, 'M'],
  [1e3, 'k'],
];

/** At most `digits` significant digits and `maxDecimals` decimals, trailing zeros dropped. */
function short(x: number, digits: number, maxDecimals: number): string {
  const abs = Math.abs(x);
  const intDigits = abs >= 1 ? Math.floor(Math.log10(abs)) + 1 : 0;
  const decimals = Math.min(maxDecimals, Math.max(0, digits - intDigits));
  return x
    .toFixed(decimals)
    .replace(/(\.\d*?)0+$/, '$1')
    .replace(/\.$/, '');
}

/** 1234 → "1.2k", 12345 → "12.3k", 0.00231 → "0.0023" (small unit costs keep their digits). */
export function compactNumber(x: number): string {
  const abs = Math.abs(x);
  for (const [size, suffix] of SUFFIXES) {
    // 999_960 rounds to "1000k"; promote it to the next suffix instead.
    if (abs >= size * 0.99995) return `${short(x / size, 3, 1)}${suffix}`;
  }
  if (abs === 0) return '0';
  if (abs >= 1) return short(x, 3, 2);
  return x
    .toPrecision(2)
    .replace(/(\.\d*?)0+$/, '$1')
    .replace(/\.$/, '');
}

/** A value in its unit, short: "$1.2k", "-€40", "$0.0023", "3.4M", "12.5%" (tokens, requests and quantities carry no suffix). */
export function formatValue(x: number, unit: Unit): string {
  if (unit === 'ratio') return `${short(x * 100, 3, 1)}%`;
  const text = compactNumber(Math.abs(x));
  const negative = x < 0 && text !== '0';
  return isCount(unit) ? `${negative ? '-' : ''}${text}` : withCurrency(text, unit, negative);
}

/** "+12%", "-3.4%", "new" when there was nothing before. */
export function formatPercent(pct: number | null): string {
  if (pct === null) return 'new';
  const rounded = Math.abs(pct) >= 10 ? Math.round(pct) : Math.round(pct * 10) / 10;
  return `${rounded > 0 ? '+' : ''}${rounded}%`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const parts = (iso: string) => {
  const d = new Date(`${iso}T00:00:00Z`);
  return { y: d.getUTCFullYear(), m: MONTHS[d.getUTCMonth()]!, d: d.getUTCDate() };
};

/** A period as people read it: "Nov 3, 2025", "week of Nov 3, 2025", "Nov 2025", "Nov 3, 2025 14:00 UTC". */
export function formatPeriod(iso: string, granularity: Step): string {
  if (granularity === 'hour') return `${formatPeriod(iso.slice(0, 10), 'day')} ${iso.slice(11, 16)} UTC`;
  const p = parts(iso);
  if (granularity === 'month') return `${p.m} ${p.y}`;
  return `${granularity === 'week' ? 'week of ' : ''}${p.m} ${p.d}, ${p.y}`;
}

/** [from, to) as "Oct 1 – 31, 2025", "Oct 15 – Nov 14, 2025" or "Dec 15, 2024 – Jan 14, 2025". */
export function formatRange(from: string, toExclusive: string): string {
  const a = parts(from);
  const last = addDays(toExclusive, -1);
  const b = parts(last);
  if (last <= from) return `${a.m} ${a.d}, ${a.y}`;
  if (a.y !== b.y) return `${a.m} ${a.d}, ${a.y} – ${b.m} ${b.d}, ${b.y}`;
  if (a.m !== b.m) return `${a.m} ${a.d} – ${b.m} ${b.d}, ${b.y}`;
  return `${a.m} ${a.d} – ${b.d}, ${b.y}`;
}

/** "effective_cost" → "Effective cost", "cost_per_1k_tokens" → "Cost per 1k tokens". */
export function metricLabel(metric: Metric): string {
  const words = metric.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** "ServiceName" → "service", "SubAccountId" → "sub account", "cost_center" → "cost center", "tag:env" → "env tag". */
export function dimensionLabel(dimension: string): string {
  if (dimension.startsWith('tag:')) return `${dimension.slice(4)} tag`;
  return dimension
    .replace(/(?<=[a-z])(Name|Id)$/, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/_/g, ' ')
    .toLowerCase();
}
