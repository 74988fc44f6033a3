/**
 * Agent loops: tasks of a feature whose calls or tokens per task are far above that feature's
 * norm (`loopFactor` × its 95th percentile over the baseline days), in the recent days. The waste
 * is what those tasks cost beyond a normal task of the feature; their outcomes are in evidence.
 * Tasks' calls are read from their daily sums (llm_task_days).
 */
import type { FindingDraft } from '../../findings/finding.ts';
import { currencyKey, money } from '../format.ts';
import { addDays, DAYS_PER_MONTH, scanQuery } from '../sql.ts';
import { type WasteCheck } from './context.ts';

export const agentLoop: WasteCheck = async ({ pool, asOf, params }) => {
  const recentFrom = addDays(asOf, -params.recentDays);
  const { rows } = await scanQuery(
    pool,
    `with t as (
       -- Costs are summed per currency: a feature's calls billed in EUR and in USD are two norms.
       select team, feature, currency, task_id, min(started) as started, sum(calls)::bigint as calls, sum(tokens) as tokens, sum(cost) as cost
         from llm_task_days where day >= $1::date and day < $3::date
        group by 1, 2, 3, 4),
     base as (
       select team, feature, currency, count(*) as tasks, avg(cost) as cost_per_task,
              percentile_cont(0.5) within group (order by calls) as calls_median, percentile_cont(0.95) within group (order by calls) as calls_p95,
              percentile_cont(0.95) within group (order by tokens) as tokens_p95
         from t where started < $2::timestamptz group by 1, 2, 3),
     loops as (
       select t.*, b.cost_per_task from t join base b on b.team is not distinct from t.team and b.feature = t.feature and b.currency = t.currency
        where t.started >= $2::timestamptz and b.tasks >= $5 and (t.calls > $4 * b.calls_p95 or t.tokens > $4 * b.tokens_p95)),
     -- The looping tasks' outcomes, joined after: a lateral subquery per task would be one Citus
     -- cannot distribute (t is an intermediate result there).
     outcome as materialized (
       select task_id, bool_or(status = 'failure') and not bool_or(status = 'success') as failed
         from task_outcomes where task_id in (select task_id from loops) group by task_id)
     select l.team, l.feature, l.currency, count(*)::int as loops, sum(l.cost)::float8 as cost, sum(l.cost - l.cost_per_task)::float8 as excess,
            max(l.calls)::int as max_calls, percentile_cont(0.5) within group (order by l.calls)::float8 as loop_calls_median,
            (select count(*) from t where t.team is not distinct from l.team and t.feature = l.feature and t.currency = l.currency and t.started >= $2::timestamptz)::int as recent_tasks,
            min(b.calls_median)::float8 as calls_median, min(b.calls_p95)::float8 as calls_p95, min(b.cost_per_task)::float8 as cost_per_task,
            count(*) filter (where o.failed)::int as failed, (array_agg(l.task_id order by l.calls desc, l.task_id))[1:5] as examples
       from loops l join base b on b.team is not distinct from l.team and b.feature = l.feature and b.currency = l.currency
       left join outcome o on o.task_id = l.task_id
      group by l.team, l.feature, l.currency having count(*) >= $6`,
    [addDays(recentFrom, -params.baselineDays), recentFrom, asOf, params.loopFactor, params.loopMinBaselineTasks, params.loopMinTasks],
  );
  const drafts: FindingDraft[] = [];
  for (const r of rows) {
    const impact = (Math.max(0, r.excess) / params.recentDays) * DAYS_PER_MONTH;
    if (impact < params.minMonthly) continue;
    const scope: Record<string, string> = { feature: r.feature };
    if (r.team) scope.team = r.team;
    drafts.push({
      type: 'agent_loop',
      scope,
      ...currencyKey(r.currency),
      title: `${r.feature}: ${r.loops} tasks in the last ${params.recentDays} days made up to ${r.max_calls} calls (norm ${Math.round(r.calls_median)}), ${r.failed} of them failed`,
      expected: r.calls_p95,
      actual: r.loop_calls_median,
      unit: 'calls/task',
      impactMonthly: impact,
      currency: r.currency,
      evidence: {
        loopingTasks: r.loops,
        recentTasks: r.recent_tasks,
        failedLoopingTasks: r.failed,
        maxCalls: r.max_calls,
        loopCallsMedian: r.loop_calls_median,
        normCallsMedian: r.calls_median,
        normCallsP95: r.calls_p95,
        normCostPerTask: r.cost_per_task,
        loopCost: Number(r.cost.toFixed(2)),
        excessCost: Number(r.excess.toFixed(2)),
        exampleTasks: r.examples,
        basis: `what the looping tasks cost beyond a normal task of the feature (${money(r.excess, r.currency)} in ${params.recentDays} days), as a monthly rate`,
      },
      remediation: 'Cap the agent: a maximum number of steps or tokens per task, loop detection on repeated tool calls, and a budget per task; then look at the example tasks for why they looped.',
    });
  }
  return drafts;
};
