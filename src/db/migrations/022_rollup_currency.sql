-- Amounts in different currencies are never added: the daily rollup keeps each currency apart
-- (cloud rows by FOCUS BillingCurrency, AI calls by their own currency, USD unless the row says
-- otherwise). Rows rolled up before this column summed currencies together: the rollup is emptied
-- and marked stale, so readers use the raw tables until the next refresh rebuilds it.
alter table cost_rollup_daily add column currency text not null default 'USD';
delete from cost_rollup_state;
delete from cost_rollup_daily;
