/**
 * The tasks a cost per task or a task rate divides by, said: all of them ("over 1,234 tasks, of which 1,100
 * succeeded") or only the successful ones, with how many there were in all. The two figures are
 * different numbers, and an AI platform owner's "cost per task" is over every task, so the answer
 * names its denominator and how to ask for the other one. A success or failure rate says both its
 * counts ("149 of 1,289 tasks failed"). Counted from task outcomes through the
 * same query layer, viewer, scope and dates as the answer, over the whole answer (every group and
 * period together).
 */
import type pg from 'pg';
import { CostQueryError, isPerTaskCost, wholeOf, type CostQuery } from '../../costs/query.ts';
import { runCostQuery, type CostResult, type Viewer } from '../../costs/run.ts';
import { formatValue } from './format.ts';

const countOf = (r: CostResult) => r.rows.reduce((s, row) => s + (typeof row[r.metric] === 'number' ? (row[r.metric] as number) : 0), 0);

/** The sentence naming the tasks divided by; null for other metrics or where tasks cannot be counted in this scope. */
export async function taskCountNote(pool: pg.Pool, query: CostQuery, asOf: string, options: { viewer: Viewer; timeoutMs?: number }): Promise<string | null> {
  const rate = query.metric === 'task_success_rate' || query.metric === 'task_failure_rate';
  if (!isPerTaskCost(query.metric) && !rate) return null;
  const whole = wholeOf(query);
  const count = (metric: 'tasks' | 'successful_tasks' | 'failed_tasks') => runCostQuery(pool, { ...whole, metric }, { viewer: options.viewer, asOf, timeoutMs: options.timeoutMs }).then(countOf);
  let all: number;
  let part: number;
  try {
    [all, part] = await Promise.all([count('tasks'), count(query.metric === 'task_failure_rate' ? 'failed_tasks' : 'successful_tasks')]);
  } catch (e) {
    // A filter task outcomes do not carry (an agent's query): the answer stands without the counts.
    if (e instanceof CostQueryError) return null;
    throw e;
  }
  if (all === 0) return null;
  const tasks = (n: number) => formatValue(n, 'tasks');
  const rows = query.groupBy.length > 0 || query.granularity !== 'total';
  const period = `${query.compare ? ' in the period asked' : ''}${rows ? ', every row together' : ''}`;
  if (rate) {
    const ended = query.metric === 'task_failure_rate' ? 'failed' : 'succeeded';
    return `${part.toLocaleString('en-US')} of ${tasks(all)} ${ended}${period} (a task retried after failing counts as both failed and succeeded).`;
  }
  return query.metric === 'cost_per_task'
    ? `That is over all ${tasks(all)}${period}, whatever their outcome, of which ${part.toLocaleString('en-US')} succeeded; ask for the cost per successful task to divide by those only.`
    : `That divides by the ${tasks(part)} that succeeded${period}, of ${all.toLocaleString('en-US')} in all; ask for the cost per task to divide by every task.`;
}
