/**
 * How an analytics engineer types a question: in SQL and dashboard words. "sum cost by team",
 * "sum(cost)" and "sum of spend" ask the total the question asks anyway; "desc" after a ranking is
 * the order a ranking already has (largest first); "order by day" is a daily trend ("by day"); "order
 * by cost" ranks by the cost, which a breakdown does already. Each is rewritten in place, to the same
 * length, so every offset into the question still holds. "asc" (smallest first) is not read: a
 * ranking from the bottom is another question, and it stays declined. A query pasted as typed
 * ("select sum(input_tokens) from llm_usage where feature = 'x' and ts >= '2026-11-01'") reads as
 * its words: Penny's own column names spelled out, the table as its data, a lower bound on the
 * time column as "since".
 */

/** The measures a SQL aggregate is typed over ("sum cost", "sum(input_tokens)"). */
const MEASURE = String.raw`(?:the\s+)?(?:(?:input|output|cache\sread|effective|billed|list)\s)?(?:cost|costs|spend|spending|billed|amortized|amortised|effective|list|tokens|input|output|calls|requests)\b`;
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

/** Penny's own column names, typed with underscores: read as their words ("input tokens"). */
const COLUMN = /\b(?:input_tokens|output_tokens|cache_read_tokens|effective_cost|billed_cost|list_cost|service_name|provider_name|service_category)\b/gi;
/** A query's first word. */
const SELECT = /^\s?select\s/i;
/** "from llm_usage", "from cost_lines": the data the table holds. */
const FROM_TABLE = /\bfrom\s(llm_usage|cost_lines)\b/gi;
const TABLE_DATA: Record<string, string> = { llm_usage: 'ai', cost_lines: 'cloud' };
/** "ts >= '2026-11-01'", "charge_period_start >= 2026-11-01": from that day on. */
const TIME_FROM = /\b(?:ts|day|date|charge_period_start)\s?>=?\s?'?(\d{4}-\d{2}-\d{2})'?/gi;

const blank = (s: string) => ' '.repeat(s.length);

/** The question with its SQL words read as the planner's; the question itself when it has none. */
export function sqlWords(question: string): string {
  // Only a query pasted whole has its table and time bound read: elsewhere "from cost_lines" may be part of a stored name.
  const pasted = SELECT.test(question)
    ? question
        .replace(SELECT, blank)
        .replace(FROM_TABLE, (whole, table: string) => TABLE_DATA[table.toLowerCase()]!.padEnd(whole.length))
        .replace(TIME_FROM, (whole, day: string) => `since ${day}`.padEnd(whole.length))
    : question;
  return pasted
    .replace(COLUMN, (name) => name.replace(/_/g, ' '))
    .replace(SUM_CALL, (whole, measure: string) => {
      const at = whole.indexOf(measure);
      return `${blank(whole.slice(0, at))}${measure}${blank(whole.slice(at + measure.length))}`;
    })
    .replace(SUM_WORD, blank)
    .replace(DESCENDING, blank)
    .replace(ORDER_BY_MEASURE, blank)
    .replace(ORDER_BY_DAY, (whole) => (DAILY.test(question) ? blank(whole) : 'by day'.padStart(whole.length)));
}
