/**
 * Budgets in Postgres: one per scope, set (created or replaced), listed and deleted. Amounts travel
 * as decimal text and token limits as integer text, so nothing passes through a float.
 */
import type pg from 'pg';
import { formatScope, normalizeScope, type Scope } from '../schema/scope.ts';

export interface BudgetInput {
  scope: Record<string, string>;
  name?: string | null;
  /** Money per period as decimal text (see parseMoney). */
  amount?: string | null;
  currency?: string;
  /** Tokens per period as integer text (see parseTokens). */
  tokenLimit?: string | null;
  /** Alert thresholds in percent of the budget. */
  alertAt?: number[];
}

export interface Budget {
  scope: Scope;
  name: string | null;
  period: 'monthly';
  amount: string | null;
  currency: string;
  tokenLimit: string | null;
  alertAt: number[];
  createdAt: string;
  updatedAt: string;
}

const DEFAULT_ALERT_AT = [75, 100];

export class BudgetError extends Error {
  override name = 'BudgetError';
}

const COLUMNS = `scope, name, period, amount::text as amount, currency, token_limit::text as token_limit,
  alert_at, created_at, updated_at`;

interface BudgetRow {
  scope: Scope;
  name: string | null;
  period: 'monthly';
  amount: string | null;
  currency: string;
  token_limit: string | null;
  alert_at: number[];
  created_at: Date;
  updated_at: Date;
}

function toBudget(r: BudgetRow): Budget {
  return {
    // jsonb keeps keys in its own order; give them back narrowest first.
    scope: normalizeScope(r.scope),
    name: r.name,
    period: r.period,
    amount: r.amount,
    currency: r.currency,
    tokenLimit: r.token_limit,
    alertAt: r.alert_at,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

/**
 * Creates the scope's budget, or replaces it entirely when the scope already has one: a budget is
 * what the last `set` said, so an option left out goes back to its default rather than lingering.
 */
export async function setBudget(pool: pg.Pool, input: BudgetInput): Promise<{ action: 'created' | 'updated'; budget: Budget }> {
  const scope = normalizeScope(input.scope);
  if (Object.keys(scope).length === 0) throw new BudgetError('a budget needs a scope');
  if (!input.amount && !input.tokenLimit) throw new BudgetError('a budget needs an amount, a token limit or both');
  const { rows } = await pool.query<BudgetRow & { inserted: boolean }>(
    `insert into budgets (scope, name, amount, currency, token_limit, alert_at)
     values ($1, $2, $3::numeric, $4, $5::bigint, $6::integer[])
     on conflict (scope) do update set
       name = excluded.name, amount = excluded.amount, currency = excluded.currency,
       token_limit = excluded.token_limit, alert_at = excluded.alert_at, updated_at = now()
     returning ${COLUMNS}, (xmax = 0) as inserted`,
    [JSON.stringify(scope), input.name?.trim() || null, input.amount ?? null, input.currency ?? 'USD', input.tokenLimit ?? null, input.alertAt ?? DEFAULT_ALERT_AT],
  );
  const row = rows[0]!;
  return { action: row.inserted ? 'created' : 'updated', budget: toBudget(row) };
}

export async function listBudgets(pool: pg.Pool): Promise<Budget[]> {
  const { rows } = await pool.query<BudgetRow>(`select ${COLUMNS} from budgets`);
  return rows.map(toBudget).sort((a, b) => (formatScope(a.scope) < formatScope(b.scope) ? -1 : 1));
}

/** Deletes the scope's budget; returns it, or null when the scope had none. */
export async function deleteBudget(pool: pg.Pool, scope: Record<string, string>): Promise<Budget | null> {
  const { rows } = await pool.query<BudgetRow>(`delete from budgets where scope = $1::jsonb returning ${COLUMNS}`, [JSON.stringify(normalizeScope(scope))]);
  return rows[0] ? toBudget(rows[0]) : null;
}
