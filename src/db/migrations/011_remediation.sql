-- Remediation: proposals made from findings, decided by people in Slack, executed once, and an
-- append-only audit log of everything that happened to them. The action and its parameters are
-- chosen by code from the finding's data (src/remediation/plan.ts); nothing executes unless the
-- row says 'approved' with who decided, written by decide() under a row lock.

create table remediation_proposals (
  -- A random uuid: the only thing a Slack button carries.
  id uuid primary key,
  finding_fingerprint text not null references findings (fingerprint),
  executor text not null check (executor in ('github-pr', 'webhook', 'manual')),
  -- The action and its parameters (zod-checked in src/remediation/plan.ts) and how to undo it.
  action jsonb not null check (jsonb_typeof(action) = 'object'),
  rollback jsonb not null check (jsonb_typeof(rollback) = 'object'),
  title text not null,
  why text not null,
  evidence jsonb not null default '{}',
  savings_monthly numeric not null default 0,
  currency text not null default 'USD' check (currency ~ '^[A-Z]{3}$'),
  risk text not null check (risk in ('low', 'medium', 'high')),
  -- Who asked for it (a Slack user id), null when a scan proposed it: the four-eyes rule reads it.
  requested_by text,
  status text not null default 'pending' check (status in
    ('pending', 'approved', 'rejected', 'expired', 'executing', 'executed', 'failed', 'rolling_back', 'rolled_back')),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  decided_by text,
  decided_at timestamptz,
  decision_reason text,
  -- Where the approval card is (Slack channel and message ts), once sent.
  card_channel text,
  card_ts text,
  result jsonb,
  executed_at timestamptz,
  rollback_result jsonb,
  rolled_back_by text,
  rolled_back_at timestamptz,
  updated_at timestamptz not null default now(),
  check (expires_at > created_at),
  check ((status in ('pending', 'expired')) = (decided_by is null)),
  check (status <> 'rejected' or coalesce(decision_reason, '') <> '')
);
-- One open proposal per finding: asking twice returns the pending one.
create unique index remediation_one_pending on remediation_proposals (finding_fingerprint) where status = 'pending';
create index remediation_status_expiry on remediation_proposals (status, expires_at);

-- The audit log: proposals, cards sent, clicks accepted or refused (and why), decisions,
-- executions, results and rollbacks. Append-only: the database refuses UPDATE, DELETE and TRUNCATE.
create table remediation_audit (
  id bigserial primary key,
  at timestamptz not null default clock_timestamp(),
  proposal_id uuid,
  event text not null,
  -- A Slack user id, 'penny' for Penny's own steps, or 'cli:<user>'.
  actor text not null,
  detail jsonb not null default '{}' check (jsonb_typeof(detail) = 'object')
);
create index remediation_audit_at on remediation_audit (at);
create index remediation_audit_proposal on remediation_audit (proposal_id, id);

create function remediation_audit_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'remediation_audit is append-only: % is not allowed', tg_op using errcode = 'insufficient_privilege';
end $$;

create trigger remediation_audit_no_update before update or delete on remediation_audit
  for each row execute function remediation_audit_append_only();
create trigger remediation_audit_no_truncate before truncate on remediation_audit
  for each statement execute function remediation_audit_append_only();
