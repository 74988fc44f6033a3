/**
 * "how many models did we use last month", "count distinct models", "how many services had spend",
 * "number of teams with costs in May": a count of the distinct stored values of one dimension with
 * spend in the period, within the scope asked; so are the FOCUS columns an export is checked by
 * (SKUs, resource types, service categories, invoices). It goes the way resources and accounts are counted
 * (answer/distinct-count.ts): the query run per value, the values counted. Only plain nouns of
 * dimensions whose values are names are counted; "how many calls per model" is a count of calls.
 */
import type { QuestionText } from './text.ts';
import { COUNT_WORD } from './resource-count.ts';

/** The noun counted and the dimension whose values it names. */
export const COUNTED_NOUNS = {
  model: 'llms?|(?:ai\\s+|llm\\s+)?models?',
  // FOCUS columns a data engineer checks an export by: "how many distinct SKUs", "number of invoices".
  // Service categories before services, whose noun they begin with.
  ServiceCategory: 'service\\s+categor(?:y|ies)',
  ResourceType: 'resource\\s+types?',
  SkuId: 'skus?',
  InvoiceId: 'invoices?',
  ServiceName: '(?:cloud\\s+)?services?',
  provider: '(?:cloud\\s+|ai\\s+|llm\\s+)?(?:providers?|vendors?)',
  team: 'teams?',
  feature: 'features?',
  customer: 'customers?',
  environment: 'environments?',
  RegionId: 'regions?',
} as const;
export type CountedDimension = keyof typeof COUNTED_NOUNS;

const NOUN = `(?:${Object.values(COUNTED_NOUNS).join('|')})`;
const DISTINCT = '(?:distinct|unique|different|separate|individual|active)';
/** "how many (distinct) models", "count (of) distinct models", "number of different teams", never "how many calls per model". */
const COUNTED = new RegExp(
  String.raw`\b(?:${COUNT_WORD}(?:\s+${DISTINCT})?|count\s+(?:of\s+)?${DISTINCT})\s+(${NOUN})\b(?!\s+(?:hours?|dollars|usd|spend|spending|costs?|calls?|requests?|tokens?|tags?)\b)`,
);
/** What says "with spend": "did we use", "had spend", "with charges", "are we paying for". */
const WITH_SPEND = [
  /\b(?:do|did|does|have|has)\s+(?:we|i|you)\s+(?:currently\s+|still\s+|actually\s+)?(?:use|used|call|called|run|pay\s+for|paid\s+for|get\s+billed\s+for|have)\b|\b(?:are|were)\s+(?:we|you)\s+(?:using|calling|paying\s+for)\b/,
  /\b(?:are|were|was|got)\s+(?:used|called|billed|charged|active)\b|\b(?:had|have|has|with)\s+(?:any\s+)?(?:spend|spending|charges|costs?|usage)\b|\b(?:are|were)\s+there\b/,
  /\b(?:in\s+use|used)\b/,
];

export interface ValueCount {
  of: CountedDimension;
  by: string[];
  reading: string;
}

/** A count of one dimension's values, its words taken; null when the question counts none. */
export function takeValueCount(t: QuestionText): ValueCount | null {
  const m = t.takeOne(COUNTED);
  if (!m) return null;
  const noun = m[1]!;
  const of = (Object.keys(COUNTED_NOUNS) as CountedDimension[]).find((d) => new RegExp(`^(?:${COUNTED_NOUNS[d]})$`).test(noun))!;
  for (const re of WITH_SPEND) t.takeOne(re);
  return { of, by: [], reading: `each ${noun.replace(/s$/, '')} counted once by its stored name, those with spend in the period` };
}
