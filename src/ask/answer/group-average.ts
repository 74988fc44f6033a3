/**
 * An average per group: "avg daily spend per provider last month", "average monthly spend per team
 * over the last 3 full months", "avg weekly AI cost by model this quarter". Each group's total over
 * the whole periods, divided by their count: a daily one over the days of the range the data holds, a weekly or
 * monthly one over the whole weeks or months the data holds (the rules of period-average.ts, part
 * periods left out and said). A period in which a group spent nothing counts as 0 for it, said: an
 * average over only the periods a group spent in would make a one-off look like a habit.
 */
import type pg from 'pg';
import { dataCoverage } from '../../costs/coverage.ts';
import { isAdditive, type CostQuery } from '../../costs/query.ts';
import { runCostQuery, type CostRow } from '../../costs/run.ts';
import { coveredDays } from './covered-days.ts';
import type { Plan } from '../planner/plan-result.ts';
import { declined, offlineFields, type Answer, type AskOptions } from './answer.ts';
import { dimensionName, formatValue, howText, metricName, scopeText } from './format.ts';
import { coveredPeriods } from './period-average.ts';
import { capital, when } from './summary.ts';

/** Groups named in the sentence; the rows hold them all. */
const NAMED = 6;

interface Group {
  row: CostRow;
  total: number;
  unit: string;
}

export async function answerGroupAverage(pool: pg.Pool, plan: Plan, options: AskOptions & { asOf: string }): Promise<Answer> {
  const unit = plan.average?.unit ?? 'day';
  const m = plan.query.metric;
  if (!isAdditive(m)) return declined(`${capital(metricName(m))} is not an amount that adds up over ${unit}s, so it has no average per ${unit}; ask for it over the period.`, [], options.asOf);
  const dims = plan.query.groupBy;
  // A daily average is each group's total over the range's days; a weekly or monthly one reads each period, to keep the whole ones the data holds.
  const query: CostQuery = { ...plan.query, granularity: unit === 'day' ? 'total' : unit, limit: undefined, orderBy: { by: 'metric', direction: 'desc' } };
  const run = { viewer: options.viewer, asOf: options.asOf, timeoutMs: options.timeoutMs };
  const [result, coverage] = await Promise.all([runCostQuery(pool, query, run), dataCoverage(pool, query.dataset, options.timeoutMs)]);
  const covered = plan.average ? coveredPeriods(result, plan.average, coverage) : { starts: null, named: when(result, plan.period), left: [] };
  if ('refusal' in covered) return declined(covered.refusal, [], options.asOf);
  // A daily average divides by the days of the range the data holds (covered-days.ts).
  const days = plan.average ? null : coveredDays(result.range, coverage);
  if (days && 'refusal' in days) return declined(days.refusal, [], options.asOf);
  const kept = covered.starts ? new Set(covered.starts) : null;
  const n = covered.starts?.length ?? days?.days ?? 0;
  const groups = new Map<string, Group>();
  for (const r of result.rows) {
    if (kept && !kept.has(String(r.period))) continue;
    const money = typeof r.currency === 'string' ? r.currency : null;
    const key = JSON.stringify([...dims.map((d) => r[d] ?? null), money]);
    const g = groups.get(key) ?? { row: { ...Object.fromEntries(dims.map((d) => [d, r[d] ?? null])), ...(money ? { currency: money } : {}) }, total: 0, unit: money ?? result.unit };
    g.total += Number(r[m] ?? 0);
    groups.set(key, g);
  }
  const all = [...groups.values()].sort((a, b) => (plan.query.orderBy.direction === 'asc' ? a.total - b.total : b.total - a.total));
  const shown = plan.query.limit ? all.slice(0, plan.query.limit) : all;
  const rows = shown.map((g) => ({ ...g.row, average: g.total / n, total: g.total }));
  const label = (g: Group) => dims.map((d) => g.row[d] ?? `(no ${dimensionName(d)})`).join(' / ');
  const each = shown.slice(0, NAMED).map((g) => `${label(g)} ${formatValue(g.total / n, g.unit)} a ${unit} (total ${formatValue(g.total, g.unit)})`);
  const more = shown.length > NAMED ? `, and ${shown.length - NAMED} more` : '';
  const ly = unit === 'day' ? 'daily' : `${unit}ly`;
  const over = kept ? `${n} whole ${unit}${n === 1 ? '' : 's'}` : `${n} day${n === 1 ? '' : 's'}${days?.said ?? ''}`;
  const by = dims.map(dimensionName).join(' and ');
  const body = shown.length ? each.join(', ') + more : `nothing in this period and scope`;
  const zero = `A ${unit} in which a ${dimensionName(dims[0]!)} spent nothing counts as 0 for it.`;
  const text = `Average ${ly} ${metricName(m)}${scopeText(plan.query)} by ${by}, ${covered.named}, over ${over}: ${body}. ${zero}${covered.left.length ? ` Left out: ${covered.left.join('; ')}.` : ''}`;
  const units = new Set(all.map((g) => g.unit));
  const sum = all.reduce((s, g) => s + g.total, 0);
  return {
    answer: text,
    // Every group's average together is the scope's average: one figure only in one currency.
    value: units.size <= 1 ? sum / n : null,
    unit: units.size === 1 ? [...units][0]! : result.unit,
    rows,
    query,
    ...offlineFields(result),
    how: howText(result, [...plan.assumptions, `each ${by}'s total over ${over}, a ${unit} with none counted as 0`, ...(days ? [days.reading] : [])], plan.corrections),
    column: 'average',
  };
}
