-- Cloud attribution at ingest: team, feature, customer, environment and cost_center become columns
-- of cost_lines, filled by FOCUS ingest from Tags with the configured keys (src/ingest/attribution.ts),
-- as llm_usage and task_outcomes already are; so cloud and AI spend line up by team, and real tag
-- spellings (`Team`, ` env`, AWS's `user:team`) count. Added on the partitioned parent, which adds
-- them to every partition.
alter table cost_lines
  add column team text,
  add column feature text,
  add column customer text,
  add column environment text,
  add column cost_center text;

-- Rows stored before this migration are attributed with the default keys, matched as ingest
-- matches them: keys trimmed and case-insensitive, one leading namespace (`user:`) ignored but
-- ranked just after the same key without it; string and number values, trimmed, non-empty.
create function penny_attribution_value(p_tags jsonb, p_keys text[]) returns text
language sql immutable parallel safe as $fn$
  select v from (
    select btrim(t.value #>> '{}') as v,
           coalesce(array_position(p_keys, lower(btrim(t.key)))::numeric,
                    array_position(p_keys, regexp_replace(lower(btrim(t.key)), '^[a-z][a-z0-9_-]*:', '')) + 0.5) as rank
      from jsonb_each(p_tags) t
     where jsonb_typeof(t.value) in ('string', 'number')
  ) tagged
  where rank is not null and v <> ''
  order by rank
  limit 1
$fn$;

update cost_lines set
  team = penny_attribution_value(tags, array['team', 'team.name', 'user_api_key_team_alias', 'team_id', 'team.id']),
  feature = penny_attribution_value(tags, array['feature', 'feature.name', 'feature_id', 'feature.id']),
  customer = penny_attribution_value(tags, array['customer', 'customer_id', 'customer.id', 'end_user', 'enduser.id']),
  environment = penny_attribution_value(tags, array['environment', 'env', 'deployment.environment.name', 'deployment.environment']),
  cost_center = penny_attribution_value(tags, array['cost_center', 'cost.center', 'costcenter', 'cost-center'])
where tags <> '{}'::jsonb;

drop function penny_attribution_value(jsonb, text[]);
