/**
 * What the offline planner reads from a question's words, read for the agent from its typed
 * fields by the planner's own code, so both paths answer alike:
 * - a part of the world ("Europe", "APAC"): the stored regions placed there, each said, with the
 *   regions that could not be placed (planner/geography.ts);
 * - purchases alone, with no metric asked: at billed cost, said, since their effective cost is
 *   amortized into the usage a commitment covers, and a purchase's own line is $0 (planner/charges.ts);
 * - names of different kinds listed together ("NAT gateways and VPC"): each a row, their total with
 *   spend they share counted once (planner/lists.ts, answer/mixed-list.ts); a name the model typed
 *   that matches nothing is said, not answered as $0.
 */
import type { CostQuery, Filter } from '../../costs/query.ts';
import type { CostResult } from '../../costs/run.ts';
import { datasetOf } from '../../costs/values.ts';
import { dimensionName } from '../answer/format.ts';
import type { Catalog } from '../planner/catalog.ts';
import { PURCHASES_AT_BILLED_COST, purchasesAlone } from '../planner/charges.ts';
import { takeFocusWords } from '../planner/focus.ts';
import { takeGeography } from '../planner/geography.ts';
import { applyLists, readLists, type ListItem, type Named } from '../planner/lists.ts';
import { takeMetric } from '../planner/measure.ts';
import { QuestionText } from '../planner/text.ts';

/** The parts of the world the planner reads (planner/geography.ts), as the model names them. */
export const AREAS = ['EMEA', 'Europe', 'Asia Pacific', 'North America', 'South America', 'the Middle East', 'Africa'] as const;
export type Area = (typeof AREAS)[number];

/** The area's stored regions as a filter, with the reading that names them; or why it can't be. */
export function areaFilter(area: Area, dataset: CostQuery['dataset'], catalog: Catalog): { filter: Filter; reading: string } | { refusal: string } {
  if (dataset === 'ai') return { refusal: `AI usage records no cloud region, so it has no spend in ${area}; ask for cloud spend there.` };
  const read = takeGeography(new QuestionText(area), catalog);
  const [filter] = read.filters;
  if (!filter || !read.reading) return { refusal: `No stored cloud region is in ${area}, so there is no spend there to give.` };
  return { filter, reading: read.reading };
}

/** Whether the question names a metric, as the planner reads one: then purchases are read at the metric asked. */
function namesMetric(question: string): boolean {
  const t = new QuestionText(question);
  return takeFocusWords(t, question).metric !== null || takeMetric(t) !== null;
}

/** Purchases alone with no metric asked, read at billed cost and said; else the query as it was. */
export function purchasesAtBilledCost(query: CostQuery, question: string): { query: CostQuery; reading: string | null } {
  if (!purchasesAlone(query.filters) || namesMetric(question) || (query.metric !== 'effective_cost' && query.metric !== 'billed_cost')) return { query, reading: null };
  return { query: { ...query, metric: 'billed_cost' }, reading: PURCHASES_AT_BILLED_COST };
}

export interface ListedName {
  dimension: string;
  values: string[];
}

/**
 * Names of different kinds as the planner's list: the query grouped by each kind, the names'
 * filters left to the answer (mixed-list.ts), and the reading; or the planner's refusal, when the
 * query asks more than one period's total of an amount that adds up, or the names are not all on
 * cloud billing or all on AI usage.
 */
export function mixedListQuery(query: CostQuery, names: readonly ListedName[]): { query: CostQuery; items: ListItem[]; reading: string } | { refusal: string } {
  // The planner reads names at their place in a question: "a and b and c", each name its values.
  const named: Named[] = [];
  let text = '';
  for (const n of names) {
    text += text ? ' and ' : '';
    const phrase = n.values.join(' or ');
    named.push({ dimension: n.dimension, values: n.values, start: text.length, end: text.length + phrase.length, phrase, negated: false });
    text += phrase;
  }
  const lists = readLists(text, named, text);
  // Names of one kind are refused by the tool's schema (query-input.ts): a list here is of several kinds.
  if ('set' in lists) return { refusal: 'Names of one kind are a filter with op "in", grouped by their dimension.' };
  const onlyTotal = query.groupBy.length === 0 && query.granularity === 'total' && !query.compare;
  const filters = [...query.filters];
  const listed = applyLists(lists, filters, onlyTotal, query.metric);
  if ('refusal' in listed) return listed;
  // Names all on cloud billing (or all on AI usage) are asked of that data, as the planner narrows it.
  const home = datasetOf(names[0]!.dimension);
  const dataset = query.dataset === 'all' ? home : query.dataset;
  return { query: { ...query, dataset, filters, groupBy: listed.groupBy ?? [] }, items: listed.mixed ?? [], reading: listed.assumption ?? '' };
}

/**
 * A listed name the model typed that matched no row of the grouped result: said, not answered as
 * $0 (the planner's names are stored values; the model's may be misspelt). Null when each matched.
 */
export function unmatchedName(result: CostResult, items: readonly ListItem[]): string | null {
  const missing = items.find((item) => !result.rows.some((row) => item.values.includes(String(row[item.dimension]))));
  if (!missing) return null;
  return `I found no ${dimensionName(missing.dimension)} "${missing.label}" with spend in that period, so I can't give it beside the others; check the name (list_values) or ask about each on its own.`;
}
