-- The first question after an ingest extends the stored planner catalog with the names of the
-- loads added since (src/ask/planner/catalog-extension.ts) instead of reading every name from the
-- cost tables again (seconds at ten million rows).
--
-- What a catalog was read under: the loads as `id:status` by id (the text the loads' signature
-- hashes), the end of its raw-dimension window, and the day of the full read it was extended from.
alter table planner_catalogs add column loads text, add column raw_end date, add column read_as_of date;

-- The first and last charge instants of the rows a usage load stored, when it only added rows (a
-- load that restated earlier calls' buckets has none: its reader reads every name again). FOCUS
-- loads keep theirs per billing period in ingest_load_periods.
alter table ingest_loads add column first_at timestamptz, add column last_at timestamptz;
