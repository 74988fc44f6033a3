-- Alerts sent to Slack: one row per finding, recipient and period. The unique key is what makes
-- "one message per finding per threshold per period" hold across runs and replicas (budget
-- thresholds and anomaly start days are already part of the fingerprint; a standing waste finding
-- uses the month as its period). A row is claimed as 'pending' before the message is posted and
-- becomes 'sent' with the message ts, which buttons use to update the original message.

create table slack_alerts (
  id bigserial primary key,
  fingerprint text not null references findings (fingerprint) on delete cascade,
  -- Who it is for: a Slack user id, an email, or a channel (#name or id) for unowned findings.
  recipient text not null,
  period_key text not null default '',
  -- Where it was posted (the DM or channel id) and the message's ts.
  channel text,
  message_ts text,
  status text not null default 'pending' check (status in ('pending', 'sent')),
  claimed_at timestamptz not null,
  sent_at timestamptz,
  escalated_at timestamptz,
  escalation_channel text,
  escalation_ts text,
  unique (fingerprint, recipient, period_key)
);
create index slack_alerts_recipient_sent on slack_alerts (recipient, sent_at desc);
create index slack_alerts_message on slack_alerts (channel, message_ts);
