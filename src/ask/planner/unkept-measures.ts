/**
 * Measures Penny keeps no data or query for, declined saying what it can give instead: statistics
 * over single calls or days (median, percentiles such as p95, standard deviation, correlation), and
 * revenue, margin or profit (it stores costs only). Before, "median" or "making money" was a word
 * it could not place; a data scientist or a sales lead is better told why, and what to ask.
 */

/**
 * "median", "p95", "95th percentile", "std dev", "correlation", "quartiles", "histogram". Not
 * "variance": a FinOps lead's variance is a difference from budget or from last month.
 */
const STATISTIC =
  /\b(?:medians?|p(?:50|75|90|95|99)|\d{1,2}(?:st|nd|rd|th)?\s+percentile|percentiles?|quartiles?|std\.?\s*dev(?:iation)?|standard\s+deviation|correlat(?:e|es|ed|ion|ions)|histogram)\b/;
/** "revenue", "margin", "profit", "making money on", "are they profitable", "ROI". */
const EARNINGS = /\b(?:revenue|margins?|profits?|profitable|profitability|roi|making\s+money|make\s+money|earn(?:s|ed|ing)?)\b/;

/** The refusal for a measure Penny keeps nothing for, or null when the question asks none. */
export function unkeptMeasure(text: string): string | null {
  const statistic = STATISTIC.exec(text);
  if (statistic) {
    return `I total, count and average costs (the mean); I don't compute a ${statistic[0]} over single calls or days yet. Ask for the average cost per call (by model, feature or customer), or the daily cost as a trend to see how it spreads.`;
  }
  if (EARNINGS.test(text)) {
    return 'I hold costs only, no revenue, so I can\'t say what is earned or the margin. I can say what it costs: ask e.g. "cost by customer last month" or "what did <customer> cost us in October?".';
  }
  return null;
}
