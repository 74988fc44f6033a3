-- LLM usage from more sources, rows that stand for more than one call, and FOCUS deliveries
-- described by a manifest.
--
-- `requests` is how many model requests a row stands for: 1 for a call (every row so far), the
-- bucket's `num_model_requests` for an OpenAI organization usage export, 0 for a row of its costs
-- export (money without calls). Questions count calls as sum(requests), never count(*).
--
-- `cost_source = 'covered'`: an OpenAI usage bucket whose money is already in a costs-export row of
-- the same day and project; it keeps its tokens and calls with a cost of 0, so the money is counted
-- once. Adding a column with a constant default does not rewrite the month partitions.
alter table llm_usage add column requests bigint not null default 1 check (requests >= 0);

alter table llm_usage drop constraint llm_usage_source_format_check;
alter table llm_usage add constraint llm_usage_source_format_check
  check (source_format in ('otel', 'otlp', 'litellm', 'langfuse', 'openai_usage', 'openai_costs'));

alter table llm_usage drop constraint llm_usage_cost_source_check;
alter table llm_usage add constraint llm_usage_cost_source_check
  check (cost_source in ('reported', 'priced', 'unpriced', 'covered'));

-- The manifest delivery (AWS Data Exports execution, Azure export run) a FOCUS load was a part of:
-- its parts, loaded in one call or several, keep each other while replacing older deliveries.
alter table ingest_loads add column delivery text;
create index ingest_loads_delivery on ingest_loads (delivery) where delivery is not null;
