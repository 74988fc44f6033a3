/**
 * The stored values people name in questions (teams, services, models, accounts…), read through the
 * query layer so a viewer only sees their own teams' values. Cached per viewer and asOf until the
 * data changes (the ingest loads' signature, one cheap query per question): values change with
 * ingests, not between two questions, and reading them all takes a while on large data. A new
 * process takes the one stored under the same signature (stored-catalog.ts).
 */
import type pg from 'pg';
import { dataCoverage } from '../../costs/coverage.ts';
import { addDays } from '../../schema/days.ts';
import { listDimensionValues } from '../../costs/values.ts';
import { teamTagKeys } from '../../costs/team-tags.ts';
import type { Viewer } from '../../costs/run.ts';
import { readStoredCatalog, storeCatalog, type SignedCatalog } from './stored-catalog.ts';

export type Catalog = Map<string, string[]>;

/**
 * ResourceId is named beside a resource word ("the data lake bucket") or by its own name
 * ("checkout-db"), SkuId by its whole id ("g5.12xlarge"), a charge description of three words or
 * more by all of them ("Lambda function duration"): planner/values.ts.
 */
/** Read only for parts named by what they are ("NAT gateways": service-parts.ts), never as names a word may mean. */
export const PART_DIMENSIONS = ['ServiceSubcategory', 'ResourceType'];
/** Read only for the kind of sub account a word names ("subscription": account-kinds.ts). */
const KIND_DIMENSIONS = ['SubAccountType'];
/** The catalog's entry of the tag keys teams were read from (src/costs/team-tags.ts): said, never matched. */
export const TEAM_TAG_KEYS = 'team tag keys';
/** Entries that are no names a question's word may mean. */
export const NOT_NAMES = [...PART_DIMENSIONS, ...KIND_DIMENSIONS, TEAM_TAG_KEYS];

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
};
const MAX_ENTRIES = 64;
const cache = new WeakMap<pg.Pool, Map<string, { signature: string; catalog: Promise<Catalog> }>>();

/** One dimension at a time: a dozen concurrent scans of a large table only slow each other down. */
export async function readCatalog(pool: pg.Pool, viewer: Viewer, asOf: string): Promise<Catalog> {
  const catalog: Catalog = new Map();
  const last = (await dataCoverage(pool, 'cloud'))?.last;
  const rawEnd = last && addDays(last, 1) < asOf ? addDays(last, 1) : asOf;
  for (const d of CATALOG_DIMENSIONS) {
    const raw = RAW_DIMENSIONS[d];
    const values = await listDimensionValues(pool, d, { viewer, asOf: raw ? rawEnd : asOf, days: raw ?? LOOKBACK_DAYS, limit: 500 });
    if (values.length > 0)
      catalog.set(
        d,
        values.map((v) => v.value),
      );
  }
  const keys = await teamTagKeys(pool, viewer, addDays(rawEnd, -RAW_DIMENSIONS.ResourceType!), rawEnd);
  if (keys.length > 0) catalog.set(TEAM_TAG_KEYS, keys);
  return catalog;
}

/** Reads the catalog from the stored one when it was read under `signature`, else from the data, and stores it. */
async function catalogOf(pool: pg.Pool, viewer: Viewer, asOf: string, viewerKey: string, signed: SignedCatalog): Promise<Catalog> {
  if (signed.stored) return signed.stored;
  const catalog = await readCatalog(pool, viewer, asOf);
  await storeCatalog(pool, viewerKey, asOf, signed.signature, catalog);
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
