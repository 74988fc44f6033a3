-- The cost store: one row per FOCUS charge line, under FOCUS 1.2 column semantics (snake_case names).
-- Money is numeric, never float. Tags and SkuPriceDetails are jsonb; x_ and other non-FOCUS columns
-- are kept in `extra`. Range-partitioned by month of ChargePeriodStart: a month's scan touches one
-- partition. Rows whose month has no partition yet land in the default partition and are moved out
-- by ensure_cost_partition().

create table ingest_loads (
  id bigserial primary key,
  kind text not null check (kind in ('focus', 'usage', 'tasks', 'metrics')),
  file_path text not null,
  sha256 text,
  bytes bigint,
  status text not null check (status in ('loaded', 'superseded', 'failed')),
  rows bigint not null default 0,
  rejected bigint not null default 0,
  error text,
  started_at timestamptz not null default now(),
  finished_at timestamptz
);
create index ingest_loads_kind_sha256 on ingest_loads (kind, sha256);

-- The billing periods each load carries: what a restated export replaces.
create table ingest_load_periods (
  load_id bigint not null references ingest_loads (id) on delete cascade,
  provider_name text not null,
  billing_account_id text not null,
  billing_period_start timestamptz not null,
  rows bigint not null,
  first_charge timestamptz not null,
  last_charge timestamptz not null,
  superseded_by bigint references ingest_loads (id),
  primary key (load_id, provider_name, billing_account_id, billing_period_start)
);
create index ingest_load_periods_key on ingest_load_periods (provider_name, billing_account_id, billing_period_start);

-- Rows that could not be loaded, with where they came from and why; nothing is silently dropped.
create table ingest_rejects (
  id bigserial primary key,
  load_id bigint not null references ingest_loads (id) on delete cascade,
  file_path text not null,
  line bigint not null,
  column_name text,
  reason text not null,
  record jsonb,
  rejected_at timestamptz not null default now()
);
create index ingest_rejects_load on ingest_rejects (load_id, line);

create table cost_lines (
  load_id bigint not null,
  availability_zone text,
  billed_cost numeric not null,
  billing_account_id text not null,
  billing_account_name text,
  billing_account_type text,
  billing_currency text not null,
  billing_period_end timestamptz not null,
  billing_period_start timestamptz not null,
  capacity_reservation_id text,
  capacity_reservation_status text,
  charge_category text not null,
  charge_class text,
  charge_description text,
  charge_frequency text,
  charge_period_end timestamptz not null,
  charge_period_start timestamptz not null,
  commitment_discount_category text,
  commitment_discount_id text,
  commitment_discount_name text,
  commitment_discount_quantity numeric,
  commitment_discount_status text,
  commitment_discount_type text,
  commitment_discount_unit text,
  consumed_quantity numeric,
  consumed_unit text,
  contracted_cost numeric,
  contracted_unit_price numeric,
  effective_cost numeric not null,
  invoice_id text,
  invoice_issuer_name text,
  list_cost numeric,
  list_unit_price numeric,
  pricing_category text,
  pricing_currency text,
  pricing_currency_contracted_unit_price numeric,
  pricing_currency_effective_cost numeric,
  pricing_currency_list_unit_price numeric,
  pricing_quantity numeric,
  pricing_unit text,
  provider_name text not null,
  publisher_name text,
  region_id text,
  region_name text,
  resource_id text,
  resource_name text,
  resource_type text,
  service_category text,
  service_name text,
  service_subcategory text,
  sku_id text,
  sku_meter text,
  sku_price_details jsonb,
  sku_price_id text,
  sub_account_id text,
  sub_account_name text,
  sub_account_type text,
  tags jsonb not null default '{}',
  extra jsonb
) partition by range (charge_period_start);

create table cost_lines_default partition of cost_lines default;

create index cost_lines_charge_brin on cost_lines using brin (charge_period_start);
create index cost_lines_service on cost_lines (service_name, charge_period_start);
create index cost_lines_sub_account on cost_lines (sub_account_id, charge_period_start);
create index cost_lines_tags on cost_lines using gin (tags);

-- Creates the month's partition if missing, moving any of its rows out of the default partition.
-- ATTACH (not CREATE ... PARTITION OF) so that readers of cost_lines are not blocked meanwhile.
create function ensure_cost_partition(p_month timestamptz) returns void
language plpgsql as $fn$
declare
  m_start timestamptz := date_trunc('month', p_month at time zone 'UTC') at time zone 'UTC';
  m_end timestamptz := m_start + interval '1 month';
  part text := 'cost_lines_' || to_char(m_start at time zone 'UTC', 'YYYY_MM');
begin
  if to_regclass(part) is not null then return; end if;
  perform pg_advisory_xact_lock(hashtext(part));
  if to_regclass(part) is not null then return; end if;
  execute format('create table %I (like cost_lines including defaults including constraints)', part);
  execute format(
    'with moved as (delete from cost_lines_default where charge_period_start >= %L and charge_period_start < %L returning *) insert into %I select * from moved',
    m_start, m_end, part);
  execute format('alter table cost_lines attach partition %I for values from (%L) to (%L)', part, m_start, m_end);
end
$fn$;
