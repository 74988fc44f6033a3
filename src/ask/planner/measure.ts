/**
 * What is measured and on which data: metric words ("billed", "tokens", "cost per successful
 * task") and dataset words ("cloud", "LLM"). Cost words without a qualifier mean effective cost,
 * the amortised figure FinOps reports by (FOCUS EffectiveCost).
 */
import type { Metric } from '../../costs/query.ts';
import { NOT_AFTER_GROUPING } from './focus.ts';
import type { QuestionText } from './text.ts';

export type Dataset = 'cloud' | 'ai' | 'all';

/** "how many", "the number of", "total": the words of a count before what is counted. */
const HOW_MANY = String.raw`\b(?:how\s+many\s+|(?:the\s+)?(?:total\s+)?(?:number|count|total)\s+of\s+)?`;
/**
 * "agent tasks"; the "agent" of a name such as "support-agent" taken here is read back by compound-names.ts.
 * A support lead calls an agent's task a ticket, a conversation or a chat: "how many tickets failed".
 */
const TASKS = String.raw`(?:agent\s+)?(?:tasks|task\s+runs|agent\s+runs|tickets|conversations|chats)`;
/** One task, as TASKS names them: "what does each support ticket cost". */
const ONE_TASK = '(?:task|run|ticket|conversation|chat)';
const FAILED = '(?:failed|failing|unsuccessful|errored)';
const SUCCEEDED = '(?:successful|succeeded|completed|resolved|solved|closed)';
/** What a successful task is called: "a resolved ticket", "a completed run". */
const UNIT = '(?:tasks?|tickets?|runs?|jobs?|conversations?|cases?)';
/** The unit's noun, left after "what does a resolved support ticket cost" read the metric. */
export const UNIT_NOUN = new RegExp(`\\b(?:agent\\s+)?${UNIT}\\b`);
/** "what share of", "what % of", "the fraction of": a share's words before what it is of. */
const SHARE_OF = String.raw`(?:\b(?:what|which)\s+)?(?:\b(?:share|percent(?:age)?|portion|proportion|fraction|rate)|%)\s+of\s+`;
/** Tasks and how they ended, after a share's words and a name: "(what % of support-agent) tasks failed". */
const tasksThat = (ended: string) => new RegExp(String.raw`\b${TASKS}\s+(?:that\s+|which\s+)?(?:have\s+|had\s+|were\s+|did\s+)?(?:${ended})\b`);
const TASKS_FAILED = tasksThat('failed|fail|errored|unsuccessful');
const TASKS_SUCCEEDED = tasksThat('succeeded|succeed|successful|completed|passed|resolved');
/** A name of up to two words before what a share of tasks is of, left to value matching. */
const NAMED = String.raw`(?:(?:our|the|all|my)\s+)?(?=(?:[a-z0-9][a-z0-9._-]*\s+){0,2}`;
/** The words after a task rate's share words, taken once the rate is read. */
const TASK_RATE_ENDING: Partial<Record<Metric, RegExp>> = { task_failure_rate: TASKS_FAILED, task_success_rate: TASKS_SUCCEEDED };
/** The noun after a name that a count of failed or successful tasks left: "failed support-agent tasks". */
export const TASK_NOUN = new RegExp(String.raw`\b${TASKS}\b`);

/** "what does a task cost", "how much does each support-agent run cost": the name between is left to value matching, the noun to the planner (UNIT_NOUN). */
const ONE_TASK_COSTS = String.raw`\b(?:what|how\s+much)\s+(?:does|do|did|would|will)\s+(?:an?|each|one|every|a\s+single|the\s+average)(?=(?:\s+[a-z0-9][a-z0-9._-]*){0,2}\s+(?:agent\s+)?${ONE_TASK}\s+cost\b)`;

