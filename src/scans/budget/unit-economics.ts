/**
 * Unit economics: cost per successful task per feature, from the AI calls of each task (task_id)
 * and its outcome (task_outcomes). All of a feature's task cost, failed tasks included, divided by
 * its successes: what one delivered result costs. A finding when the recent cost per success rises
 * above `riseFactor` × its baseline (margin erosion), or above the feature's configured price.
 * Per currency: a gateway billing in EUR gets its own figures, never summed with USD calls.
 * Tasks' calls are read from their daily sums (llm_task_days), which on Citus sit on the shard of
 * the task's outcome.
 */
import type pg from 'pg';
import { DEFAULT_CURRENCY } from '../../costs/currency.ts';
import type { FindingDraft } from '../../findings/finding.ts';
import type { BudgetParams } from '../params.ts';
import { currencyKey, money, percent } from '../format.ts';
import { addDays, DAYS_PER_MONTH, scanQuery } from '../sql.ts';

export async function unitEconomics(pool: pg.Pool, asOf: string, o: BudgetParams['unitEconomics']): Promise<FindingDraft[]> {
  const recentFrom = addDays(asOf, -o.recentDays);
  const baseFrom = addDays(recentFrom, -o.baselineDays);
  const { rows } = await scanQuery(
    pool,
    `with t as (
       select team, feature, currency, task_id, min(started) as started, coalesce(sum(cost), 0) as cost
         from llm_task_days where day >= $1::date and day < $3::date
        group by 1, 2, 3, 4),
     o as (select task_id, bool_or(status = 'success') as ok from task_outcomes where ts >= $1::timestamptz group by 1)
     select team, feature, currency,
            coalesce(sum(cost) filter (where started < $2::timestamptz), 0)::float8 as base_cost,
            count(*) filter (where started < $2::timestamptz and o.ok)::int as base_success,
            coalesce(sum(cost) filter (where started >= $2::timestamptz), 0)::float8 as recent_cost,
            count(*) filter (where started >= $2::timestamptz and o.ok)::int as recent_success,
            count(*) filter (where started >= $2::timestamptz)::int as recent_tasks,
            count(*) filter (where started < $2::timestamptz)::int as base_tasks
       from t join o using (task_id)
      group by 1, 2, 3`,
    [baseFrom, recentFrom, asOf],
  );
  const out: FindingDraft[] = [];
  for (const r of rows) {
    if (r.recent_success < o.minTasks) continue;
    const recent = r.recent_cost / r.recent_success;
    const ccy: string = r.currency;
    const perMonth = (r.recent_success / o.recentDays) * DAYS_PER_MONTH;
    const scope: Record<string, string> = { feature: r.feature };
    if (r.team) scope.team = r.team;
    const evidence = {
      recentDays: o.recentDays,
      baselineDays: o.baselineDays,
      recentTasks: r.recent_tasks,
      recentSuccesses: r.recent_success,
      baselineTasks: r.base_tasks,
      baselineSuccesses: r.base_success,
      recentCost: Number(r.recent_cost.toFixed(2)),
      recentSuccessRate: r.recent_tasks ? r.recent_success / r.recent_tasks : 0,
      baselineSuccessRate: r.base_tasks ? r.base_success / r.base_tasks : 0,
    };
    if (r.base_success >= o.minTasks) {
      const base = r.base_cost / r.base_success;
      if (base > 0 && recent > base * o.riseFactor) {
        out.push({
          type: 'unit_cost_rise',
          ...currencyKey(ccy),
          scope,
          title: `${r.feature}: cost per successful task ${money(recent, ccy)} over the last ${o.recentDays} days vs ${money(base, ccy)} before (${percent(recent / base - 1)})`,
          expected: base,
          actual: recent,
          unit: `${ccy}/successful task`,
          impactMonthly: (recent - base) * perMonth,
          currency: ccy,
          evidence: { ...evidence, baselineCostPerSuccess: base, basis: `the rise per successful task times the recent successes per month (${Math.round(perMonth)})` },
          remediation:
            'Margin erosion: see whether calls per task, tokens per call, the model or the success rate changed (agent-loop and oversized-context findings often explain it), and fix the cause or re-price.',
        });
      }
    }
    // Prices are set in USD (the default currency); calls billed in another are not compared with them.
    const price = ccy === DEFAULT_CURRENCY ? o.maxCostPerTask[r.feature] : undefined;
    if (price !== undefined && recent > price) {
      out.push({
        type: 'unit_cost_over_price',
        ...currencyKey(ccy),
        scope,
        title: `${r.feature}: a successful task costs ${money(recent, ccy)}, above its price of ${money(price, ccy)}`,
        expected: price,
        actual: recent,
        unit: `${ccy}/successful task`,
        impactMonthly: (recent - price) * perMonth,
        currency: ccy,
        evidence: { ...evidence, pricePerTask: price, basis: `the cost above the price per successful task times the recent successes per month (${Math.round(perMonth)})` },
        remediation: 'Each delivered task loses money: use a cheaper model, cache, cap steps per task, or raise the price.',
      });
    }
  }
  return out;
}
