-- Whether a finding's owners are told of it, as the workflow that raised it says (notify.owners
-- in workflows/*.yaml). No row means yes, as before workflows could say no; the latest run of a
-- workflow that raises the finding decides.

create table owner_notify (
  fingerprint text primary key references findings (fingerprint) on delete cascade,
  owners boolean not null,
  workflow text not null,
  updated_at timestamptz not null default now()
);
