/**
 * The budget scan: for each budget (src/budgets/), where it stands this month (status.ts), and findings
 * when the actual crosses each alert threshold (75 %, 100 % by default) and when the forecast
 * exceeds the budget. The period is part of the fingerprint, so each threshold is one finding per
 * period however often the scan runs. A budget counts only spend in its own currency; spend in
 * others is never added to it, and its findings say how much was left out. Unit economics are in
 * unit-economics.ts.
 */
import type pg from 'pg';
import { formatScope } from '../../schema/scope.ts';
import { currencyList } from '../../costs/currency.ts';
import type { Budget } from '../../budgets/store.ts';
import type { FindingDraft } from '../../findings/finding.ts';
import type { BudgetParams } from '../params.ts';
import { money } from '../format.ts';
import type { Period } from './forecast.ts';
import { budgetStatuses } from './status.ts';
import { unitEconomics } from './unit-economics.ts';

interface Measure {
  metric: 'cost' | 'tokens';
  limit: number;
  unit: string;
  actual: number;
  forecast: number;
  /** $ per unit of the measure, to put a money figure on a token overrun. */
  dollarsPerUnit: number;
  /** Spend to date in other currencies than the budget's: not counted, said so. */
  leftOut: { currency: string; actualToDate: number }[];
}

/** " (€1,200 in EUR left out: the budget is in USD)", or '' when all spend is in the budget's currency. */
function leftOutText(b: Budget, m: Measure): string {
  if (m.metric !== 'cost' || m.leftOut.length === 0) return '';
  return ` (${m.leftOut.map((o) => money(o.actualToDate, o.currency)).join(' and ')} in ${currencyList(m.leftOut.map((o) => o.currency))} left out: the budget is in ${b.currency})`;
}

function drafts(b: Budget, period: Period, m: Measure, remainingDays: number): FindingDraft[] {
  const name = b.name ?? formatScope(b.scope);
  const fmt = (x: number) => (m.metric === 'cost' ? money(x, b.currency) : `${Math.round(x).toLocaleString('en-US')} tokens`);
  const overrun = Math.max(0, m.forecast - m.limit) * m.dollarsPerUnit;
  const evidence = {
    period: period.label,
    budget: m.limit,
    metric: m.metric,
    actualToDate: Number(m.actual.toFixed(2)),
    forecast: Number(m.forecast.toFixed(2)),
    usedShare: m.actual / m.limit,
    forecastShare: m.forecast / m.limit,
    remainingDays,
    basis: `forecast = spend to date + each remaining day at the average of its weekday over the run-rate window; money at stake = the projected overrun${m.metric === 'tokens' ? " at the scope's cost per token" : ''}`,
    ...(m.metric === 'cost' && m.leftOut.length ? { leftOut: m.leftOut.map((o) => ({ ...o, actualToDate: Number(o.actualToDate.toFixed(2)) })) } : {}),
  };
  const note = leftOutText(b, m);
  const base = { scope: b.scope, unit: m.unit, currency: b.currency, impactMonthly: overrun, ownerScope: undefined };
  const out: FindingDraft[] = [];
  for (const pct of b.alertAt) {
    if (m.actual < (m.limit * pct) / 100) continue;
    out.push({
      ...base,
      type: 'budget_threshold',
      key: `${period.label}:${m.metric}:${pct}`,
      title: `${name}: ${Math.floor((m.actual / m.limit) * 100)} % of the ${period.label} budget used (${fmt(m.actual)} of ${fmt(m.limit)}), past the ${pct} % alert${note}`,
      expected: (m.limit * pct) / 100,
      actual: m.actual,
      evidence: { ...evidence, threshold: pct },
      remediation: `Tell the owners; review the largest items in ${formatScope(b.scope)} this month, or raise the budget with penny budget set if the growth is planned.`,
    });
  }
  if (m.forecast > m.limit && m.actual < m.limit) {
    out.push({
      ...base,
      type: 'budget_forecast',
      key: `${period.label}:${m.metric}`,
      title: `${name}: forecast ${fmt(m.forecast)} for ${period.label}, over the ${fmt(m.limit)} budget by ${fmt(m.forecast - m.limit)}${note}`,
      expected: m.limit,
      actual: m.forecast,
      evidence,
      remediation: `At the current weekday run rate the budget runs out before the month ends: cut or defer spend in ${formatScope(b.scope)}, or raise the budget if the growth is planned.`,
    });
  }
  return out;
}

export async function scanBudgets(pool: pg.Pool, asOf: string, params: BudgetParams): Promise<FindingDraft[]> {
  const out: FindingDraft[] = [];
  for (const { budget: b, period, cost, tokens: t, leftOut } of await budgetStatuses(pool, asOf, params.runRateDays)) {
    if (b.amount !== null) {
      const limit = Number(b.amount);
      out.push(...drafts(b, period, { metric: 'cost', limit, unit: b.currency, actual: cost.actual, forecast: cost.forecast, dollarsPerUnit: 1, leftOut }, cost.remainingDays));
    }
    if (b.tokenLimit !== null) {
      const perToken = t.actual > 0 ? cost.actual / t.actual : 0;
      out.push(...drafts(b, period, { metric: 'tokens', limit: Number(b.tokenLimit), unit: 'tokens', actual: t.actual, forecast: t.forecast, dollarsPerUnit: perToken, leftOut: [] }, t.remainingDays));
    }
  }
  out.push(...(await unitEconomics(pool, asOf, params.unitEconomics)));
  return out;
}
