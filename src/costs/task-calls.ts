/**
 * The AI cost that cost per task (all tasks, or successful ones) divides: only calls made within a task (with a task
 * id). Features that record no tasks would otherwise add their whole spend to a per-task figure.
 * Read from the per-task daily sums (llm_task_days, migration 033) when they hold exactly those
 * calls for the query: they keep calls that have a task and a feature, so a query kept to named
 * features, split or filtered by team and feature only, reads them; any other reads llm_usage's
 * calls with a task id.
 */
import { isPerTaskCost, type CostQuery } from './query.ts';
import type { Viewer } from './compile.ts';

/**
 * The branch's measures, under the names the AI branch uses, summed over its keys (taskCallsGrouping):
 * a month of a feature is tens of thousands of task days or calls, and only their totals divide
 * (the successes are counted from task outcomes); each group then counts as one row summed.
 */
export const taskCallsMeasures = (fromTaskDays: boolean) =>
  `sum(cost) as billed, sum(cost) as effective, sum(cost) as list, 0::bigint as input, 0::bigint as output, 0::bigint as cached, sum(${fromTaskDays ? 'calls' : 'requests'}) as requests, null::text as task_id, false as success`;
const MEASURE_COLUMNS = 9;

/** The branch's `group by`: every column of `cols` but the measures (the entry at `at`, of 9 columns). */
export function taskCallsGrouping(cols: string[], at: number): string {
  const ordinals = cols.flatMap((_, i) => (i < at ? [i + 1] : i > at ? [i + MEASURE_COLUMNS] : []));
  return ` group by ${ordinals.join(', ')}`;
}

const ON_TASK_DAYS = new Set(['team', 'feature']);

/** Whether the per-task sums give this query's task calls exactly (see the module comment). */
export function readsTaskDays(q: CostQuery, viewer: Viewer): boolean {
  // Task days are whole days: hours read the calls themselves.
  if (!isPerTaskCost(q.metric) || q.periodBasis === 'billing' || q.granularity === 'hour') return false;
  const dims = [...q.groupBy, ...q.filters.map((f) => f.dimension), ...(viewer.admin ? [] : ['team'])];
  const namedFeatures = q.filters.some((f) => f.dimension === 'feature' && (f.op === 'in' || (f.op === 'eq' && f.value !== null)));
  return namedFeatures && dims.every((d) => ON_TASK_DAYS.has(d));
}
