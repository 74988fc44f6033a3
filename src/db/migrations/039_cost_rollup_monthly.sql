-- Monthly rollup: the daily rollup (cost_rollup_daily) summed per calendar month, on the same keys
-- and with the same sums, so a question over whole months ("year to date" in December) reads a
-- row per month and key set instead of one per day. Kept in step with the daily rollup in the same
-- transaction wherever that one is written (src/costs/rollup-monthly.ts), so the daily rollup's
-- freshness (cost_rollup_state) holds for both. `month` is the month's first day; a row's days are
-- its charge days (billing_period stays a key, as in the daily rollup).
-- Filled here from the daily rollup as it stands, fresh or not: both then reflect the same loads.
-- Like the daily rollup it stays a local table on the Citus coordinator (src/db/citus.ts).
create table cost_rollup_monthly (
  month date not null check (extract(day from month) = 1),
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
  charge_kind text not null,
  currency text not null,
  billing_period date,
  billed_cost numeric,
  effective_cost numeric,
  list_cost numeric,
  input_tokens numeric not null,
  output_tokens numeric not null,
  cached_tokens numeric not null,
  requests bigint not null,
  last_at timestamptz,
  -- The daily rows summed: a question counts the rows it matched ("no data", which currency most
  -- are in) as it does on the daily rollup.
  day_rows bigint not null
);
create index cost_rollup_monthly_month on cost_rollup_monthly (month, dataset);
create index cost_rollup_monthly_billing_period on cost_rollup_monthly (billing_period) where billing_period is not null;

insert into cost_rollup_monthly (month, dataset, provider, service, sub_account, region, team, feature, model, customer, environment, cost_center, charge_kind, currency, billing_period,
                                 billed_cost, effective_cost, list_cost, input_tokens, output_tokens, cached_tokens, requests, last_at, day_rows)
select date_trunc('month', day::timestamp)::date, dataset, provider, service, sub_account, region, team, feature, model, customer, environment, cost_center, charge_kind, currency, billing_period,
       sum(billed_cost), sum(effective_cost), sum(list_cost), sum(input_tokens), sum(output_tokens), sum(cached_tokens), sum(requests), max(last_at), count(*)
  from cost_rollup_daily
 group by 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15;
-- Statistics now: the first questions after the upgrade are not planned blind.
analyze cost_rollup_monthly;
