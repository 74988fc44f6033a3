-- An LLM call's status is null where its source does not record how the call ended.
--
-- Before, `status` defaulted to 'ok', so a call from a source that records no status at all (an
-- OpenAI organization usage bucket, an OpenTelemetry span whose status is unset) was stored as a
-- success, and "how many calls failed" answered 0 where the honest answer is that nobody knows.
-- Now ingest stores 'ok' or 'error' only where the record says which (src/ingest/usage/*.ts), and
-- questions on failed calls count over the calls whose status is known, or decline when none is.
--
-- Existing rows, decided per source format, since the old rows do not keep what their record said:
-- - 'error' rows stay: their source named the failure.
-- - 'ok' rows from OpenTelemetry (otel, otlp) become null. The old ingest stored 'ok' both for a
--   span whose status said OK and for one with no status, and most instrumentations set none; the
--   few explicit OKs are lost (ingest them again into a fresh store to get them back) rather than
--   counting every unknown span as a success.
-- - 'ok' rows from OpenAI's organization exports (openai_usage, openai_costs) become null: their
--   buckets carry no status.
-- - 'ok' rows from LiteLLM spend logs and Langfuse observations stay: LiteLLM writes `status`
--   ('success' or 'failure') on each spend-log row and Langfuse a `level` on each observation,
--   which the old ingest read. A LiteLLM log from before that column existed was stored as 'ok'
--   too and cannot be told apart now.
-- No rollup keeps status (cost_rollup_daily, llm_task_days), so none is recomputed. DDL comes
-- before the update, as Citus needs for a distributed table in one transaction.
alter table llm_usage alter column status drop default;
alter table llm_usage alter column status drop not null;

update llm_usage set status = null
 where status = 'ok' and source_format in ('otel', 'otlp', 'openai_usage', 'openai_costs');
