-- What each `penny demo` seeded, so `penny demo --remove` takes out exactly that: the folder its
-- files were written to (their loads, and the owner rules read from its owners.yaml, name it) and
-- the budgets it set. Demos seeded before this table are found by their folder's name.
create table demo_seeds (
  id bigserial primary key,
  folder text not null,
  budget_ids bigint[] not null default '{}',
  seeded_at timestamptz not null default now()
);
insert into demo_seeds (folder)
select distinct substring(file_path from '^(.*/penny-demo-[^/]+)/')
  from ingest_loads
 where file_path ~ '/penny-demo-[^/]+/';
