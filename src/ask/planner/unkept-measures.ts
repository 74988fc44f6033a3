/**
 * Measures Penny keeps no data or query for, declined saying what it can give instead: statistics
 * over cloud rows (median, percentiles such as p95, standard deviation, correlation; a percentile
 * per LLM call and a statistic of daily totals are read first, call-percentiles.ts and daily-statistics.ts), revenue, margin or profit (it
 * stores costs only), a count of calls with caching in words cache-hit-calls.ts does not read
 * (the hit rate is a share of tokens, not of calls), and latency (usage rows keep no timing). Before, "median" or "making money" was a word
 * it could not place; a data scientist or a sales lead is better told why, and what to ask.
 */
import { saysCacheHitCalls } from './cache-hit-calls.ts';

/**
 * "median", "p95", "95th percentile", "std dev", "correlation", "quartiles", "histogram". Not
 * "variance": a FinOps lead's variance is a difference from budget or from last month.
 */
const STATISTIC =
  /\b(?:medians?|p(?:50|75|90|95|99)|\d{1,2}(?:st|nd|rd|th)?\s+percentile|percentiles?|quartiles?|std\.?\s*dev(?:iation)?|standard\s+deviation|correlat(?:e|es|ed|ion|ions)|histogram)\b/;
/** The statistics call-percentiles.ts gives per LLM call, and daily-statistics.ts over days. */
const PER_CALL = /^(?:median|p\d|\d)/;
/** Given over days only (daily-statistics.ts). */
const STD_DEV = /^(?:std|standard)/;
/** "revenue", "margin", "profit", "making money on", "are they profitable", "ROI". */
const EARNINGS = /\b(?:revenue|margins?|profits?|profitable|profitability|roi|making\s+money|make\s+money|earn(?:s|ed|ing)?)\b/;

/** A count of calls ("how many calls", "number of requests") asked with the cache: the hit rate is a share of tokens, not of calls. */
const COUNTED_CALLS = /\b(?:how\s+many|number\s+of|count\s+of)\s+(?:(?:llm|ai|api|model)\s+)?(?:calls|requests)\b/;
const CACHE = /\b(?:cache[ds]?|caching)\b/;

/** "p95 latency", "response time per call", "which model is fastest" (not "fastest growing"): how long a call took is not in the usage data Penny reads. */
const TIMING =
  /\b(?:latenc(?:y|ies)|response\s+times?|durations?\s+(?:of|per)\s+(?:(?:llm|ai|api|model)\s+)?(?:calls?|requests?)|time\s+to\s+first\s+token|ttft|tokens?\s+per\s+second)\b|\b(?:fastest|slowest|quickest)\s+(?:models?|llms?|providers?|endpoints?|apis?)\b|\b(?:models?|llms?|providers?)\s+(?:is|are)\s+(?:the\s+)?(?:fastest|slowest|quickest)\b/;

/** The refusal for a measure Penny keeps nothing for, or null when the question asks none. */
export function unkeptMeasure(text: string): string | null {
  if (TIMING.test(text)) {
    return 'I keep what each LLM call cost and the tokens it used, not how long it took, so I can\'t give latency or speed. Ask e.g. "cost per call by model" or "tokens per call by model".';
  }
  const statistic = STATISTIC.exec(text);
  if (statistic) {
    if (STD_DEV.test(statistic[0])) {
      return `I don't compute a ${statistic[0]} over single calls or cloud rows, only over a period's days (each day's total): ask e.g. "standard deviation of daily spend last month".`;
    }
    if (!PER_CALL.test(statistic[0])) {
      return `I total, count and average costs (the mean); I don't compute a ${statistic[0]} over single calls or days yet. Ask for the average cost per call (by model, feature or customer), or the daily cost as a trend to see how it spreads.`;
    }
    return `I give a ${statistic[0]} per LLM call (cost or tokens per call: one row each) or over a period's days (each day's total), not of cloud cost rows: a cloud row is a resource's charge over an hour or a day, not one unit of anything, so its ${statistic[0]} would describe how the bill is cut into rows. Ask e.g. "median cost per LLM call last month", "${statistic[0]} daily spend last month", or the daily cost as a trend to see how it spreads.`;
  }
  // "how many calls used caching": not the calls cache-hit-calls.ts reads, and the hit rate is a share of tokens, not a count of calls.
  if (COUNTED_CALLS.test(text) && CACHE.test(text) && !saysCacheHitCalls(text)) {
    return 'I count the calls that read from the prompt cache when asked so ("how many calls hit the cache last week"); the cache hit rate is a share of input tokens, not of calls. Ask one of those, e.g. "cache hit rate last week by model".';
  }
  if (EARNINGS.test(text)) {
    return 'I hold costs only, no revenue, so I can\'t say what is earned or the margin. I can say what it costs: ask e.g. "cost by customer last month" or "what did <customer> cost us in October?".';
  }
  return null;
}
