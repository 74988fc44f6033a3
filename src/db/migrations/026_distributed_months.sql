-- Month partitions of a table Citus distributes (src/db/citus.ts). The ways of 001/014 build a
-- month as a table of its own on the coordinator and then attach it, which on a distributed parent
-- would load a whole month onto the coordinator and then move it into shards. There, a month is
-- created directly as a partition of the distributed parent (distributed with it, empty), and
-- loads COPY into the parent, which routes each row to its shard. On plain PostgreSQL these
-- functions behave exactly as before.

-- Whether Citus distributes the table; false wherever the citus extension is not installed.
create function penny_is_distributed(p_table text) returns boolean
language plpgsql stable as $fn$
declare
  d boolean;
begin
  if to_regclass('pg_catalog.pg_dist_partition') is null then return false; end if;
  execute 'select exists (select 1 from pg_catalog.pg_dist_partition where logicalrelid = to_regclass($1))' into d using p_table;
  return d;
end
$fn$;

create or replace function ensure_month_partition(p_parent text, p_key text, p_month timestamptz) returns void
language plpgsql as $fn$
declare
  part text;
  m_start timestamptz;
  m_end timestamptz;
begin
  select * into part, m_start, m_end from month_partition(p_parent, p_month);
  if to_regclass(part) is not null then return; end if;
  perform pg_advisory_xact_lock(hashtext(part));
  if exists (select 1 from pg_catalog.pg_class where relname = part and relnamespace = current_schema()::regnamespace) then
    return;
  end if;
  if penny_is_distributed(p_parent) then
    -- The month's rows waiting in the default partition (rare: a failed split) go through a
    -- temporary table, since a new partition cannot be created over rows that belong to it.
    execute format('create temp table penny_moved_rows on commit drop as select * from %I where %I >= %L and %I < %L',
      p_parent || '_default', p_key, m_start, p_key, m_end);
    execute format('delete from %I where %I >= %L and %I < %L', p_parent || '_default', p_key, m_start, p_key, m_end);
    execute format('create table %I partition of %I for values from (%L) to (%L)', part, p_parent, m_start, m_end);
    execute format('insert into %I select * from penny_moved_rows', p_parent);
    drop table penny_moved_rows;
    return;
  end if;
  execute format('create table %I (like %I including defaults including constraints)', part, p_parent);
  execute format(
    'with moved as (delete from %I where %I >= %L and %I < %L returning *) insert into %I select * from moved',
    p_parent || '_default', p_key, m_start, p_key, m_end, part);
  execute format('alter table %I attach partition %I for values from (%L) to (%L)', p_parent, part, m_start, m_end);
end
$fn$;

-- As in 014, and on a distributed parent the month is made an ordinary (distributed) partition
-- at once, so the load writes into the parent: null, as for a month that already exists.
create or replace function claim_new_month_partition(p_parent text, p_key text, p_month timestamptz) returns text
language plpgsql as $fn$
declare
  part text;
  m_start timestamptz;
  m_end timestamptz;
  waiting boolean;
begin
  select * into part, m_start, m_end from month_partition(p_parent, p_month);
  -- Most months met already have their partition: answer without the lock, which would make
  -- loads into one existing month wait for each other.
  if to_regclass(part) is not null then return null; end if;
  if penny_is_distributed(p_parent) then
    perform ensure_month_partition(p_parent, p_key, p_month);
    return null;
  end if;
  perform pg_advisory_xact_lock(hashtext(part));
  if exists (select 1 from pg_catalog.pg_class where relname = part and relnamespace = current_schema()::regnamespace) then
    return null;
  end if;
  execute format('select exists (select 1 from %I where %I >= %L and %I < %L)', p_parent || '_default', p_key, m_start, p_key, m_end)
    into waiting;
  if waiting then
    -- Rows a failed split left behind: make the month an ordinary partition, which moves them.
    perform ensure_month_partition(p_parent, p_key, p_month);
    return null;
  end if;
  execute format('create table %I (like %I including defaults including constraints, constraint %I check (%I >= %L and %I < %L))',
    part, p_parent, part || '_month', p_key, m_start, p_key, m_end);
  return part;
end
$fn$;
