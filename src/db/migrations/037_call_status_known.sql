-- An LLM call's status is null where its source does not record how the call ended.
--
-- Before, `status` defaulted to 'ok', so a call from a source that records no status at all (an
-- OpenAI organization usage bucket, an OpenTelemetry span whose status is unset) was stored as a
-- success, and "how many calls failed" answered 0 where the honest answer is that nobody knows.
-- Now ingest stores 'ok' or 'error' only where the record says which (src/ingest/usage/*.ts), and
-- questions on failed calls count over the calls whose status is known, or decline when none is.
--
-- Existing rows, decided per source format and load, since the old rows do not keep what their
-- record said, by the rule ingest now follows (src/ingest/usage/span-status.ts):
-- - 'error' rows stay: their source named the failure.
-- - 'ok' rows from OpenTelemetry (otel, otlp) stay where a span of the same load and format was
--   stored as an error: that file's instrumentation records failures, so its other spans succeeded.
--   Elsewhere they become null: the old ingest stored 'ok' for a span with no status, and most
--   instrumentations set none on success. A load whose spans all said OK and none failed loses that
--   knowledge (it cannot be told from one whose spans said nothing); ingesting the file into a
--   fresh store gets it back.
-- - 'ok' rows from OpenAI's organization exports (openai_usage, openai_costs) become null: their
--   buckets carry no status.
-- - 'ok' rows from LiteLLM spend logs and Langfuse observations stay: LiteLLM writes `status`
--   ('success' or 'failure') on each spend-log row and Langfuse a `level` on each observation,
--   which the old ingest read. A LiteLLM log from before that column existed was stored as 'ok'
--   too and cannot be told apart now.
-- No rollup keeps status (cost_rollup_daily, llm_task_days), so none is recomputed.
--
-- One statement, its DDL run through EXECUTE: on a store already distributed on Citus, Citus sends
-- a DDL command's text to the workers, and a text holding several commands fails there. The loads
-- with failed spans are read first into a list, so the update joins no other table.
do $$
declare
  reporting text[];
begin
  execute 'alter table llm_usage alter column status drop default';
  execute 'alter table llm_usage alter column status drop not null';
  select coalesce(array_agg(distinct load_id::text || ':' || source_format), '{}') into reporting
    from llm_usage where status = 'error' and source_format in ('otel', 'otlp');
  update llm_usage set status = null
   where status = 'ok'
     and (source_format in ('openai_usage', 'openai_costs')
          or (source_format in ('otel', 'otlp') and not (load_id::text || ':' || source_format = any(reporting))));
end
$$;
