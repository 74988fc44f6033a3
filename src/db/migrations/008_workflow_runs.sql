-- Scheduled workflow runs. One row per (workflow, slot): the slot is the instant the cron
-- expression fired for, so replicas firing a few milliseconds apart insert the same key and only
-- the one whose insert lands runs the job. Manual runs use their own start instant as the slot.
create table workflow_runs (
  id bigserial primary key,
  workflow text not null,
  slot timestamptz not null,
  job text not null,
  trigger text not null check (trigger in ('schedule', 'catch-up', 'manual')),
  status text not null default 'running' check (status in ('running', 'succeeded', 'failed')),
  -- host/pid of the process that claimed the slot, so a run left 'running' can be traced.
  runner text not null,
  started_at timestamptz not null default now(),
  finished_at timestamptz,
  duration_ms integer,
  counts jsonb,
  error text,
  unique (workflow, slot)
);

create index workflow_runs_started on workflow_runs (started_at desc);

-- Since when each workflow has been scheduled with its current cron and time zone: only slots
-- after that were missed while Penny was down, so a new or rescheduled workflow does not fire a
-- catch-up run for a slot that was never meant to happen.
create table workflow_schedules (
  workflow text primary key,
  expression text not null,
  timezone text not null,
  since timestamptz not null default now()
);