/** "cost per", "spend per", or "per" alone, before a scale. */
const SCALED = String.raw`\b(?:(?:cost|spend|price)\s+)?per\s+`;
const THOUSAND = String.raw`1k|1\s+k|1,000|1000|thousand|a\s+thousand|one\s+thousand`;
const MILLION = String.raw`1m|1\s+m|1,000,000|1000000|million|a\s+million|one\s+million`;
/** LLM calls as counted ("requests", "api calls"), plural after a scale. */
const CALLS = String.raw`(?:(?:llm|api|model)\s+)?(?:requests|calls|completions)\b`;

/** A metric's words; `unlessPaid`: not when a cost word says the thing was paid for. */
const METRIC_WORDS: Array<[RegExp, Metric, 'unlessPaid'?]> = [
  [
    /\b(?:cost|spend|price)\s+(?:per|for\s+each|of\s+(?:a|each))\s+(?:successful|succeeded|completed|resolved)\s+(?:task|run|job|conversation|ticket|case)s?\b|\bper\s+(?:successful|completed)\s+(?:agent\s+)?task\b|\b(?:cost|spend|price)\s+per\s+(?:agent\s+)?(?:task|run)\s+(?:that\s+)?(?:succeeded|was\s+successful|completed)\b/,
    'cost_per_successful_task',
  ],
  // "what does a resolved support ticket cost": the name between is left to value matching, the noun to the planner (UNIT_NOUN).
  [
    new RegExp(`\\b(?:what|how\\s+much)\\s+(?:does|do|did|would|will)\\s+(?:an?|each|one|every|a\\s+single|the\\s+average)\\s+${SUCCEEDED}(?=(?:\\s+[a-z0-9][a-z0-9._-]*){0,2}\\s+${UNIT}\\s+cost\\b)`),
    'cost_per_successful_task',
  ],
  // Without a word for success, a task is any task: "average cost per agent task", "what does a
  // task cost us", "cost of an agent run" divide by all tasks, whatever their outcome.
  [
    new RegExp(
      `\\b(?:cost|costs|spend|spending|price|pay)\\s+(?:per|for\\s+each|of\\s+(?:a|an|each|one))\\s+(?:agent\\s+)?${ONE_TASK}\\b|\\bper[\\s-](?:agent[\\s-])?task\\s+(?:cost|spend)\\b|\\b(?:average|avg|mean)\\s+(?:agent\\s+)?task\\s+(?:cost|spend)\\b|${ONE_TASK_COSTS}`,
    ),
    'cost_per_task',
  ],
  // Task counts (task outcomes), after cost per task: "success rate", "number of failed tasks", "how many tasks succeeded".
  [
    new RegExp(
      String.raw`\b(?:(?:agent\s+)?task\s+)?success\s+rate\b(?:\s+of\s+(?:(?:our|the)\s+)?(?:agent\s+)?tasks\b)?|\b(?:share|percent(?:age)?|%)\s+of\s+(?:(?:our|the)\s+)?(?:agent\s+)?tasks\s+(?:that\s+)?(?:succeeded|were\s+successful|completed)\b|${SHARE_OF}${NAMED}${TASKS_SUCCEEDED.source})`,
    ),
    'task_success_rate',
  ],
  // "what % of support-agent tasks failed", "task failure rate": failed tasks over all tasks. The name between is left to value
  // matching, "tasks failed" to TASKS_FAILED. "% of failed tasks were X" is a share of failures, not this.
  [
    new RegExp(
      String.raw`\b(?:${TASKS}|task)\s+(?:failure|fail)\s+rates?\b|\b(?:failure|fail)\s+rates?\s+(?:of|for)\s+(?:(?:our|the|all|my)\s+)?(?=(?:[a-z0-9][a-z0-9._-]*\s+){0,2}${TASKS}\b)|${SHARE_OF}${NAMED}${TASKS_FAILED.source})`,
    ),
    'task_failure_rate',
  ],
  // "failed support-agent tasks": the name between is left to value matching, "tasks" to the planner (TASK_NOUN).
  [
    new RegExp(
      `${HOW_MANY}(?:${FAILED}\\s+${TASKS}|${FAILED}(?=(?:\\s+[a-z0-9][a-z0-9._-]*){1,2}\\s+${TASKS})|${TASKS}\\s+(?:that\\s+)?(?:have\\s+|had\\s+|did\\s+)?(?:failed|fail)|task\\s+failures)\\b`,
    ),
    'failed_tasks',
    'unlessPaid',
  ],
  [
    new RegExp(
      `${HOW_MANY}(?:${SUCCEEDED}\\s+${TASKS}|${SUCCEEDED}(?=(?:\\s+[a-z0-9][a-z0-9._-]*){1,2}\\s+${TASKS})|${TASKS}\\s+(?:that\\s+)?(?:have\\s+|had\\s+|were\\s+)?(?:succeeded|successful|completed|passed|succeed))\\b`,
    ),
    'successful_tasks',
    'unlessPaid',
  ],
  [new RegExp(`${HOW_MANY}${TASKS}(?:\\s+(?:count|run|ran|were\\s+run|did\\s+we\\s+run))?\\b|\\btasks?\\s+count\\b`), 'tasks', 'unlessPaid'],
  // Unit costs at a scale, "cost per 1,000 calls", "per 1M requests": the cost per call times the scale (said in the metric's name).
  [new RegExp(`${SCALED}(?:${THOUSAND})\\s+${CALLS}`), 'cost_per_1k_requests'],
  [new RegExp(`${SCALED}(?:${MILLION})\\s+${CALLS}`), 'cost_per_1m_requests'],
  [/\b(?:cost|spend|price)\s+per\s+(?:1k|1,000|1000|thousand|a\s+thousand)\s+tokens\b|\bper\s+(?:1k|1,000|1000|thousand)\s+tokens\b/, 'cost_per_1k_tokens'],
  // Model prices are quoted per million tokens: "cost per 1M tokens", "per million tokens"; "cost per token" too (it read as a token count).
  [/\b(?:(?:cost|spend|price)\s+)?per\s+(?:1m|1\s+m|1,000,000|1000000|million|a\s+million|one\s+million|mtok)\s+tokens?\b|\b(?:cost|spend|price)\s+per\s+token\b/, 'cost_per_1m_tokens'],
  // "per call" is singular: "calls per day" counts calls; "tokens per call" is no cost.
  // "average cost of one report-builder call": the name between is left to value matching, the noun to ONE_CALL.
  [
    /\b(?:cost|spend|price)\s+per\s+(?:request|call|api\s+call|llm\s+call|completion)\b|\b(?:average|avg|mean)\s+cost\s+(?:of|per)\s+(?:(?:an?|one|each|a\s+single)\s+)?(?=(?:[a-z0-9][a-z0-9._-]*\s+){1,2}(?:request|call)\b)|\bper[\s-](?:request|call)\s+cost\b|\baverage\s+cost\s+of\s+an?\s+(?:(?:llm|api|model)\s+)?(?:request|call)\b|(?<!\btokens?\s+)\bper\s+(?:request|call|api\s+call|llm\s+call)\b(?!\s+(?:count|volume))/,
    'cost_per_request',
  ],
  // "cost per customer" alone is a breakdown by customer (grouping.ts); an average says so.
  [/\b(?:average|avg|mean)\s+(?:(?:ai|llm|cloud)\s+)?(?:cost|spend)\s+(?:per|of\s+an?)\s+(?:customer|tenant|client)\b/, 'cost_per_customer'],
  // "tokens per request", "average prompt tokens per call": an average over LLM calls, not a total.
  [/\b(?:input|prompt)\s+tokens?\s+(?:per|an?|each|for\s+each)\s+(?:(?:llm|api|model)\s+)?(?:request|call|completion)\b/, 'input_tokens_per_request'],
  [/\b(?:output|completion|generated)\s+tokens?\s+(?:per|an?|each|for\s+each)\s+(?:(?:llm|api|model)\s+)?(?:request|call|completion)\b/, 'output_tokens_per_request'],
  [/\btokens?\s+(?:per|an?|each|for\s+each)\s+(?:(?:llm|api|model)\s+)?(?:request|call|completion)\b/, 'tokens_per_request'],
  // "token spend" is money paid for tokens; "token" is left to say it is AI usage (AI_WORDS).
  [/(?<=\btokens?\s+)(?:spend|spending|costs?|bill|budget)\b/, 'effective_cost'],
  [/\b(?:input|prompt)\s+tokens?\b/, 'input_tokens'],
  [/\b(?:output|completion|generated)\s+tokens?\b/, 'output_tokens'],
  [/\b(?:cached|cache[\s-]+read|cache)\s+tokens?\b|\bcache\s+reads?\b|\b(?:read|served|taken)\s+from\s+(?:the\s+)?(?:prompt\s+)?cache\b/, 'cached_tokens'],
  [/\btokens?\s+(?:usage|consumption|count|used|consumed)\b|\b(?:total\s+)?tokens?\b/, 'total_tokens'],
  // "spend on LLM calls" is their cost: after on/in/for/of, calls are what was paid for (AI_WORDS).
  [/\b(?:number\s+of|how\s+many|count\s+of)\s+(?:llm\s+|api\s+|model\s+)?(?:requests|calls|completions)\b|\brequests?\s+count\b/, 'requests'],
  // Calls named without a count word are counted only when no cost word says they are paid for:
  // "LLM calls last week" counts them, "what did LLM calls cost" is their cost (AI_WORDS).
  [/(?<!\b(?:on|in|for|of)\s+(?:the\s+|our\s+)?(?:(?:llm|api|model)\s+)?)(?:\b(?:llm|api|model)\s+(?:requests|calls)\b|\brequests\b|\bcalls\b)/, 'requests', 'unlessPaid'],
  // "at on-demand rates", "the on-demand equivalent": what usage would cost at list price (FOCUS ListCost).
  [/\blist[\s-]+(?:cost|price|prices|pricing)\b|\bon[\s-]demand\s+(?:cost|price|prices|pricing|rates?|equivalent)\b|\bbefore\s+discounts?\b/, 'list_cost'],
  // "by invoice" groups by InvoiceId (focus.ts), so it is not read as billed cost here. "What did
  // Google bill us", "charged us": the amount on the invoice, not the amortised cost. AWS's
  // "unblended" cost is what FOCUS calls BilledCost, as is Azure Cost Management's "actual cost"
  // (beside its "amortized cost"), and "unamortized" cost is that too: purchases when paid, not spread.
  // What "we owe" is the invoice too; what a team owes in a chargeback is its amortised share.
  [
    new RegExp(
      `\\b(?:we|i)\\s+(?:still\\s+)?(?:owe|owed)\\b|\\b(?:un|non[\\s-]?|not[\\s-]+)amorti[sz]ed(?:\\s+(?:cost|spend))?\\b|\\b(?:bill(?:ed)?|charged?|invoiced?)\\s+(?:us|me|them|you)\\b|\\bbilled(?:\\s+cost)?\\b|${NOT_AFTER_GROUPING}\\binvoiced?\\b(?!\\s*(?:ids?|numbers?|issuers?)\\b)|\\bon\\s+the\\s+(?:invoice|bill)\\b|\\bunblended(?:\\s+(?:cost|spend))?\\b|\\bactual\\s+costs?\\b`,
    ),
    'billed_cost',
  ],
  [/\b(?:effective|amorti[sz]ed|net)(?:\s+cost)?\b/, 'effective_cost'],
];

