-- Two things for questions: the planner catalog kept between processes, and an index for cost per task.
-- The planner's catalog of stored names (src/ask/planner/catalog.ts), kept per viewer and day as
-- read, with the ingest loads' signature it was read under: a new process (each `penny ask` from
-- the shell, a restarted app) reuses it while no load has changed the data, instead of reading
-- every name from the cost tables again (seconds at ten million rows). A row whose signature is
-- not the current one is never used. Small and local (not distributed on Citus).
create table planner_catalogs (
  -- '*' for an admin, else the viewer's teams sorted and joined by commas.
  viewer_key text not null,
  as_of date not null,
  loads_signature text not null,
  catalog jsonb not null,
  read_at timestamptz not null default now(),
  primary key (viewer_key, as_of)
);

-- Cost per successful task kept to named features reads the per-task sums (src/costs/task-calls.ts):
-- a feature's days from this index alone, not from task rows spread over the whole table.
create index llm_task_days_feature_day on llm_task_days (feature, day) include (team, currency, cost, calls);
