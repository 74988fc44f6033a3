-- Penny's own cost estimate of each pull request it reviewed, the latest review winning, so that
-- an anomaly's "what changed" can say what Penny estimated for a pull request merged in its window.
create table pr_reviews (
  repo text not null, -- owner/name
  number integer not null,
  head_sha text not null,
  monthly_delta numeric not null,
  -- The estimate assumes every call uses its whole output limit (the comment says "up to").
  upper_bound boolean not null,
  currency text not null,
  reviewed_at timestamptz not null default now(),
  primary key (repo, number)
);