/** "cloud", and what people outside engineering call it: "hosting", "infra". */
const CLOUD_WORDS = /\b(?:cloud|infra(?:structure)?|hosting|(?:cloud\s+)?billing\s+exports?|focus)\b/;
/** "AI usage" names the dataset; "usage" alone is a charge category (charges.ts). */
/** "cost of calls to gpt-4o": calls and requests not counted (takeMetric left them) are AI usage paid for. */
const AI_WORDS =
  /\b(?:(?:ai|llm|model)\s+apis?|ai|llms?|genai|gen\s+ai|models?|language\s+models?|inference|completions?|prompts?|agents?|tokens?)(?:\s+(?:usage|calls|requests))?\b|\b(?:calls|requests)\b/;

/** The metric the question names, taken from the text; null when it names none. */
const COST_VERB = /\b(?:cost|costs|costing|spend|spent|spending|pay|paid|bill|billed)\b|\$/;

/** The call a unit cost was read before, with a name between ("of one report-builder call"). */
const ONE_CALL = /\b(?:request|call)\b/;

export function takeMetric(t: QuestionText): Metric | null {
  const paid = t.has(COST_VERB);
  for (const [re, m, unlessPaid] of METRIC_WORDS) {
    if (unlessPaid && paid) continue;
    const said = t.takeOne(re);
    if (!said) continue;
    // "billed (not amortized)", "unblended, i.e. billed cost": the same measure said again is one measure (taken in one pass: linear).
    t.take(re);
    if (m === 'cost_per_request' && !/\b(?:request|call|completion)\b/.test(said[0])) t.takeOne(ONE_CALL);
    const ending = Object.hasOwn(TASK_RATE_ENDING, m) ? TASK_RATE_ENDING[m] : undefined;
    if (ending) t.takeOne(ending);
    return m;
  }
  return null;
}

