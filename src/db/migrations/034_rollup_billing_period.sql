-- Invoice questions select by billing period: the daily rollup keeps each cloud row's billing
-- period (the UTC date of BillingPeriodStart; null for AI usage) as a key beside its charge day, so
-- it answers them exactly as cost_lines does: a timestamp is on or after a date's UTC midnight
-- exactly when its UTC date is on or after that date, so day bounds select the same rows.
-- Rows rolled up before this column have none: the rollup is emptied and marked stale, so readers
-- use the raw tables until the next refresh rebuilds it.
alter table cost_rollup_daily add column billing_period date;
create index cost_rollup_daily_billing_period on cost_rollup_daily (billing_period) where billing_period is not null;
delete from cost_rollup_state;
delete from cost_rollup_daily;
