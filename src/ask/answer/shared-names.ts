/**
 * A bare name that several things carry ("data-analytics": an AWS linked account, a GCP project
 * and an Azure subscription) is summed as the words say, and the answer says what it summed: how
 * many, each by its provider, kind and id with its part, and how to ask for one. A name only one
 * thing carries says nothing more. Read through the same query layer, viewer and dates as the
 * answer, so the parts add up to it.
 */
import type pg from 'pg';
import type { CostQuery, Filter } from '../../costs/query.ts';
import { runCostQuery, type CostResult, type CostRow, type Viewer } from '../../costs/run.ts';
import { formatValue, rowUnit } from './format.ts';

interface NamedThing {
  /** What one of them is called in the sentence, plural added with "s". */
  noun: string;
  /** The dimensions that tell the things of one name apart, the id last. */
  identity: readonly string[];
  /** How to ask for one of them. */
  ask: string;
}

/** Name dimensions several things may share, and what tells those things apart. */
const SHARED: Record<string, NamedThing> = {
  SubAccountName: { noun: 'sub account', identity: ['ProviderName', 'SubAccountType', 'SubAccountId'], ask: 'ask for one by its kind ("the NAME project", "the NAME subscription") or its id' },
  BillingAccountName: { noun: 'billing account', identity: ['ProviderName', 'BillingAccountId'], ask: 'ask for one by its provider ("NAME on AWS") or its id' },
  ServiceName: { noun: 'service', identity: ['ProviderName'], ask: 'ask for one by its provider ("NAME on Azure")' },
};

/** Most things of one name listed in the sentence; the rest are counted. */
const LISTED = 5;

/** The name a filter keeps to: `eq`, or `in` with one value (as the agent's model may write it). */
const oneName = (f: Filter): string | null => (f.op === 'eq' && typeof f.value === 'string' ? f.value : f.op === 'in' && f.values.length === 1 ? f.values[0]! : null);

/** The one name filter the answer's query keeps to, when it is a name several things may share. */
function sharedNameFilter(q: CostQuery): { filter: Filter; name: string } | null {
  const named = q.filters.filter((f) => f.dimension in SHARED && oneName(f) !== null);
  if (named.length !== 1) return null;
  const filter = named[0]!;
  const thing = SHARED[filter.dimension]!;
  // Grouped or filtered by what tells them apart already: the rows or the words say which.
  const told = new Set([...q.groupBy, ...q.filters.filter((f) => f !== filter).map((f) => f.dimension)]);
  return thing.identity.some((d) => told.has(d) || (d === 'ProviderName' && told.has('provider'))) ? null : { filter, name: oneName(filter)! };
}

/** "AWS Linked Account 200000000013 ($103.57)": one thing of the name by what tells it apart, with its part in each currency. */
function describe(rows: CostRow[], identity: readonly string[], result: CostResult): string {
  const parts = identity.map((d) => rows[0]![d]).filter((v): v is string => typeof v === 'string' && v !== '');
  const values = rows.flatMap((r) => (typeof r[result.metric] === 'number' ? [formatValue(r[result.metric] as number, rowUnit(result, r))] : []));
  return `${parts.join(' ')}${values.length > 0 ? ` (${values.join(' and ')})` : ''}`;
}

/**
 * What the query's shared name sums, said in a sentence; null when the name is one thing's. Needs
 * only the query, so it runs beside the query itself.
 */
export async function sharedNameNote(pool: pg.Pool, query: CostQuery, asOf: string, options: { viewer: Viewer; timeoutMs?: number }): Promise<string | null> {
  const shared = sharedNameFilter(query);
  if (!shared) return null;
  const thing = SHARED[shared.filter.dimension]!;
  const parts = await runCostQuery(
    pool,
    { ...query, groupBy: thing.identity, granularity: 'total', compare: undefined, compareTo: undefined, limit: undefined, threshold: undefined, orderBy: { by: 'metric', direction: 'desc' } },
    { viewer: options.viewer, asOf, timeoutMs: options.timeoutMs, dataThrough: false },
  );
  const key = (r: CostRow) => JSON.stringify(thing.identity.map((d) => r[d]));
  const things = new Map<string, CostRow[]>();
  for (const r of parts.rows) things.set(key(r), [...(things.get(key(r)) ?? []), r]);
  if (things.size < 2) return null;
  const listed = [...things.values()].slice(0, LISTED).map((rows) => describe(rows, thing.identity, parts));
  const more = things.size > LISTED ? `, and ${things.size - LISTED} more` : '';
  return `That sums ${things.size} ${thing.noun}s named ${shared.name}: ${listed.join('; ')}${more}; ${thing.ask.replaceAll('NAME', shared.name)}.`;
}