/**
 * "across cloud and AI", "AI plus cloud", "incl. AI": both datasets, the default. Read before grouping, so
 * "across cloud" is not taken for a breakdown by provider.
 */
export function takeBoth(t: QuestionText): boolean {
  return (
    t.takeOne(
      /\b(?:(?:across|in|for|over|on)\s+)?(?:both\s+)?(?:(?:ai|llm)\s+(?:and|plus|\+|&)\s+cloud|cloud\s+(?:and|plus|\+|&)\s+(?:ai|llm))\b|\b(?:incl(?:uding|\.|usive\s+of)?|plus)\s+(?:the\s+)?(?:ai|llms?)(?:\s+(?:spend|costs?|usage|calls))?\b/,
    ) !== null
  );
}

/** Whether the untaken text names both cloud and AI ("AI spend compared with cloud spend"). */
export function namesBothDatasets(t: QuestionText): boolean {
  return t.has(CLOUD_WORDS) && t.has(AI_WORDS);
}

/**
 * Dataset words, read after value filters took names such as "Google Cloud" or "Cloud Run".
 * "AI and cloud" is both, the default; null when the question does not say.
 */
export function takeDataset(t: QuestionText): Dataset | null {
  if (takeBoth(t)) return 'all';
  // "excluding AI" leaves the cloud, "without cloud" the AI usage.
  const without = t.takeOne(/\b(?:excluding|exclude|except(?:\s+for)?|without|not\s+counting|minus|ignoring)\s+(?:the\s+)?(ai|llms?|gen\s*ai|cloud)(?:\s+(?:spend|costs?|usage|infrastructure))?\b/);
  if (without) {
    const kept = without[1] === 'cloud' ? 'ai' : 'cloud';
    // "AI spend, ignoring cloud": the kept one said as well agrees with what is left out.
    t.take(kept === 'ai' ? AI_WORDS : CLOUD_WORDS);
    return kept;
  }
  const cloud = t.take(CLOUD_WORDS).length > 0;
  const ai = t.take(AI_WORDS).length > 0;
  return cloud === ai ? null : cloud ? 'cloud' : 'ai';
}
