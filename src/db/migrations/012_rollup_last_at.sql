-- The latest charge time of each rollup row, so "how fresh is the data" is read from the rollup's
-- recent days instead of scanning a month of raw rows on every question. Existing rollup rows have
-- no value yet: the state is cleared so queries use the raw tables until the next refresh.
alter table cost_rollup_daily add column last_at timestamptz;
delete from cost_rollup_state;
