-- Questions about an invoice select cost lines by billing period, not by the charge month the table
-- is partitioned on. A BRIN index is built in one pass without a sort (loads stay as fast), and fits
-- how exports arrive: a file's rows share one billing period, so blocks hold few of them.
create index cost_lines_billing_period_brin on cost_lines using brin (billing_period_start);
