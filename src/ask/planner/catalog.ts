/**
 * The stored values people name in questions (teams, services, models, accounts…), read through the
 * query layer so a viewer only sees their own teams' values. Cached per viewer and asOf until the
 * data changes (the ingest loads' signature, one cheap query per question): values change with
 * ingests, not between two questions, and reading them all takes a while on large data. A new
 * process takes the one stored under the same signature (stored-catalog.ts); the first question
 * after an ingest extends the one stored before it with what the loads added (catalog-extension.ts).
 */
import type pg from 'pg';
import { dataCoverage } from '../../costs/coverage.ts';
import { addDays, daysBetween } from '../../schema/days.ts';
import type { DateRange } from '../../costs/time.ts';
import { datasetOf, listDimensionValues } from '../../costs/values.ts';
import { storedTagKeys, teamTagKeys } from '../../costs/team-tags.ts';
import { runCostQuery, type Viewer } from '../../costs/run.ts';
import { readStoredCatalog, storeCatalog, type SignedCatalog } from './stored-catalog.ts';
import { extendCatalog, type CatalogReader } from './catalog-extension.ts';

export type Catalog = Map<string, string[]>;

/**
 * ResourceId is named beside a resource word ("the data lake bucket") or by its own name
 * ("checkout-db"), SkuId by its whole id ("g5.12xlarge"), a charge description of three words or
 * more by all of them ("Lambda function duration"): planner/values.ts.
 */
/** Read only for parts named by what they are ("NAT gateways": service-parts.ts), never as names a word may mean. */
export const PART_DIMENSIONS = ['ServiceSubcategory', 'ResourceType'];
/** Read only for the kind of sub account a word names ("subscription": account-kinds.ts) and the kinds of commitment said together ("RI vs savings plans": contains-pairs.ts). */
const KIND_DIMENSIONS = ['SubAccountType', 'CommitmentDiscountType'];
/** Read only beside the word "workload" (workloads.ts): a split cost's workload is often named as a team is. */
const WORKLOAD_DIMENSIONS = ['AllocatedResourceName'];
/** Read only beside an invoicing word ("billed by", "reseller": issuers.ts): an issuer is often named as its provider is. */
export const ISSUER_DIMENSIONS = ['InvoiceIssuerName'];
/** The catalog's entry of the tag keys teams were read from (src/costs/team-tags.ts): said, never matched. */
export const TEAM_TAG_KEYS = 'team tag keys';
/** The catalog's entry of every tag key as stored (src/costs/team-tags.ts): a typed key is read as its stored spelling, never as a name. */
export const TAG_KEYS = 'tag keys';
/**
 * Values read together, one entry each, every item a JSON array of the dimensions' values: which
 * cloud each billing account is of and its type (principal-account.ts), and each region's
 * RegionName (region-areas.ts). Never names.
 */
export const PAIRS: Record<string, readonly string[]> = {
  'billing accounts': ['BillingAccountName', 'provider', 'BillingAccountType'],
  'region names': ['RegionId', 'RegionName'],
};
/** Entries that are no names a question's word may mean. */
export const NOT_NAMES = [...PART_DIMENSIONS, ...KIND_DIMENSIONS, ...ISSUER_DIMENSIONS, ...WORKLOAD_DIMENSIONS, TEAM_TAG_KEYS, TAG_KEYS, ...Object.keys(PAIRS)];

export const CATALOG_DIMENSIONS = [
  'team',
  'feature',
  'model',
  'provider',
  'customer',
  'environment',
  'cost_center',
  'ServiceName',
  'ServiceCategory',
  'RegionId',
  'SubAccountId',
  'SubAccountName',
  'BillingAccountName',
  'ResourceId',
  'SkuId',
  'ChargeDescription',
  ...PART_DIMENSIONS,
  ...KIND_DIMENSIONS,
  ...ISSUER_DIMENSIONS,
  ...WORKLOAD_DIMENSIONS,
];

/** Values seen over this many days before asOf; older names still resolve for a year. */
const LOOKBACK_DAYS = 400;
/**
 * Dimensions the daily rollup lacks are read from the raw rows, over the recent past only: the
 * weeks before the latest cloud charge, so a month's export asked about weeks later still names
 * the resources and SKUs of its first days.
 */
const RAW_DIMENSIONS: Record<string, number> = {
  ServiceCategory: 35,
  SubAccountName: 35,
  BillingAccountName: 35,
  ResourceId: 35,
  SkuId: 35,
  ChargeDescription: 35,
  ServiceSubcategory: 35,
  ResourceType: 35,
  SubAccountType: 35,
  CommitmentDiscountType: 35,
  InvoiceIssuerName: 35,
  AllocatedResourceName: 35,
};
/** Names kept per dimension (the most spent first), and team tag keys. */
const VALUE_LIMIT = 500;
const TEAM_TAG_KEY_LIMIT = 20;
const TAG_KEY_LIMIT = 500;
const MAX_ENTRIES = 64;
const cache = new WeakMap<pg.Pool, Map<string, { signature: string; catalog: Promise<Catalog> }>>();

/** The entries of a catalog, in order: the dimensions, the team tag keys, the tag keys, then the pairs. */
const ENTRIES = [...CATALOG_DIMENSIONS, TEAM_TAG_KEYS, TAG_KEYS, ...Object.keys(PAIRS)];

