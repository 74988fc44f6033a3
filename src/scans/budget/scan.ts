/**
 * The budget scan: for each budget (src/budgets/), where it stands this month (status.ts), and findings
 * when the actual crosses each alert threshold (75 %, 100 % by default) and when the forecast
 * exceeds the budget. The period is part of the fingerprint, so each threshold is one finding per
 * period however often the scan runs. Unit economics are in unit-economics.ts.
 */
import type pg from 'pg';
import { formatScope } from '../../budgets/scope.ts';
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
}

function drafts(b: Budget, period: Period, m: Measure, remainingDays: number): FindingDraft[] {
  const name = b.name ?? formatScope(b.scope);
  const fmt = (x: number) => (m.metric === 'cost' ? money(x, b.currency) : `${Math.round(x).toLocaleString('en-US')} tokens`);
  const overrun = Math.max(0, m.forecast - m.limit) * m.dollarsPerUnit;
  const evidence = {
    period: period.label, budget: m.limit, metric: m.metric, actualToDate: Number(m.actual.toFixed(2)), forecast: Number(m.forecast.toFixed(2)),
    usedShare: m.actual / m.limit, forecastShare: m.forecast / m.limit, remainingDays,
    basis: `forecast = spend to date + each remaining day at the average of its weekday over the run-rate window; money at stake = the projected overrun${m.metric === 'tokens' ? ' at the scope\'s cost per token' : ''}`,
  };
  const base = { scope: b.scope, unit: m.unit, currency: b.currency, impactMonthly: overrun, ownerScope: undefined };
  const out: FindingDraft[] = [];
  for (const pct of b.alertAt) {
    if (m.actual < (m.limit * pct) / 100) continue;
    out.push({
      ...base,
      type: 'budget_threshold',
      key: `${period.label}:${m.metric}:${pct}`,
      title: `${name}: ${Math.floor((m.actual / m.limit) * 100)} % of the ${period.label} budget used (${fmt(m.actual)} of ${fmt(m.limit)}), past the ${pct} % alert`,
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
      title: `${name}: forecast ${fmt(m.forecast)} for ${period.label}, over the ${fmt(m.limit)} budget by ${fmt(m.forecast - m.limit)}`,
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
  for (const { budget: b, period, cost, tokens: t } of await budgetStatuses(pool, asOf, params.runRateDays)) {
    if (b.amount !== null) {
      const limit = Number(b.amount);
      out.push(...drafts(b, period, { metric: 'cost', limit, unit: b.currency, actual: cost.actual, forecast: cost.forecast, dollarsPerUnit: 1 }, cost.remainingDays));
    }
    if (b.tokenLimit !== null) {
      const perToken = t.actual > 0 ? cost.actual / t.actual : 0;
      out.push(...drafts(b, period, { metric: 'tokens', limit: Number(b.tokenLimit), unit: 'tokens', actual: t.actual, forecast: t.forecast, dollarsPerUnit: perToken }, t.remainingDays));
    }
  }
  out.push(...(await unitEconomics(pool, asOf, params.unitEconomics)));
  return out;
}
