-- Task outcomes are read by time window, almost always for one feature ("cost per successful task
-- for the support agent this month"). The BRIN index on ts only helps when files arrive in time
-- order; outcomes are often exported per agent or per customer, and then a month's range reads
-- most of the table. B-trees find the rows whatever the order; the feature index carries what a
-- cost-per-task query reads, so it is answered from the index alone.
drop index if exists task_outcomes_ts_brin;
create index task_outcomes_ts on task_outcomes (ts);
create index task_outcomes_feature_ts on task_outcomes (feature, ts) include (task_id, status, team);
