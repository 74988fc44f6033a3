/**
 * A weekly or monthly average's answer (planner/period-average.ts): the total over the whole weeks
 * or months queried that the stored data covers, over their count, per currency, naming them ("Aug,
 * Sep and Oct 2026: 3 whole months") and what was left out. A period before the data starts or
 * after it ends would count as a period of no spend and pull the average down, so it is left out
 * too: the data's coverage is the load's (every team's), as the default period's end is.
 */
import type { Coverage } from '../../costs/coverage.ts';
import { isAdditive } from '../../costs/query.ts';
import type { CostResult, CostRow } from '../../costs/run.ts';
import { addDays } from '../../schema/days.ts';
import { formatValue, metricName, rangeText, scopeText } from './format.ts';
import { capital } from './summary.ts';

export interface PeriodAverage {
  text: string;
  value: number | null;
  /** The rows of the periods averaged. */
  rows: CostRow[];
}

const next = (day: string, unit: 'week' | 'month') => (unit === 'week' ? addDays(day, 7) : `${new Date(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)), 1)).toISOString().slice(0, 10)}`);
const monthName = (day: string, year: boolean) => new Date(`${day}T00:00:00Z`).toLocaleString('en-US', { month: 'short', ...(year ? { year: 'numeric' } : {}), timeZone: 'UTC' });

/** "Aug, Sep and Oct 2026 (2026-08-01 to 2026-10-31)", "Nov 2025 to Oct 2026 (…)"; weeks by their days alone. */
function named(starts: string[], unit: 'week' | 'month', to: string): string {
  const days = rangeText({ from: starts[0]!, to });
  if (unit === 'week') return `the weeks of ${days} (Monday to Sunday)`;
  return `${monthNames(starts)} (${days})`;
}

function monthNames(starts: string[]): string {
  if (starts.length > 4) return `${monthName(starts[0]!, true)} to ${monthName(starts.at(-1)!, true)}`;
  const oneYear = starts.every((s) => s.slice(0, 4) === starts[0]!.slice(0, 4));
  const names = starts.map((s, i) => monthName(s, !oneYear || i === starts.length - 1));
  return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** The whole periods of a result's range that `coverage` holds, and what is left out, said; or why there are none. */
export function coveredPeriods(result: CostResult, average: { unit: 'week' | 'month'; left: string[] }, coverage: Coverage | null): CoveredPeriods | { refusal: string } {
  const { unit } = average;
  const last = coverage ? [coverage.last, addDays(result.asOf, -1)].sort()[0]! : null;
  const starts: string[] = [];
  const uncovered: string[] = [];
  for (let p = result.range.from; p < result.range.to; p = next(p, unit)) {
    if (coverage && last && coverage.first <= p && addDays(next(p, unit), -1) <= last) starts.push(p);
    else uncovered.push(p);
  }
  const covers = coverage ? `cost data covers ${coverage.first} to ${coverage.last}` : 'no cost data is stored yet';
  if (starts.length === 0) return { refusal: `No whole ${unit} of ${rangeText(result.range)} is held by the data (${covers}), so there is no ${unit}ly average to give.` };
  // The data's coverage is one run of days: what it does not hold lies before the periods kept, or after them.
  const outside = [uncovered.filter((p) => p < starts[0]!), uncovered.filter((p) => p > starts[0]!)].filter((ps) => ps.length > 0);
  const left = [...average.left, ...outside.map((ps) => `${rangeText({ from: ps[0]!, to: next(ps.at(-1)!, unit) })}, not wholly in the data (${covers})`)];
  return { starts, named: named(starts, unit, next(starts.at(-1)!, unit)), left };
}

export interface CoveredPeriods {
  /** The first day of each whole period kept. */
  starts: string[];
  /** "Aug, Sep and Oct 2026 (2026-08-01 to 2026-10-31)". */
  named: string;
  /** The periods left out, each said with why. */
  left: string[];
}

/** The average of the whole periods in `result` that `coverage` holds, said; or why there is none. */
export function periodAverage(result: CostResult, average: { unit: 'week' | 'month'; left: string[] }, coverage: Coverage | null, annualized = false): PeriodAverage | { refusal: string } {
  const { unit } = average;
  const m = result.metric;
  if (!isAdditive(m)) return { refusal: `${capital(metricName(m))} is not an amount that adds up over ${unit}s, so it has no ${unit}ly average; ask for it over the period.` };
  const covered = coveredPeriods(result, average, coverage);
  if ('refusal' in covered) return covered;
  const { starts, left } = covered;
  const kept = new Set(starts);
  const rows = result.rows.filter((r) => kept.has(String(r.period)));
  const totals = new Map<string, number>();
  for (const r of rows) totals.set(String(r.currency ?? result.unit), (totals.get(String(r.currency ?? result.unit)) ?? 0) + Number(r[m] ?? 0));
  if (totals.size === 0) totals.set(result.unit, 0);
  const n = starts.length;
  // Annualized: twelve times the monthly average, the average said beside it (annualized.ts).
  const times = annualized ? 12 : 1;
  const each = [...totals].map(
    ([ccy, total]) => `${annualized ? `${formatValue((total / n) * times, ccy)} a year, 12 times ` : ''}${formatValue(total / n, ccy)} a ${unit} (total ${formatValue(total, ccy)})`,
  );
  const head = `${annualized ? 'Annualized run rate of' : `Average ${unit}ly`} ${metricName(m)}${scopeText(result.query)}, ${annualized ? 'from ' : ''}${covered.named}: `;
  const over = `over ${n} whole ${unit}${n === 1 ? '' : 's'}`;
  const body = totals.size === 1 ? `${each[0]!.replace(' (total', ` ${over} (total`)}` : `${over}, per currency (amounts in different currencies are not added): ${each.join('; ')}`;
  return { text: `${head}${body}.${left.length ? ` Left out: ${left.join('; ')}.` : ''}`, value: totals.size === 1 ? ([...totals.values()][0]! / n) * times : null, rows };
}
