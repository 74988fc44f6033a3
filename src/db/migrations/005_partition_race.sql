-- Two loads creating the same month's partition at once: the second waited on the advisory lock,
-- then re-checked with to_regclass(), which reads a catalog snapshot that taking an advisory lock
-- does not refresh, so it could miss the table the first had just committed and fail with
-- "already exists". The re-check now reads pg_class under the statement's own fresh snapshot.

create or replace function ensure_month_partition(p_parent text, p_key text, p_month timestamptz) returns void
language plpgsql as $fn$
declare
  m_start timestamptz := date_trunc('month', p_month at time zone 'UTC') at time zone 'UTC';
  m_end timestamptz := m_start + interval '1 month';
  part text := p_parent || '_' || to_char(m_start at time zone 'UTC', 'YYYY_MM');
begin
  if to_regclass(part) is not null then return; end if;
  perform pg_advisory_xact_lock(hashtext(part));
  if exists (select 1 from pg_catalog.pg_class where relname = part and relnamespace = current_schema()::regnamespace) then
    return;
  end if;
  execute format('create table %I (like %I including defaults including constraints)', part, p_parent);
  execute format(
    'with moved as (delete from %I where %I >= %L and %I < %L returning *) insert into %I select * from moved',
    p_parent || '_default', p_key, m_start, p_key, m_end, part);
  execute format('alter table %I attach partition %I for values from (%L) to (%L)', p_parent, part, m_start, m_end);
end
$fn$;

create or replace function ensure_cost_partition(p_month timestamptz) returns void
language sql as $$
  select ensure_month_partition('cost_lines', 'charge_period_start', p_month)
$$;
