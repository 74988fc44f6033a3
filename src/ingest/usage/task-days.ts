/**
 * The per-task daily sums of AI calls (llm_task_days, migration 033), kept exact as llm_usage
 * changes: calls stored by a load are added to their task's day (a sum and a minimum only grow),
 * and the days of calls deleted or repriced are summed again from llm_usage, since a minimum
 * cannot be taken back. Only calls with a task and a feature are summed.
 */
import type pg from 'pg';

/** The UTC day of a call: the sums' key, as every daily figure of Penny's. */
const DAY = `(ts at time zone 'UTC')::date`;

/** The sums of calls of `source` (a relation with llm_usage's columns), grouped by task, day and attribution. */
const sumsOf = (source: string) =>
  `select task_id, ${DAY} as day, team, feature, currency, min(ts) as started, count(*) as calls, sum(input_tokens + output_tokens) as tokens, sum(cost) as cost
     from ${source} where task_id is not null and feature is not null
    group by 1, 2, 3, 4, 5`;

const COLUMNS = 'task_id, day, team, feature, currency, started, calls, tokens, cost';

/**
 * A statement that adds the sums of the calls in `source` (a CTE of newly stored calls) to
 * llm_task_days, for a writable CTE of the statement that stores them.
 */
export const addTaskDaysSql = (source: string) =>
  `insert into llm_task_days (${COLUMNS}) ${sumsOf(source)}
   on conflict on constraint llm_task_days_key do update
      set started = least(llm_task_days.started, excluded.started), calls = llm_task_days.calls + excluded.calls,
          tokens = llm_task_days.tokens + excluded.tokens,
          cost = case when llm_task_days.cost is null then excluded.cost when excluded.cost is null then llm_task_days.cost else llm_task_days.cost + excluded.cost end`;

/** A task's day whose calls changed other than by being added. */
export interface TaskDay {
  taskId: string;
  day: string;
}

/**
 * The SQL columns that name the task day of a changed call of llm_usage `alias`, for `returning`:
 * read back with taskDaysOf. The day is taken in JavaScript: Citus allows only immutable
 * functions in `returning`, and formatting a date is not.
 */
export const taskDayColumns = (alias: string) => `${alias}.task_id as task_day_task, ${alias}.ts as task_day_ts`;

/** The task days of rows with a task (`task_day_task`) and a time in its day (`task_day_ts`), each once; calls without a task are left out. */
export function taskDaysOf(rows: { task_day_task: string | null; task_day_ts: Date }[]): TaskDay[] {
  const days = new Map<string, TaskDay>();
  for (const r of rows) {
    if (r.task_day_task === null) continue;
    const day = r.task_day_ts.toISOString().slice(0, 10);
    days.set(JSON.stringify([r.task_day_task, day]), { taskId: r.task_day_task, day });
  }
  return [...days.values()];
}

/**
 * Sums again, from llm_usage, the given task days (after their calls were deleted or repriced), in
 * the caller's transaction.
 */
export async function resumTaskDays(client: pg.PoolClient, days: TaskDay[]): Promise<void> {
  if (days.length === 0) return;
  const tasks = days.map((d) => d.taskId);
  const dates = days.map((d) => d.day);
  // The changed keys, collected first: a join of llm_usage (distributed by call) with a list of
  // values is one Citus runs as a broadcast of that list.
  const keys = 'select t as task_id, d as day from unnest($1::text[], $2::date[]) k(t, d)';
  await client.query(`delete from llm_task_days s using (${keys}) k where s.task_id = k.task_id and s.day = k.day`, [tasks, dates]);
  const first = dates.reduce((a, b) => (a < b ? a : b));
  const last = dates.reduce((a, b) => (a > b ? a : b));
  await client.query(
    `with k as materialized (${keys}),
     calls as (select u.* from llm_usage u
                where u.ts >= $3::date at time zone 'UTC' and u.ts < ($4::date + 1) at time zone 'UTC'
                  and (u.task_id, (u.ts at time zone 'UTC')::date) in (select task_id, day from k))
     insert into llm_task_days (${COLUMNS}) ${sumsOf('calls')}`,
    [tasks, dates, first, last],
  );
}

/** What llm_task_days should hold, summed from every stored call: as migration 033 first filled it. */
export const TASK_DAYS_RECOMPUTED_SQL = sumsOf('llm_usage');

/** Sums every stored call again. For calls written outside the ingest paths (benchmarks, tests). */
export async function rebuildTaskDays(client: pg.PoolClient | pg.Pool): Promise<void> {
  await client.query('truncate llm_task_days');
  await client.query(`insert into llm_task_days (${COLUMNS}) ${TASK_DAYS_RECOMPUTED_SQL}`);
}
