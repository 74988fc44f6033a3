/**
 * "how many reservations do we have", "how many instances are running": a count of things. Penny
 * counts LLM calls, tokens, tasks and billed quantities (metrics of their own); read as money, such a
 * question would be answered with a confidently wrong number, so it is declined, saying what is counted.
 */
import { unitOf, type Metric } from '../../costs/query.ts';

/** "how many", not "how many dollars" nor "how many money" (a learner's "how much"): money asked as money is still money. */
const HOW_MANY = /\bhow\s+many\b(?!\s+(?:dollars|bucks|euros?|pounds|usd|eur|gbp|cents|money|cash)\b)/;

export const NOT_COUNTED =
  'I read "how many" as a count of things, and I count LLM calls, tokens, agent tasks, billed quantities (hours, GB), commitments, resources ("how many resources had charges in May") sub accounts ("how many projects") and the models, services, providers, teams, features, customers, environments, regions, SKUs, resource types, service categories or invoices with spend ("how many models did we use"), not one kind of resource (instances, VMs) nor billing accounts. Ask what they cost instead, e.g. "what did our instances cost last month".';

/** Whether the question asks a count the metric it was read with cannot give: money. */
export function asksCount(text: string, metric: Metric): boolean {
  return HOW_MANY.test(text) && unitOf(metric) === 'money';
}
