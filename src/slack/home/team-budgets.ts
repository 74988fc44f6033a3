/**
 * Month-to-date spend of some teams against their budgets, with the budget scan's weekday-aware
 * forecast (src/scans/budget/forecast.ts) over the same period and run-rate window, so App Home
 * and the budget findings never disagree. The daily spend is one CostQuery (team × day) run as the
 * viewer; a team's budget is the one whose scope is exactly that team. A team's spend is counted
 * in its budget's currency (USD without a budget) only, as the budget scan counts it.
 */
import type pg from 'pg';
import { listBudgets } from '../../budgets/store.ts';
import { DEFAULT_CURRENCY } from '../../costs/currency.ts';
import { runCostQuery, type Viewer } from '../../costs/run.ts';
import { forecastPeriod, monthlyPeriod, type Period } from '../../scans/budget/forecast.ts';
import { BudgetParams } from '../../scans/params.ts';
import { addDays, daysBetween } from '../../scans/sql.ts';

export interface TeamBudget {
  team: string;
  /** Spent in the period so far. */
  actual: number;
  /** Actual plus the weekday run rate for the rest of the period. */
  forecast: number;
  /** The monthly budget, or null when the team has none. */
  budget: number | null;
  currency: string;
}

export interface TeamBudgets {
  period: Period;
  teams: TeamBudget[];
  dataThrough: string | null;
}

const RUN_RATE_DAYS = BudgetParams.parse({}).runRateDays;
const CURRENCIES_PER_TEAM = 4;

/** Every team that has a budget of its own, with its amount. */
export async function teamBudgetAmounts(pool: pg.Pool): Promise<Map<string, { amount: number; currency: string }>> {
  const out = new Map<string, { amount: number; currency: string }>();
  for (const b of await listBudgets(pool)) {
    const keys = Object.keys(b.scope);
    if (keys.length === 1 && keys[0] === 'team' && b.amount !== null) out.set(b.scope.team!, { amount: Number(b.amount), currency: b.currency });
  }
  return out;
}

export async function teamBudgets(pool: pg.Pool, teams: readonly string[], viewer: Viewer, asOf: string): Promise<TeamBudgets> {
  const period = monthlyPeriod(asOf);
  // As in the budget scan: a period already over is measured to its end, with no forecast left.
  const until = asOf < period.end ? asOf : period.end;
  const from = addDays(until, -RUN_RATE_DAYS) < period.start ? addDays(until, -RUN_RATE_DAYS) : period.start;
  if (teams.length === 0) return { period, teams: [], dataThrough: null };
  const result = await runCostQuery(
    pool,
    { dataset: 'all', metric: 'effective_cost', groupBy: ['team'], filters: [{ dimension: 'team', op: 'in', values: [...teams] }], time: { from, to: until }, granularity: 'day' },
    // Rows come per currency: room for a few currencies per team and day.
    { viewer, asOf, rowCap: CURRENCIES_PER_TEAM * teams.length * (daysBetween(from, until) + 1) },
  );
  const budgets = await teamBudgetAmounts(pool);
  const currencyOf = (team: string) => budgets.get(team)?.currency ?? DEFAULT_CURRENCY;
  const daily = new Map<string, Map<string, number>>(teams.map((t) => [t, new Map()]));
  for (const r of result.rows) if (r.currency === currencyOf(String(r.team))) daily.get(String(r.team))?.set(String(r.period), Number(r.effective_cost));
  return {
    period,
    dataThrough: result.dataThrough,
    teams: teams.map((team) => {
      const f = forecastPeriod(daily.get(team)!, period, until, RUN_RATE_DAYS);
      return { team, actual: f.actual, forecast: f.forecast, budget: budgets.get(team)?.amount ?? null, currency: currencyOf(team) };
    }),
  };
}
