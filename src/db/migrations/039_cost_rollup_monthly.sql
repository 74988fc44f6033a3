-- Monthly rollup: the daily rollup (cost_rollup_daily) summed per calendar month, on the same keys
-- and with the same sums, so a question over whole months ("year to date" in December) reads a
-- row per month and key set instead of one per day. Kept in step with the daily rollup in the same
-- transaction wherever that one is written (src/costs/rollup-monthly.ts), so the daily rollup's
-- freshness (cost_rollup_state) holds for both. `month` is the month's first day; a row's days are
-- its charge days (billing_period stays a key, as in the daily rollup).
-- Filled here from the daily rollup as it stands, fresh or not: both then reflect the same loads.
-- Like the daily rollup it stays a local table on the Citus coordinator (src/db/citus.ts).
-- Its columns are the daily rollup's (a migration adding one there adds it here too), with `day`
-- named `month`, and `day_rows`: the daily rows summed, so a question counts the rows it matched
-- ("no data", which currency most are in) as it does on the daily rollup.
create table cost_rollup_monthly (like cost_rollup_daily including defaults including constraints);
alter table cost_rollup_monthly rename column day to month;
alter table cost_rollup_monthly add column day_rows bigint not null;
alter table cost_rollup_monthly add check (extract(day from month) = 1);
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
