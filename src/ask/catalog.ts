/**
 * The stored values people name in questions (teams, services, models, accounts…), read through the
 * query layer so a viewer only sees their own teams' values. Kept for a minute per viewer and asOf:
 * values change with ingests, not between two questions.
 */
import type pg from 'pg';
import { listDimensionValues } from '../costs/values.ts';
import type { Viewer } from '../costs/run.ts';

export type Catalog = Map<string, string[]>;

export const CATALOG_DIMENSIONS = ['team', 'feature', 'model', 'provider', 'customer', 'environment', 'cost_center', 'ServiceName', 'ServiceCategory', 'RegionId', 'SubAccountId', 'SubAccountName'];

const TTL_MS = 60_000;
/** Values seen over this many days before asOf; older names still resolve for a year. */
const LOOKBACK_DAYS = 400;
const cache = new WeakMap<pg.Pool, Map<string, { at: number; catalog: Promise<Catalog> }>>();

export function loadCatalog(pool: pg.Pool, viewer: Viewer, asOf: string): Promise<Catalog> {
  const key = `${asOf}|${viewer.admin ? '*' : [...viewer.teams].sort().join(',')}`;
  const perPool = cache.get(pool) ?? new Map<string, { at: number; catalog: Promise<Catalog> }>();
  cache.set(pool, perPool);
  const hit = perPool.get(key);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.catalog;
  const catalog = Promise.all(
    CATALOG_DIMENSIONS.map(async (d) => [d, (await listDimensionValues(pool, d, { viewer, asOf, days: LOOKBACK_DAYS, limit: 500 })).map((v) => v.value)] as const),
  ).then((entries) => new Map(entries.filter(([, values]) => values.length > 0)));
  perPool.set(key, { at: Date.now(), catalog });
  catalog.catch(() => perPool.delete(key));
  return catalog;
}

/** Forgets cached values, e.g. after an ingest in the same process. */
export function forgetCatalog(pool: pg.Pool): void {
  cache.delete(pool);
}
