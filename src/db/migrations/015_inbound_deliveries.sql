-- Slack events and GitHub webhook deliveries taken, by the id their sender gives them (Slack's
-- event_id, GitHub's X-GitHub-Delivery). Slack retries an event it thinks was missed and GitHub
-- redelivers on request, to any replica behind the load balancer: the replica whose insert of the
-- id lands handles it, the others acknowledge and drop it. Rows older than a day are pruned; no
-- sender retries that late.
create table inbound_deliveries (
  source text not null check (source in ('slack', 'github')),
  id text not null,
  received_at timestamptz not null default now(),
  primary key (source, id)
);
create index inbound_deliveries_received on inbound_deliveries (received_at);
