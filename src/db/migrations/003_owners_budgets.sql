-- Owners and budgets: who answers for a slice of spend, and how much that slice may spend.
-- A slice ("scope") is named with the keys of src/budgets/scope.ts: FOCUS dimensions by their column
-- names (service_name, sub_account_id, ...), attribution keys (team, feature, ...), or a raw tag as
-- 'tag:<key>'. Keys are stored in that canonical form so lookups compare plain text.

-- One row per match: a single key = value mapped to people and an optional escalation channel.
create table owner_rules (
  id bigserial primary key,
  match_key text not null,
  match_value text not null,
  owners text[] not null check (cardinality(owners) > 0),
  escalation text,
  -- Where the rule came from (file:line), so people can find the line to fix.
  source text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (match_key, match_value)
);

-- Settings of the owner map as a whole; one row at most.
create table owner_map (
  singleton boolean primary key default true check (singleton),
  default_channel text,
  updated_at timestamptz not null default now()
);

create table budgets (
  id bigserial primary key,
  -- jsonb equality ignores key order, so unique (scope) means one budget per scope however typed.
  scope jsonb not null unique check (jsonb_typeof(scope) = 'object' and scope <> '{}'),
  name text,
  -- Only monthly budgets so far; other periods widen this check.
  period text not null default 'monthly' check (period in ('monthly')),
  -- numeric, never float: 12000.10 is stored and read back as exactly 12000.10.
  amount numeric check (amount > 0),
  currency text not null default 'USD' check (currency ~ '^[A-Z]{3}$'),
  token_limit bigint check (token_limit > 0),
  alert_at integer[] not null default '{75,100}'
    check (cardinality(alert_at) > 0 and 0 < all (alert_at) and 1000 >= all (alert_at)),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (amount is not null or token_limit is not null)
);
