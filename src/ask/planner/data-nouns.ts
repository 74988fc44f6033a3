/**
 * "how many services are in the AWS data", "spend in the azure billing export", "rows in the
 * dataset": the noun for the data as a whole, after "in the" or "from our" and up to two words of
 * scope, says where to look, not what. Taken before names are read, so "data" is not the team
 * named data. "the data team", "the data-analytics project" and "data transfer" keep their names.
 */
import type { QuestionText } from './text.ts';

/** What comes after "data" when it names a team, a project or a kind of usage, not the dataset. */
const NAMED_AFTER = String.raw`(?![\w.-])(?!\s+(?:team|squad|group|org|platform|eng\w*|scien\w*|analytics?|warehouse|lake|lakes|pipelines?|transfer|egress|ingress|processing|processed|storage|stored|cent(?:er|re)|catalog|scanned|ingested)\b)`;
/** "in the (AWS) data", "from our azure billing export": the noun in group 1; the words between are left to be read. */
const DATA_NOUN = new RegExp(
  String.raw`\b(?:in|from|across|within|throughout)\s+(?:the|our|this|that|all\s+(?:the|our))\s+(?:[a-z0-9][\w.-]{0,40}\s+){0,2}?((?:(?:billing|cost|costs|focus|cur|usage)\s+)?(?:data|dataset|data\s+set|exports?|files?|feeds?))${NAMED_AFTER}`,
  'dg',
);

/** Takes each noun for the data as a whole, leaving the scope words before it to the names. */
export function takeDataNouns(t: QuestionText): void {
  const rest = t.rest();
  const spans: Array<[number, number]> = [];
  for (const m of rest.matchAll(DATA_NOUN)) spans.push(m.indices![1]!);
  for (const [start, end] of spans) t.mark({ start, end });
}
