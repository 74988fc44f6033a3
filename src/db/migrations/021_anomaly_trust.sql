-- The anomaly scan watches usage: commitment purchases and fees, tax, credits and refunds,
-- corrections, unused commitments and marketplace charges are left out unless a workflow asks
-- for them (src/costs/charge-kind.ts). The daily rollup keeps each kind apart so the scan can
-- read it. Rows rolled up before this column would all read as usage: the rollup is emptied and
-- marked stale, so readers use the raw tables until the next ingest refreshes it in full.
alter table cost_rollup_daily add column charge_kind text not null default 'usage';
delete from cost_rollup_state;
delete from cost_rollup_daily;

-- Feedback keeps its reason with the rule it made, and every anomaly a rule silenced is kept, so
-- a FinOps lead can see what feedback keeps quiet (`penny scan anomaly --suppressed`): one row
-- per rule, series and episode start, updated by each run that silences it again.
alter table finding_suppressions add column note text;
create table suppressed_anomalies (
  id bigserial primary key,
  suppression_id bigint not null references finding_suppressions (id) on delete cascade,
  type text not null,
  scope jsonb not null,
  -- The episode's first day (YYYY-MM-DD) or hour (ISO timestamp), as in the finding it would be.
  start text not null,
  direction text not null check (direction in ('spike', 'drop')),
  expected numeric not null,
  actual numeric not null,
  impact_monthly numeric not null,
  first_as_of date not null,
  last_as_of date not null,
  runs integer not null default 1,
  unique (suppression_id, type, scope, start)
);
