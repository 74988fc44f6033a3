-- Amounts in different currencies are never added: the daily rollup keeps each currency apart
-- (cloud rows by FOCUS BillingCurrency, AI calls by their own currency, USD unless the row says
-- otherwise). Rows rolled up before this column summed currencies together: the rollup is emptied
-- and marked stale, so readers use the raw tables until the next refresh rebuilds it.
alter table cost_rollup_daily add column currency text not null default 'USD';
delete from cost_rollup_state;
delete from cost_rollup_daily;

-- Exchange rates the user loads (`penny ingest rates`): one rate per day and currency pair. A
-- question asked in one currency converts each day's amounts at the latest rate on or before that
-- day, and says so; without a rate, amounts stay in their own currency.
create table exchange_rates (
  day date not null,
  from_currency text not null check (from_currency ~ '^[A-Z]{3}$'),
  to_currency text not null check (to_currency ~ '^[A-Z]{3}$' and to_currency <> from_currency),
  rate numeric not null check (rate > 0),
  loaded_at timestamptz not null default now(),
  primary key (from_currency, to_currency, day)
);

-- An anomaly feedback silenced is one of a series in one currency: the same scope and start in two
-- currencies are two silenced anomalies, each with its money in its own currency.
alter table suppressed_anomalies add column currency text not null default 'USD';
alter table suppressed_anomalies drop constraint suppressed_anomalies_suppression_id_type_scope_start_key;
alter table suppressed_anomalies add unique (suppression_id, type, scope, start, currency);
