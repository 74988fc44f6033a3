-- Feedback on an anomaly is about a series in one currency: the rule it makes silences that
-- scope's series in the finding's currency only, so "expected" on the EUR series leaves the USD
-- series of the same scope alerting. Rules given before this column have none (null) and keep
-- applying in every currency, as they always did; listings say so.
alter table finding_suppressions add column currency text check (currency ~ '^[A-Z]{3}$');
