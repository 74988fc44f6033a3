-- FOCUS 1.3 (ratified December 2025) columns, queryable like the others instead of kept in `extra`:
-- the provider columns that replace ProviderName and PublisherName, the contract commitments a
-- charge drew on, and the split of shared costs (allocation). Adding nullable columns to the
-- partitioned parent adds them to every month's partition without rewriting it.
alter table cost_lines
  add column service_provider_name text,
  add column host_provider_name text,
  add column contract_applied jsonb,
  add column allocated_method_id text,
  add column allocated_method_details jsonb,
  add column allocated_resource_id text,
  add column allocated_resource_name text,
  add column allocated_tags jsonb;
