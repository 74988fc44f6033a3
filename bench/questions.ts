/**
 * The question set of bench:ask: the common questions, as people type them. The Citus
 * equivalence test (test/db/citus-equivalence.db.test.ts) asks them too.
 */
export const QUESTIONS = [
  'What did we spend last month?',
  'total billed cost last month',
  'top 5 services last month',
  'spend by team this month',
  'what did the search team spend last week?',
  'daily cost for the last 30 days',
  'weekly spend over the last 12 weeks',
  'monthly cloud cost trend',
  'EC2 spend this month vs last month',
  'why did CloudWatch go up?',
  'biggest movers last week',
  'how much spend is untagged?',
  'AI spend by model last month',
  'how many tokens did we use yesterday?',
  'cost per request by feature this month',
  'cost per successful task for the support agent this month',
  'spend on gpt-4o in the last 30 days',
  'cost per 1k tokens by model',
  'spend by region last quarter',
  'which team spent the most last month?',
  'AWS spend excluding prod last month',
  'spend by provider year to date',
];
