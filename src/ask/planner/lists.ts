/**
 * Names listed with "and", "or", commas or "+": "search and checkout spend", "NAT gateways, VPC and
 * CloudFront". A list of one dimension's values is a set, answered one row each with their total
 * (the planner groups by it). Names of different kinds listed together ("NAT gateways and VPC")
 * are not one filter of each at once: each is a row and the total counts spend they share once
 * (src/ask/answer/mixed-list.ts); where that can't be given, the question is declined saying what was read.
 */
import { isAdditive, type Filter, type Metric } from '../../costs/query.ts';
import { datasetOf } from '../../costs/values.ts';
import { dimensionName } from '../answer/format.ts';
import { sameKindClauses } from './clause-lists.ts';

/** A name read in the question: where, as which dimension, and whether "excluding" came before it. */
export interface Named {
  dimension: string;
  /** The stored values it was read as ("gpt" may be several models). */
  values: string[];
  start: number;
  end: number;
  phrase: string;
  negated: boolean;
}

/** What stands between two listed names: a comma, "and", "or", "+", "&" or "as well as", and perhaps a "the"; a space alone is no list ("search team EC2"). */
const JOIN = /^\s*(?:,\s*(?:(?:and|or|plus|&|\+)\s+)?|(?:and|or|and\/or|plus|as\s+well\s+as|&|\+|\/)\s+)(?:the\s+)?$/;

/** One name of a list of different kinds, answered on its own: "NAT gateways" (resource type NAT Gateway). */
export interface ListItem {
  label: string;
  dimension: string;
  values: string[];
}

/** A set of one dimension's values; or items of several kinds ("NAT gateways and VPC"), each a row, their union the total. */
export type ListReading = { set: { dimension: string } | null } | { mixed: ListItem[]; refusal: string };

/**
 * "excluding S3 and EC2": names listed after an excluded one are excluded too, not filtered on.
 * Their filters become exclusions in place, and they are marked negated so no list reads them.
 */
export function carryNegation(text: string, named: Named[], filters: Filter[]): void {
  const sorted = [...named].sort((a, b) => a.start - b.start);
  for (let i = 1; i < sorted.length; i++) {
    const [prev, n] = [sorted[i - 1]!, sorted[i]!];
    if (!prev.negated || n.negated || prev.end > n.start || !JOIN.test(text.slice(prev.end, n.start))) continue;
    n.negated = true;
    for (let k = filters.length - 1; k >= 0; k--) {
      const f = filters[k]!;
      if (f.dimension !== n.dimension || !(f.op === 'in' || (f.op === 'eq' && f.value !== null))) continue;
      const kept = (f.op === 'in' ? f.values : [String(f.value)]).filter((v) => !n.values.includes(v));
      filters.splice(
        k,
        1,
        ...(kept.length === 0 ? [] : [kept.length === 1 ? { dimension: f.dimension, op: 'eq' as const, value: kept[0]! } : { dimension: f.dimension, op: 'in' as const, values: kept }]),
      );
    }
    for (const v of n.values) filters.push({ dimension: n.dimension, op: 'not', value: v });
  }
}

/** Chains of names only joined by list words, in the order typed. */
function chains(text: string, named: readonly Named[]): Named[][] {
  const sorted = named.filter((n) => !n.negated).sort((a, b) => a.start - b.start);
  const out: Named[][] = [];
  for (const n of sorted) {
    const last = out.at(-1)?.at(-1);
    if (last && last.end <= n.start && (JOIN.test(text.slice(last.end, n.start)) || sameKindClauses(last, n, text.slice(last.end, n.start)))) out.at(-1)!.push(n);
    else out.push([n]);
  }
  return out.filter((c) => c.length > 1);
}

/**
 * The set a question lists, if it lists one dimension's names; a refusal when a list mixes kinds.
 * `text` is the question's text, whose offsets the names carry; `original` the question as typed, if its offsets are the same.
 */
export function readLists(text: string, named: readonly Named[], original: string | null = null): ListReading {
  const lists = chains(text, named);
  const mixed = lists.find((c) => new Set(c.map((n) => n.dimension)).size > 1);
  if (mixed) {
    const names = mixed.map((n) => `"${n.phrase}" (a ${dimensionName(n.dimension)})`);
    const what = `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
    return {
      // The names as typed, when lower-casing kept the offsets: "NAT gateways", not "nat gateways".
      mixed: mixed.map((n) => ({ label: (original ?? text).slice(n.start, n.start + n.phrase.length), dimension: n.dimension, values: n.values })),
      refusal: `I read ${what} as a list of different kinds of thing. I give each and their total only as one period's total cost, tokens or calls, over names all on cloud billing or all on AI usage. Ask about each on its own, or say how they relate (e.g. "NAT gateways in VPC").`,
    };
  }
  const dims = new Set(lists.map((c) => c[0]!.dimension));
  return { set: dims.size === 1 ? { dimension: [...dims][0]! } : null };
}

/** The query of a mixed list: grouped by each kind named, without their filters (the answer picks the rows, mixed-list.ts). */
function mixedQuery(filters: readonly Filter[], items: readonly ListItem[]): { groupBy: string[]; filters: Filter[] } {
  const dims = [...new Set(items.map((i) => i.dimension))];
  return { groupBy: dims, filters: filters.filter((f) => !(dims.includes(f.dimension) && (f.op === 'in' || (f.op === 'eq' && f.value !== null)))) };
}

/**
 * The set's filters made one, in place: every value named on its dimension ("CDN and S3" is
 * CloudFront or S3, not both at once). Returns the set the answer gives a row each.
 */
function asSet(filters: Filter[], dimension: string): { dimension: string; values: string[] } {
  const values = new Set<string>();
  const rest: Filter[] = [];
  for (const f of filters) {
    if (f.dimension === dimension && f.op === 'eq' && f.value !== null) values.add(String(f.value));
    else if (f.dimension === dimension && f.op === 'in') for (const v of f.values) values.add(String(v));
    else rest.push(f);
  }
  filters.splice(0, filters.length, { dimension, op: 'in', values: [...values] }, ...rest);
  return { dimension, values: [...values] };
}

export interface Listed {
  /** What to group by instead of what the question said, if a list changes it. */
  groupBy?: string[];
  set?: { dimension: string; values: string[] };
  mixed?: ListItem[];
  assumption?: string;
}

/**
 * A list's reading applied to the query's filters, in place. `onlyTotal`: the question asks for
 * one period's total, with no grouping, trend, comparison or average of its own. A mixed list's
 * total needs a metric that adds up across rows.
 */
export function applyLists(lists: ListReading, filters: Filter[], onlyTotal: boolean, metric: Metric): Listed | { refusal: string } {
  if ('set' in lists) {
    if (!onlyTotal || !lists.set) return {};
    const set = asSet(filters, lists.set.dimension);
    return { set, groupBy: [set.dimension] };
  }
  const kinds = new Set(lists.mixed.map((i) => i.dimension));
  // A team's spend is cloud and AI, a service's cloud only: grouped together, the team would lose its AI spend.
  const oneHome = new Set(lists.mixed.map((i) => datasetOf(i.dimension))).size === 1;
  if (!onlyTotal || !oneHome || !isAdditive(metric) || kinds.size > 3) return { refusal: lists.refusal };
  const q = mixedQuery(filters, lists.mixed);
  filters.splice(0, filters.length, ...q.filters);
  return {
    mixed: lists.mixed,
    groupBy: q.groupBy,
    assumption: `${lists.mixed.map((i) => `"${i.label}"`).join(', ')} read as a list: each on its own, and their total with spend they share counted once`,
  };
}
