/**
 * How an analytics engineer types a question: in SQL and dashboard words. "sum cost by team",
 * "sum(cost)" and "sum of spend" ask the total the question asks anyway; "desc" after a ranking is
 * the order a ranking already has (largest first); "order by day" is a daily trend ("by day"); "order
 * by cost" ranks by the cost, which a breakdown does already. Each is rewritten in place, to the same
 * length, so every offset into the question still holds. "asc" (smallest first) is not read: a
 * ranking from the bottom is another question, and it stays declined.
 */

/** The measures a SQL aggregate is typed over ("sum cost", "sum(input_tokens)"). */
const MEASURE = String.raw`(?:the\s+)?(?:cost|costs|spend|spending|billed|amortized|amortised|effective|list|tokens|input|output|input_tokens|output_tokens|effective_cost|billed_cost|list_cost|calls|requests)\b`;
/** "sum cost", "sum of spend", "sum the cost": the total, said as an aggregate. */
const SUM_WORD = new RegExp(String.raw`\bsum(?:\s+of)?\s+(?=${MEASURE})`, 'gi');
/** "sum(cost)", "sum (spend)": the aggregate around one measure; the brackets go with it. */
const SUM_CALL = new RegExp(String.raw`\bsum\s?\(\s?(${MEASURE})\s?\)`, 'gi');
/**
 * "by spend desc", "top 5 by cost descending": largest first, as every ranking is. Only after a
 * money word: "by sku desc" is the SKU's description.
 */
const DESCENDING = /(?<=\b(?:cost|costs|spend|spending|amount|total|billed)\s{1,3})(?:desc|descending)\b/gi;
/** "order by day", "ordered by date": the days in order, a daily trend ("daily spend … order by day": the order alone). */
const ORDER_BY_DAY = /\border(?:ed)?\s+by\s+(?:day|date)\b/gi;
/** A daily trend said otherwise: "daily", "per day", "each day" ("by day" is the order's own). */
const DAILY = /\b(?:daily|(?:per|each|a)\s+day)\b/i;
/** "order by cost", "order by spend": the ranking a breakdown has already. */
const ORDER_BY_MEASURE = /\border(?:ed)?\s+by\s+(?:cost|costs|spend|spending)\b/gi;

const blank = (s: string) => ' '.repeat(s.length);

/** The question with its SQL words read as the planner's; the question itself when it has none. */
export function sqlWords(question: string): string {
  return question
    .replace(SUM_CALL, (whole, measure: string) => {
      const at = whole.indexOf(measure);
      return `${blank(whole.slice(0, at))}${measure}${blank(whole.slice(at + measure.length))}`;
    })
    .replace(SUM_WORD, blank)
    .replace(DESCENDING, blank)
    .replace(ORDER_BY_MEASURE, blank)
    .replace(ORDER_BY_DAY, (whole) => (DAILY.test(question) ? blank(whole) : 'by day'.padStart(whole.length)));
}
