-- Daily rollups of cloud costs and AI usage on the dimensions most questions use, so a question
-- over months reads thousands of rows instead of millions. Filled by refreshRollups()
-- (src/costs/rollups.ts). cost_rollup_state records which ingest loads the rollup reflects; the
-- query layer reads the rollup only while that still matches ingest_loads, else the raw tables.
-- Sums keep the raw columns' null semantics (an unpriced AI call has a null cost).

create table cost_rollup_daily (
  day date not null,
  dataset text not null check (dataset in ('cloud', 'ai')),
  provider text,
  service text,
  sub_account text,
  region text,
  team text,
  feature text,
  model text,
  customer text,
  environment text,
  cost_center text,
  billed_cost numeric,
  effective_cost numeric,
  list_cost numeric,
  input_tokens numeric not null,
  output_tokens numeric not null,
  cached_tokens numeric not null,
  requests bigint not null
);
create index cost_rollup_daily_day on cost_rollup_daily (day, dataset);

create table cost_rollup_state (
  singleton boolean primary key default true check (singleton),
  loads_signature text not null,
  refreshed_at timestamptz not null default now()
);
