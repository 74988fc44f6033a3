-- A load that brings the first rows of a month (a new export month, a backfill of history) fills
-- that month's table before it is a partition: COPY into a table with no indexes, then ATTACH,
-- which builds each index once in bulk, is far cheaper than updating four indexes row by row.
-- The table is created inside the load's transaction, so nobody sees it until commit, COPY FREEZE
-- can leave its rows all-visible, and with wal_level=minimal its data skips the WAL.

-- The partition of p_parent that holds p_month, and the month's bounds (UTC). One definition for
-- ensure_month_partition, the claim and the attach, which must agree on the name: it is also the
-- key of the advisory lock that keeps them from racing.
create function month_partition(p_parent text, p_month timestamptz, out part text, out m_start timestamptz, out m_end timestamptz)
language sql stable as $$
  select p_parent || '_' || to_char(s at time zone 'UTC', 'YYYY_MM'), s, s + interval '1 month'
    from (select date_trunc('month', p_month at time zone 'UTC') at time zone 'UTC' as s) m
$$;

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
  execute format('create table %I (like %I including defaults including constraints)', part, p_parent);
  execute format(
    'with moved as (delete from %I where %I >= %L and %I < %L returning *) insert into %I select * from moved',
    p_parent || '_default', p_key, m_start, p_key, m_end, part);
  execute format('alter table %I attach partition %I for values from (%L) to (%L)', p_parent, part, m_start, m_end);
end
$fn$;

-- The month's table, standalone, with a CHECK that both catches a row of another month and lets
-- ATTACH skip its validation scan. Returns null when the month has a partition (made here, the
-- ordinary way, when rows of it wait in the default partition). Takes the advisory lock ensure_month_partition takes and holds it to
-- the end of the caller's transaction; a load that meets a month another load is filling waits
-- here until that one ends, so it never writes the month into the default partition, whose lock
-- the other's ATTACH needs. Two loads each waiting for the other's month is a deadlock PostgreSQL
-- detects; the load that gets the error retries.
create function claim_new_month_partition(p_parent text, p_key text, p_month timestamptz) returns text
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

-- Makes a claimed table the month's partition: ATTACH builds the parent's indexes on it. Then
-- ANALYZE: without statistics the planner takes a range of the new month for 0.5% of its rows
-- and reads all of them through an index (the rollup refresh right after: 6 s instead of 2).
create function attach_new_month_partition(p_parent text, p_month timestamptz) returns void
language plpgsql as $fn$
declare
  part text;
  m_start timestamptz;
  m_end timestamptz;
begin
  select * into part, m_start, m_end from month_partition(p_parent, p_month);
  execute format('alter table %I attach partition %I for values from (%L) to (%L)', p_parent, part, m_start, m_end);
  -- The partition bound says the same from here on.
  execute format('alter table %I drop constraint %I', part, part || '_month');
  execute format('analyze %I', part);
end
$fn$;
