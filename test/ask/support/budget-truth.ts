/**
 * Budget truths over the demo company, by hand over the raw tables: a team's spend (its tagged
 * cloud rows and its AI calls) and the amount of its monthly budget.
 */
import type pg from 'pg';

/** A team's spend over [from, to), cloud rows and AI calls. */
export async function teamSpend(pool: pg.Pool, team: string, from: string, to: string): Promise<number> {
  const { rows } = await pool.query(
    `select (select coalesce(sum(effective_cost), 0) from cost_lines where tags->>'team' = $1 and charge_period_start >= $2 and charge_period_start < $3)
          + (select coalesce(sum(cost), 0) from llm_usage where team = $1 and ts >= $2 and ts < $3) as v`,
    [team, from, to],
  );
  return Number(rows[0].v);
}

/** The amount of a team's monthly budget. */
export async function budgetAmount(pool: pg.Pool, team: string): Promise<number> {
  return Number((await pool.query(`select amount from budgets where scope = $1::jsonb`, [JSON.stringify({ team })])).rows[0].amount);
}
