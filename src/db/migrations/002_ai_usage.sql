-- AI usage metering: one row per LLM call (`llm_usage`), agent task outcomes (`task_outcomes`) and
-- resource utilisation samples (`resource_utilisation`). Money is numeric, token counts bigint.
-- The two large tables are range-partitioned by month of `ts` like cost_lines, with a default
-- partition and ensure_month_partition() to split months out of it.

-- Creates <parent>_YYYY_MM for the month of p_month if missing, moving that month's rows out of
-- <parent>_default; ATTACH rather than CREATE ... PARTITION OF so readers of the parent are not
-- blocked. The same steps as ensure_cost_partition, for any table partitioned by month on p_key.
create function ensure_month_partition(p_parent text, p_key text, p_month timestamptz) returns void
language plpgsql as $fn$
declare
  m_start timestamptz := date_trunc('month', p_month at time zone 'UTC') at time zone 'UTC';
  m_end timestamptz := m_start + interval '1 month';
  part text := p_parent || '_' || to_char(m_start at time zone 'UTC', 'YYYY_MM');
begin
  if to_regclass(part) is not null then return; end if;
  perform pg_advisory_xact_lock(hashtext(part));
  if to_regclass(part) is not null then return; end if;
  execute format('create table %I (like %I including defaults including constraints)', part, p_parent);
  execute format(
    'with moved as (delete from %I where %I >= %L and %I < %L returning *) insert into %I select * from moved',
    p_parent || '_default', p_key, m_start, p_key, m_end, part);
  execute format('alter table %I attach partition %I for values from (%L) to (%L)', p_parent, part, m_start, m_end);
end
$fn$;

-- One LLM call. `input_tokens` counts ALL input tokens, cached ones included, and `output_tokens`
-- all output, reasoning included (OpenTelemetry GenAI semantics); the cache and reasoning columns
-- are parts of those totals. `cost` is null exactly when the call could not be priced.
create table llm_usage (
  load_id bigint not null,
  event_id text not null,
  ts timestamptz not null,
  source_format text not null check (source_format in ('otel', 'otlp', 'litellm')),
  provider text,
  model text,
  response_model text,
  operation text,
  input_tokens bigint not null default 0,
  output_tokens bigint not null default 0,
  cache_read_tokens bigint not null default 0,
  cache_write_tokens bigint not null default 0,
  reasoning_tokens bigint not null default 0,
  cost numeric,
  currency text not null default 'USD',
  cost_source text not null check (cost_source in ('reported', 'priced', 'unpriced')),
  team text,
  feature text,
  customer text,
  environment text,
  cost_center text,
  task_id text,
  session_id text,
  status text not null default 'ok' check (status in ('ok', 'error')),
  error_type text,
  duration_ms integer,
  tags jsonb not null default '{}',
  check ((cost is null) = (cost_source = 'unpriced'))
) partition by range (ts);

create table llm_usage_default partition of llm_usage default;

-- Lean on purpose: each btree index costs a large share of ingest time (measured). Month
-- partitions and the BRIN narrow scans to a period; team is the most common filter within one.
create index llm_usage_ts_brin on llm_usage using brin (ts);
create index llm_usage_team on llm_usage (team, ts);

-- Every stored call's id, across all months: a partitioned table cannot hold a unique index
-- without its partition key, and a call re-exported (or seen by both the SDK and the gateway)
-- must be a duplicate whatever its timestamp. `ts` lets retention delete ids with their rows.
create table llm_usage_ids (
  event_id text collate "C" primary key,
  ts timestamptz not null
);

create table task_outcomes (
  load_id bigint not null,
  task_id text not null,
  status text not null check (status in ('success', 'failure')),
  ts timestamptz not null,
  team text,
  feature text,
  customer text,
  environment text,
  cost_center text,
  tags jsonb not null default '{}',
  primary key (task_id, status, ts)
);
create index task_outcomes_ts_brin on task_outcomes using brin (ts);

-- Utilisation samples in percent (0–100), daily or finer, for the idle-resource scans.
create table resource_utilisation (
  load_id bigint not null,
  resource_id text not null,
  metric text not null check (metric in ('cpu', 'gpu', 'memory')),
  ts timestamptz not null,
  value numeric not null check (value >= 0 and value <= 100),
  tags jsonb not null default '{}',
  primary key (resource_id, metric, ts)
) partition by range (ts);

create table resource_utilisation_default partition of resource_utilisation default;
