-- Owner alerts whose post may or may not have reached Slack. Each claim (the rows of one message)
-- gets a token that goes with the message as Slack message metadata, and the channel is recorded
-- before the post. A run that cannot tell whether Slack took the post (no answer before the
-- timeout, or the process stopped) leaves the claim pending; the next run looks for the token in
-- that channel's history and marks the rows sent with the message's ts instead of posting again.

alter table slack_alerts add column claim_token uuid;
create index slack_alerts_pending on slack_alerts (claim_token) where status = 'pending';