/** The days an entry's names are read over: a year and more before asOf, or the raw dimensions' weeks before rawEnd. */
function windowOf(entry: string, asOf: string, rawEnd: string): DateRange {
  const raw = entry === TEAM_TAG_KEYS || entry === TAG_KEYS || PAIRS[entry] ? RAW_DIMENSIONS.ResourceType : RAW_DIMENSIONS[entry];
  return raw ? { from: addDays(rawEnd, -raw), to: rawEnd } : { from: addDays(asOf, -LOOKBACK_DAYS), to: asOf };
}

/** Reads a viewer's names, one entry at a time: a dozen concurrent scans of a large table only slow each other down. */
function readerFor(pool: pg.Pool, viewer: Viewer): CatalogReader {
  return {
    entries: ENTRIES,
    window: windowOf,
    limit: (entry) => (entry === TEAM_TAG_KEYS ? TEAM_TAG_KEY_LIMIT : entry === TAG_KEYS ? TAG_KEY_LIMIT : VALUE_LIMIT),
    dataset: (entry) => (entry === TEAM_TAG_KEYS || entry === TAG_KEYS || PAIRS[entry] ? 'cloud' : datasetOf(entry)),
    read: async (entry, range) => {
      if (entry === TEAM_TAG_KEYS) return teamTagKeys(pool, viewer, range.from, range.to);
      if (entry === TAG_KEYS) return storedTagKeys(pool, viewer, range.from, range.to);
      const pair = PAIRS[entry];
      if (pair) return readPairs(pool, viewer, pair, range);
      return (await listDimensionValues(pool, entry, { viewer, asOf: range.to, days: daysBetween(range.from, range.to), limit: VALUE_LIMIT })).map((v) => v.value);
    },
  };
}

/** The distinct values of `dimensions` together, the first one set, the most spent first: each a JSON array. */
async function readPairs(pool: pg.Pool, viewer: Viewer, dimensions: readonly string[], range: DateRange): Promise<string[]> {
  const { rows } = await runCostQuery(
    pool,
    { dataset: 'cloud', groupBy: dimensions, filters: [{ dimension: dimensions[0], op: 'not', value: null }], time: range, limit: VALUE_LIMIT },
    { viewer, asOf: range.to, dataThrough: false },
  );
  return [...new Set(rows.map((r) => JSON.stringify(dimensions.map((d) => r[d] ?? null))))];
}

/** A pairs entry's items (PAIRS): each the values of its dimensions, null where a row has none. */
export function pairsOf(catalog: Catalog, entry: keyof typeof PAIRS): Array<Array<string | null>> {
  return (catalog.get(entry) ?? []).map((item) => JSON.parse(item) as Array<string | null>);
}

/** The day after the latest cloud charge, or asOf when that is later: where the raw dimensions' window ends. */
async function rawEndOf(pool: pg.Pool, asOf: string): Promise<string> {
  const last = (await dataCoverage(pool, 'cloud'))?.last;
  return last && addDays(last, 1) < asOf ? addDays(last, 1) : asOf;
}

async function readAll(reader: CatalogReader, asOf: string, rawEnd: string): Promise<Catalog> {
  const catalog: Catalog = new Map();
  for (const entry of reader.entries) {
    const values = await reader.read(entry, reader.window(entry, asOf, rawEnd));
    if (values.length > 0) catalog.set(entry, values);
  }
  return catalog;
}

/** Every name in the data, read in full. */
export async function readCatalog(pool: pg.Pool, viewer: Viewer, asOf: string): Promise<Catalog> {
  return readAll(readerFor(pool, viewer), asOf, await rawEndOf(pool, asOf));
}

/**
 * The stored catalog when it was read under the loads now; else the stored one extended with what
 * the loads since added (catalog-extension.ts), else every name read in full; stored either way.
 */
async function catalogOf(pool: pg.Pool, viewer: Viewer, asOf: string, viewerKey: string, signed: SignedCatalog): Promise<Catalog> {
  if (signed.stored) return signed.stored;
  const reader = readerFor(pool, viewer);
  const rawEnd = await rawEndOf(pool, asOf);
  const extended = signed.base && (await extendCatalog(pool, reader, signed.base, { loads: signed.loads, asOf, rawEnd }));
  const catalog = extended || (await readAll(reader, asOf, rawEnd));
  const readAsOf = extended && signed.base ? signed.base.readAsOf : asOf;
  await storeCatalog(pool, viewerKey, asOf, { signature: signed.signature, loads: signed.loads, rawEnd, readAsOf }, catalog);
  return catalog;
}

export async function loadCatalog(pool: pg.Pool, viewer: Viewer, asOf: string): Promise<Catalog> {
  const viewerKey = viewer.admin ? '*' : [...viewer.teams].sort().join(',');
  const key = `${asOf}|${viewerKey}`;
  const perPool = cache.get(pool) ?? new Map<string, { signature: string; catalog: Promise<Catalog> }>();
  cache.set(pool, perPool);
  const hit = perPool.get(key);
  const signed = await readStoredCatalog(pool, viewerKey, asOf, hit?.signature);
  if (hit && hit.signature === signed.signature) return hit.catalog;
  const catalog = catalogOf(pool, viewer, asOf, viewerKey, signed);
  perPool.delete(key);
  perPool.set(key, { signature: signed.signature, catalog });
  if (perPool.size > MAX_ENTRIES) perPool.delete(perPool.keys().next().value!);
  catalog.catch(() => perPool.delete(key));
  return catalog;
}
