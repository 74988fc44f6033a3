/**
 * The tasks a cost per task divides by, said: all of them ("over 1,234 tasks, of which 1,100
 * succeeded") or only the successful ones, with how many there were in all. The two figures are
 * different numbers, and an AI platform owner's "cost per task" is over every task, so the answer
 * names its denominator and how to ask for the other one. Counted from task outcomes through the
 * same query layer, viewer, scope and dates as the answer, over the whole answer (every group and
 * period together).
 */
import type pg from 'pg';
import { CostQueryError, isPerTaskCost, type CostQuery } from '../../costs/query.ts';
import { runCostQuery, type CostResult, type Viewer } from '../../costs/run.ts';
import { formatValue } from './format.ts';

const countOf = (r: CostResult) => r.rows.reduce((s, row) => s + (typeof row[r.metric] === 'number' ? (row[r.metric] as number) : 0), 0);

/** The sentence naming the tasks divided by; null for other metrics or where tasks cannot be counted in this scope. */
export async function taskCountNote(pool: pg.Pool, query: CostQuery, asOf: string, options: { viewer: Viewer; timeoutMs?: number }): Promise<string | null> {
  if (!isPerTaskCost(query.metric)) return null;
  const whole: CostQuery = {
    ...query,
    groupBy: [],
    granularity: 'total',
    compare: undefined,
    limit: undefined,
    threshold: undefined,
    currency: undefined,
    orderBy: { by: 'metric', direction: 'desc' },
  };
  const count = (metric: 'tasks' | 'successful_tasks') => runCostQuery(pool, { ...whole, metric }, { viewer: options.viewer, asOf, timeoutMs: options.timeoutMs }).then(countOf);
  let all: number;
  let succeeded: number;
  try {
    [all, succeeded] = await Promise.all([count('tasks'), count('successful_tasks')]);
  } catch (e) {
    // A filter task outcomes do not carry (an agent's query): the answer stands without the counts.
    if (e instanceof CostQueryError) return null;
    throw e;
  }
  if (all === 0) return null;
  const tasks = (n: number) => formatValue(n, 'tasks');
  const rows = query.groupBy.length > 0 || query.granularity !== 'total';
  const period = `${query.compare ? ' in the period asked' : ''}${rows ? ', every row together' : ''}`;
  return query.metric === 'cost_per_task'
    ? `That is over all ${tasks(all)}${period}, whatever their outcome, of which ${succeeded.toLocaleString('en-US')} succeeded; ask for the cost per successful task to divide by those only.`
    : `That divides by the ${tasks(succeeded)} that succeeded${period}, of ${all.toLocaleString('en-US')} in all; ask for the cost per task to divide by every task.`;
}
