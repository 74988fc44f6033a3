-- Findings: what the scans (anomaly, waste, budget) found, one row per situation. The fingerprint
-- is a stable hash of the type, the scope and (where a situation is dated) its period or start,
-- so a scan that sees the same situation again updates its row instead of adding one. Money is
-- numeric. Writes of one scan run happen in one transaction, with its scan_runs row.

create table findings (
  id bigserial primary key,
  fingerprint text not null unique,
  -- The scan kind that produces it: a run of that kind resolves the ones it no longer sees.
  kind text not null check (kind in ('anomaly', 'waste', 'budget')),
  type text not null,
  scope jsonb not null check (jsonb_typeof(scope) = 'object'),
  title text not null,
  expected numeric,
  actual numeric,
  -- What expected and actual are measured in: 'USD/day', 'percent', 'calls/task', …
  unit text,
  impact_monthly numeric not null default 0,
  currency text not null default 'USD' check (currency ~ '^[A-Z]{3}$'),
  evidence jsonb not null default '{}',
  remediation text not null,
  status text not null default 'open' check (status in ('open', 'acknowledged', 'snoozed', 'resolved', 'dismissed')),
  snoozed_until timestamptz,
  feedback text check (feedback in ('expected', 'not_an_anomaly', 'planned')),
  feedback_note text,
  feedback_by text,
  feedback_at timestamptz,
  -- Who to tell, from the owner map at the time of the scan: a person or a channel.
  owner_hint text,
  first_seen timestamptz not null default now(),
  last_seen timestamptz not null default now(),
  -- The as-of dates of the first and latest runs that saw it (runs may evaluate past dates).
  first_as_of date not null,
  last_as_of date not null,
  resolved_at timestamptz,
  updated_at timestamptz not null default now(),
  check ((status = 'snoozed') = (snoozed_until is not null))
);
create index findings_kind_status on findings (kind, status);

-- Feedback on an anomaly turned into a rule that keeps the same pattern quiet (see
-- src/scans/anomaly/feedback.ts): matched by finding type and scope on later runs.
create table finding_suppressions (
  id bigserial primary key,
  type text not null,
  scope jsonb not null,
  rule jsonb not null,
  reason text not null check (reason in ('expected', 'not_an_anomaly', 'planned')),
  fingerprint text references findings (fingerprint) on delete set null,
  created_by text,
  created_at timestamptz not null default now()
);
create index finding_suppressions_type on finding_suppressions (type);

-- One row per scan run that finished (status ok) or failed (status failed, with the error).
create table scan_runs (
  id bigserial primary key,
  kind text not null check (kind in ('anomaly', 'waste', 'budget')),
  as_of date not null,
  status text not null check (status in ('ok', 'failed')),
  started_at timestamptz not null,
  finished_at timestamptz not null default now(),
  duration_ms integer not null,
  findings integer not null default 0,
  new integer not null default 0,
  updated integer not null default 0,
  resolved integer not null default 0,
  error text
);
create index scan_runs_kind on scan_runs (kind, started_at desc);
