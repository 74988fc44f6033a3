/**
 * LLM calls per task, an agent's loop length: the calls of the features that record task outcomes
 * over their tasks (distinct task ids), in the question's scope and period. Calls of features that
 * record no tasks are left out, so a chat feature's calls do not make the support agent look loopy.
 */
import type pg from 'pg';
import type { CostQuery } from '../../costs/query.ts';
import { runCostQuery, type CostResult, type Viewer } from '../../costs/run.ts';
import { formatValue, scopeText } from './format.ts';
import type { DerivedAnswer } from './derived.ts';
import { when as periodWhen } from './summary.ts';

const totalOf = (r: CostResult, metric: string) => r.rows.reduce((s, row) => s + (typeof row[metric] === 'number' ? (row[metric] as number) : 0), 0);

export async function answerCallsPerTask(pool: pg.Pool, query: CostQuery, period: string, options: { viewer: Viewer; asOf: string; timeoutMs?: number }): Promise<DerivedAnswer> {
  const run = (q: CostQuery) => runCostQuery(pool, q, { viewer: options.viewer, asOf: options.asOf, timeoutMs: options.timeoutMs });
  const tasks = await run({ ...query, metric: 'tasks', groupBy: ['feature'] });
  const features = tasks.rows.map((r) => r.feature).filter((f): f is string => typeof f === 'string');
  // No feature records tasks: no call counts (an 'in' needs a value; no feature is named '').
  const filters: CostQuery['filters'] = [...query.filters, { dimension: 'feature', op: 'in', values: features.length > 0 ? features : [''] }];
  const calls = await run({ ...query, metric: 'requests', filters });
  const [x, y] = [totalOf(calls, 'requests'), totalOf(tasks, 'tasks')];
  const per = y !== 0 ? x / y : null;
  const when = periodWhen(calls, period);
  const which = features.length > 0 ? `; calls of ${features.join(', ')}, the features that record tasks` : '';
  const figure = per === null ? 'n/a (no tasks recorded in this period)' : `${per.toFixed(1)} (${formatValue(x, 'requests')} over ${formatValue(y, 'tasks')}${which})`;
  return { text: `LLM calls per task${scopeText(query)}, ${when}: ${figure}.`, value: per, unit: 'requests', rows: [{ requests: x, tasks: y, calls_per_task: per }], result: calls };
}
