/**
 * Names listed with "and", "or", commas or "+": "search and checkout spend", "NAT gateways, VPC and
 * CloudFront". A list of one dimension's values is a set, answered one row each with their total
 * (the planner groups by it); names of different kinds listed together ("NAT gateways and VPC")
 * are not one filter of each at once, so the question is declined saying what was read.
 */
import type { Filter } from '../../costs/query.ts';
import { dimensionName } from '../answer/format.ts';

/** A name read in the question: where, as which dimension, and whether "excluding" came before it. */
export interface Named {
  dimension: string;
  start: number;
  end: number;
  phrase: string;
  negated: boolean;
}

/** What stands between two listed names: a comma, "and", "or", "+", "&" or "as well as", and perhaps a "the"; a space alone is no list ("search team EC2"). */
const JOIN = /^\s*(?:,\s*(?:(?:and|or|plus|&|\+)\s+)?|(?:and|or|and\/or|plus|as\s+well\s+as|&|\+|\/)\s+)(?:the\s+)?$/;

export type ListReading = { set: { dimension: string } | null } | { refusal: string };

/** Chains of names only joined by list words, in the order typed. */
function chains(text: string, named: readonly Named[]): Named[][] {
  const sorted = named.filter((n) => !n.negated).sort((a, b) => a.start - b.start);
  const out: Named[][] = [];
  for (const n of sorted) {
    const last = out.at(-1)?.at(-1);
    if (last && last.end <= n.start && JOIN.test(text.slice(last.end, n.start))) out.at(-1)!.push(n);
    else out.push([n]);
  }
  return out.filter((c) => c.length > 1);
}

/**
 * The set a question lists, if it lists one dimension's names; a refusal when a list mixes kinds.
 * `text` is the question's text, whose offsets the names carry.
 */
export function readLists(text: string, named: readonly Named[]): ListReading {
  const lists = chains(text, named);
  const mixed = lists.find((c) => new Set(c.map((n) => n.dimension)).size > 1);
  if (mixed) {
    const names = mixed.map((n) => `"${n.phrase}" (a ${dimensionName(n.dimension)})`);
    const what = `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
    return {
      refusal: `I read ${what} as a list of different kinds of thing, and I can't add those up without counting some spend twice or guessing how they overlap. Ask about each on its own, or say how they relate (e.g. "NAT gateways in VPC").`,
    };
  }
  const dims = new Set(lists.map((c) => c[0]!.dimension));
  return { set: dims.size === 1 ? { dimension: [...dims][0]! } : null };
}

/**
 * The set's filters made one, in place: every value named on its dimension ("CDN and S3" is
 * CloudFront or S3, not both at once). Returns the set the answer gives a row each.
 */
export function asSet(filters: Filter[], dimension: string): { dimension: string; values: string[] } {
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
