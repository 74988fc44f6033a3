-- The anomaly scan watches usage: commitment purchases and fees, tax, credits and refunds,
-- corrections, unused commitments and marketplace charges are left out unless a workflow asks
-- for them (src/costs/charge-kind.ts). The daily rollup keeps each kind apart so the scan can
-- read it. Rows rolled up before this column would all read as usage: the rollup is emptied and
-- marked stale, so readers use the raw tables until the next ingest refreshes it in full.
alter table cost_rollup_daily add column charge_kind text not null default 'usage';
delete from cost_rollup_state;
delete from cost_rollup_daily;
