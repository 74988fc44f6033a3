/**
 * Phrasings Penny offers when it declines a question: each is one it answers, so a refusal always
 * shows a way forward (the planner's, the offline answer's and the agent's refusals).
 */
export const SUGGESTIONS = [
  'What did we spend last month?',
  'Top 5 services last month',
  'Daily cost for the last 30 days',
  'Spend by team this month vs last month',
  'How much spend is untagged?',
  'Cost per successful task by feature this month',
];
