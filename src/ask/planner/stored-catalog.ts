/**
 * The planner's catalog as last read, kept in the database (table planner_catalogs) with the
 * ingest loads' signature it was read under, so a new process reuses it while no load has
 * changed the data: each `penny ask` from the shell starts with no catalog in memory, and reading
 * one from the cost tables takes seconds at ten million rows. Exact by the same rule as the
 * in-memory cache: the signature changes with every committed load, restatement or removal.
 */
import type pg from 'pg';
import { z } from 'zod';
import { logger } from '../../log/logger.ts';
import { LOADS_SIGNATURE_SQL } from '../../costs/rollups.ts';

/** Entries in the catalog's own order (a Map's), as JSON keeps them. */
const StoredCatalog = z.array(z.tuple([z.string(), z.array(z.string())]));

export interface SignedCatalog {
  signature: string;
  /** The stored catalog read under this signature, if there is one. */
  stored?: Map<string, string[]>;
}

/**
 * The loads' signature now, and the catalog stored for this viewer and day under it, unless the
 * signature is `held` (the caller's catalog in memory is still good: the stored one is not sent).
 */
export async function readStoredCatalog(pool: pg.Pool, viewerKey: string, asOf: string, held: string | undefined): Promise<SignedCatalog> {
  const { rows } = await pool.query<{ signature: string; catalog: unknown }>(
    `select l.signature, c.catalog from (select ${LOADS_SIGNATURE_SQL} as signature) l
       left join planner_catalogs c on c.viewer_key = $1 and c.as_of = $2::date and c.loads_signature = l.signature and l.signature is distinct from $3`,
    [viewerKey, asOf, held ?? null],
  );
  const { signature, catalog } = rows[0]!;
  const parsed = catalog === null ? undefined : StoredCatalog.safeParse(catalog);
  return parsed?.success ? { signature, stored: new Map(parsed.data) } : { signature };
}

/**
 * Stores a catalog read under `signature`; best effort, as the catalog is already in hand. A
 * load committed meanwhile leaves a row under the old signature, which is never read again.
 */
export async function storeCatalog(pool: pg.Pool, viewerKey: string, asOf: string, signature: string, catalog: Map<string, string[]>): Promise<void> {
  try {
    await pool.query(
      `insert into planner_catalogs (viewer_key, as_of, loads_signature, catalog) values ($1, $2::date, $3, $4::jsonb)
       on conflict (viewer_key, as_of) do update set loads_signature = excluded.loads_signature, catalog = excluded.catalog, read_at = now()`,
      [viewerKey, asOf, signature, JSON.stringify([...catalog])],
    );
    // One row per viewer and day asked about: rows not stored again within a month go (their day is long past).
    await pool.query("delete from planner_catalogs where read_at < now() - interval '30 days'");
  } catch (err) {
    logger.warn({ err }, 'could not store the planner catalog');
  }
}
