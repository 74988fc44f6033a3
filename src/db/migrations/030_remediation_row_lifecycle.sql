-- A remediation proposal's row is its state machine (src/remediation/lifecycle.ts): the LangGraph
-- checkpoints that mirrored it (schema penny_remediation) are no longer written or read.
--
-- told_at is the row version (updated_at) the approval card and its thread last showed, so the
-- sweep can tell what a process that stopped after changing the row did not. Rows already there
-- count as told.
alter table remediation_proposals add column told_at timestamptz;
update remediation_proposals set told_at = updated_at;
drop schema if exists penny_remediation cascade;
