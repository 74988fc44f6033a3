/**
 * The planner's catalog as last read, kept in the database (table planner_catalogs) with the
 * ingest loads it was read under, so a new process reuses it while no load has changed the data:
 * each `penny ask` from the shell starts with no catalog in memory, and reading one from the cost
 * tables takes seconds at ten million rows. Exact by the same rule as the in-memory cache: the
 * loads' signature changes with every committed load, restatement or removal. When it has
 * changed, the newest catalog stored for the viewer is handed back as a base the loads added
 * since may extend (catalog-extension.ts).
 */
import type pg from 'pg';
import { z } from 'zod';
import { logger } from '../../log/logger.ts';
import { LOADS_TEXT_SQL } from '../../costs/rollups.ts';

/** Entries in the catalog's own order (a Map's), as JSON keeps them. */
const StoredCatalog = z.array(z.tuple([z.string(), z.array(z.string())]));

/** A stored catalog the loads since may extend: what it was read under. */
export interface CatalogBase {
  catalog: Map<string, string[]>;
  /** The loads as `id:status` by id, the text their signature hashes. */
  loads: string;
  asOf: string;
  /** The end (exclusive) of the window its raw dimensions were read over. */
  rawEnd: string;
  /** The day of the full read it was extended from (itself if it was read in full). */
  readAsOf: string;
}

export interface SignedCatalog {
  signature: string;
  /** The committed loads now, as the text the signature hashes. */
  loads: string;
  /** The stored catalog read under this signature, if there is one. */
  stored?: Map<string, string[]>;
  /** Without one: the newest catalog stored for the viewer up to this day, within a week of its full read. */
  base?: CatalogBase;
}

/** How many days a catalog is extended from its last full read before names are read in full again. */
export const EXTEND_DAYS = 7;

/**
 * The loads' signature now, and the catalog stored for this viewer and day under it, unless the
 * signature is `held` (the caller's catalog in memory is still good: the stored one is not sent).
 */
export async function readStoredCatalog(pool: pg.Pool, viewerKey: string, asOf: string, held: string | undefined): Promise<SignedCatalog> {
  const { rows } = await pool.query<{ signature: string; loads: string; catalog: unknown; base: unknown; base_loads: string | null; base_as_of: string; raw_end: string; read_as_of: string }>(
    `select l.signature, l.loads, c.catalog, b.catalog as base, b.loads as base_loads, to_char(b.as_of, 'YYYY-MM-DD') as base_as_of, to_char(b.raw_end, 'YYYY-MM-DD') as raw_end, to_char(b.read_as_of, 'YYYY-MM-DD') as read_as_of
       from (select md5(t.loads) as signature, t.loads from (select ${LOADS_TEXT_SQL} as loads) t) l
       left join planner_catalogs c on c.viewer_key = $1 and c.as_of = $2::date and c.loads_signature = l.signature and l.signature is distinct from $3
       left join lateral (select * from planner_catalogs b
                           where c.catalog is null and l.signature is distinct from $3 and b.viewer_key = $1 and b.as_of <= $2::date
                             and b.read_as_of >= $2::date - ${EXTEND_DAYS} and b.loads is not null
                           order by b.as_of desc limit 1) b on true`,
    [viewerKey, asOf, held ?? null],
  );
  const r = rows[0]!;
  const parsed = r.catalog === null ? undefined : StoredCatalog.safeParse(r.catalog);
  if (parsed?.success) return { signature: r.signature, loads: r.loads, stored: new Map(parsed.data) };
  const base = r.base === null || r.base_loads === null ? undefined : StoredCatalog.safeParse(r.base);
  return {
    signature: r.signature,
    loads: r.loads,
    ...(base?.success ? { base: { catalog: new Map(base.data), loads: r.base_loads!, asOf: r.base_as_of, rawEnd: r.raw_end, readAsOf: r.read_as_of } } : {}),
  };
}

/** What a catalog was read under, stored beside it so a later one may extend it. */
export interface CatalogRead {
  signature: string;
  loads: string;
  rawEnd: string;
  readAsOf: string;
}

/**
 * Stores a catalog read under `read.signature`; best effort, as the catalog is already in hand. A
 * load committed meanwhile leaves a row under the old signature, which is only extended.
 */
export async function storeCatalog(pool: pg.Pool, viewerKey: string, asOf: string, read: CatalogRead, catalog: Map<string, string[]>): Promise<void> {
  try {
    await pool.query(
      `insert into planner_catalogs (viewer_key, as_of, loads_signature, catalog, loads, raw_end, read_as_of) values ($1, $2::date, $3, $4::jsonb, $5, $6::date, $7::date)
       on conflict (viewer_key, as_of) do update set loads_signature = excluded.loads_signature, catalog = excluded.catalog, loads = excluded.loads,
         raw_end = excluded.raw_end, read_as_of = excluded.read_as_of, read_at = now()`,
      [viewerKey, asOf, read.signature, JSON.stringify([...catalog]), read.loads, read.rawEnd, read.readAsOf],
    );
    // One row per viewer and day asked about: rows not stored again within a month go (their day is long past).
    await pool.query("delete from planner_catalogs where read_at < now() - interval '30 days'");
  } catch (err) {
    logger.warn({ err }, 'could not store the planner catalog');
  }
}
