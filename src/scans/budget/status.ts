/**
 * Where each budget stands this month: its spend (cloud rows and AI calls in its scope) and tokens
 * to date, and the weekday-aware forecast of the month's total (forecast.ts). A budget counts only
 * spend in its own currency; spend in others is returned apart (`leftOut`), never added. The budget scan turns
 * these into findings; `penny ask` and the agent answer "will we go over budget?" from them.
 */
import type pg from 'pg';
import { listBudgets, type Budget } from '../../budgets/store.ts';
import { DEFAULT_CURRENCY } from '../../costs/currency.ts';
import { dailySource } from '../daily-source.ts';
import { addDays, inScanTransaction, Params, scopeWhere } from '../sql.ts';
import { forecastPeriod, monthlyPeriod, type Period } from './forecast.ts';

export type Forecast = ReturnType<typeof forecastPeriod>;

/** Daily cost per currency and tokens of a scope over [from, to), summed over the sources that can express it. */
async function dailyOfScope(pool: pg.Pool, scope: Record<string, string>, from: string, to: string) {
  const cost = new Map<string, Map<string, number>>();
  const tokens = new Map<string, number>();
  let sources = 0;
  for (const source of ['cloud', 'ai'] as const) {
    const p = new Params();
    const rows = await inScanTransaction(pool, async (client) => {
      const src = await dailySource(client, source, Object.keys(scope), p.bind);
      const where = scopeWhere(scope, src.key, p.bind);
      if (where === null) return null;
      const { rows } = await client.query(
        `select ${src.bucket}::text as day, ${src.currency} as currency, coalesce(sum(${src.cost}), 0)::float8 as cost, coalesce(sum(${src.tokens}), 0)::float8 as tokens
           from ${src.from} where ${src.where} and ${src.during(from, to)} and ${where} group by 1, 2`,
        p.values,
      );
      return rows;
    });
    if (rows === null) continue;
    sources++;
    for (const r of rows) {
      const days = cost.get(r.currency) ?? new Map<string, number>();
      cost.set(r.currency, days.set(r.day, (days.get(r.day) ?? 0) + r.cost));
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

/** Spend to date in a currency other than the one counted: never added to it, said so. */
export interface LeftOut {
  currency: string;
  actualToDate: number;
}

export interface ScopeForecast {
  period: Period;
  /** Cost in `currency` only. */
  cost: Forecast;
  currency: string;
  tokens: Forecast;
  leftOut: LeftOut[];
}

/**
 * Cost in `currency` and tokens of a scope's month to date with their forecasts, and the spend to
 * date in other currencies, left out; null when no source has the scope's keys.
 */
export async function forecastScope(pool: pg.Pool, scope: Record<string, string>, asOf: string, runRateDays: number, currency = DEFAULT_CURRENCY): Promise<ScopeForecast | null> {
  const { period, until } = periodAt(asOf);
  const from = addDays(until, -runRateDays) < period.start ? addDays(until, -runRateDays) : period.start;
  const daily = await dailyOfScope(pool, scope, from, until);
  if (!daily) return null;
  const leftOut = [...daily.cost]
    .filter(([c]) => c !== currency)
    .map(([c, days]) => ({ currency: c, actualToDate: forecastPeriod(days, period, until, runRateDays).actual }))
    .filter((o) => o.actualToDate !== 0)
    .sort((x, y) => x.currency.localeCompare(y.currency));
  const cost = forecastPeriod(daily.cost.get(currency) ?? new Map(), period, until, runRateDays);
  return { period, cost, currency, tokens: forecastPeriod(daily.tokens, period, until, runRateDays), leftOut };
}

export interface BudgetStatus extends ScopeForecast {
  budget: Budget;
}

/** Every budget's month to date and forecast, in the order budgets are listed. */
export async function budgetStatuses(pool: pg.Pool, asOf: string, runRateDays: number): Promise<BudgetStatus[]> {
  const out: BudgetStatus[] = [];
  for (const budget of await listBudgets(pool)) {
    const f = await forecastScope(pool, budget.scope, asOf, runRateDays, budget.currency);
    if (f) out.push({ budget, ...f });
  }
  return out;
}
