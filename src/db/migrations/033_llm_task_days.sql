-- The AI calls of each agent task, summed per UTC day and attribution (team, feature, currency):
-- what the budget scan's unit economics and the agent-loop check group llm_usage by task for.
-- Kept exact at ingest (src/ingest/usage/task-days.ts): new calls are added, and a day whose calls
-- were deleted or repriced is summed again from llm_usage. Only calls with a task and a feature,
-- the ones both scans read. On Citus it is distributed by task_id and co-located with
-- task_outcomes, so a task's sums meet its outcome on one shard (src/db/citus.ts); llm_usage is
-- distributed by call, and grouping it by task there sent every task's partial sums through the
-- coordinator.
create table llm_task_days (
  task_id text not null,
  day date not null,
  team text,
  feature text not null,
  currency text not null,
  -- The day's first call of the task: a task is counted in the window it started in.
  started timestamptz not null,
  calls bigint not null,
  tokens numeric not null,
  -- Null when none of the day's calls could be priced, as sum(cost) over them is.
  cost numeric,
  constraint llm_task_days_key unique nulls not distinct (task_id, day, team, feature, currency)
);
create index llm_task_days_day on llm_task_days (day);

insert into llm_task_days (task_id, day, team, feature, currency, started, calls, tokens, cost)
select task_id, (ts at time zone 'UTC')::date, team, feature, currency, min(ts), count(*), sum(input_tokens + output_tokens), sum(cost)
  from llm_usage where task_id is not null and feature is not null
 group by 1, 2, 3, 4, 5;
