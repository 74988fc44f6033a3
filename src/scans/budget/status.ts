/**
 * Where each budget stands this month: its spend (cloud rows and AI calls in its scope) and tokens
 * to date, and the weekday-aware forecast of the month's total (forecast.ts). The budget scan turns
 * these into findings; `penny ask` and the agent answer "will we go over budget?" from them.
 */
import type pg from 'pg';
import { listBudgets, type Budget } from '../../budgets/store.ts';
import { dailySource } from '../daily-source.ts';
import { addDays, inScanTransaction, Params, scopeWhere } from '../sql.ts';
import { forecastPeriod, monthlyPeriod, type Period } from './forecast.ts';

export type Forecast = ReturnType<typeof forecastPeriod>;

/** Daily cost and tokens of a scope over [from, to), summed over the sources that can express it. */
async function dailyOfScope(pool: pg.Pool, scope: Record<string, string>, from: string, to: string) {
  const cost = new Map<string, number>();
  const tokens = new Map<string, number>();
  let sources = 0;
  for (const source of ['cloud', 'ai'] as const) {
    const p = new Params();
    const rows = await inScanTransaction(pool, async (client) => {
      const src = await dailySource(client, source, Object.keys(scope), p.bind);
      const where = scopeWhere(scope, src.key, p.bind);
      if (where === null) return null;
      const { rows } = await client.query(
        `select ${src.bucket}::text as day, coalesce(sum(${src.cost}), 0)::float8 as cost, coalesce(sum(${src.tokens}), 0)::float8 as tokens
           from ${src.from} where ${src.where} and ${src.during(from, to)} and ${where} group by 1`,
        p.values,
      );
      return rows;
    });
    if (rows === null) continue;
    sources++;
    for (const r of rows) {
      cost.set(r.day, (cost.get(r.day) ?? 0) + r.cost);
      tokens.set(r.day, (tokens.get(r.day) ?? 0) + r.tokens);
    }
  }
  return sources ? { cost, tokens } : null;
}

/** The month holding the last complete day before asOf, and the day the forecast starts from. */
function periodAt(asOf: string): { period: Period; until: string } {
  const period = monthlyPeriod(asOf);
  return { period, until: asOf < period.end ? asOf : period.end };
}

/** Cost and tokens of a scope's month to date with their forecasts; null when no source has the scope's keys. */
export async function forecastScope(pool: pg.Pool, scope: Record<string, string>, asOf: string, runRateDays: number): Promise<{ period: Period; cost: Forecast; tokens: Forecast } | null> {
  const { period, until } = periodAt(asOf);
  const from = addDays(until, -runRateDays) < period.start ? addDays(until, -runRateDays) : period.start;
  const daily = await dailyOfScope(pool, scope, from, until);
  if (!daily) return null;
  return { period, cost: forecastPeriod(daily.cost, period, until, runRateDays), tokens: forecastPeriod(daily.tokens, period, until, runRateDays) };
}

export interface BudgetStatus {
  budget: Budget;
  period: Period;
  cost: Forecast;
  tokens: Forecast;
}

/** Every budget's month to date and forecast, in the order budgets are listed. */
export async function budgetStatuses(pool: pg.Pool, asOf: string, runRateDays: number): Promise<BudgetStatus[]> {
  const out: BudgetStatus[] = [];
  for (const budget of await listBudgets(pool)) {
    const f = await forecastScope(pool, budget.scope, asOf, runRateDays);
    if (f) out.push({ budget, ...f });
  }
  return out;
}
