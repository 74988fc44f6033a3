/**
 * After `penny ingest`: brings the daily rollups up to date with what the loads changed, so
 * questions read the rollup instead of millions of raw rows. A failed refresh does not fail the
 * ingest — its data is committed, and questions read the raw tables while the rollup is stale —
 * so it is reported on stderr and the next ingest refreshes everything.
 */
import type pg from 'pg';
import type { LoadChange } from '../../costs/rollups.ts';

export async function refreshRollupsAfterIngest(pool: pg.Pool, loads: LoadChange[]): Promise<void> {
  // Imported here so that the ingest commands' help does not load the cost layer.
  const [{ refreshAfterLoads }, { logger }] = await Promise.all([import('../../costs/rollups.ts'), import('../../log/logger.ts')]);
  try {
    const started = performance.now();
    const done = await refreshAfterLoads(pool, loads);
    logger.debug({ ...done, ms: Math.round(performance.now() - started) }, 'daily rollups refreshed');
  } catch (err) {
    process.stderr.write(`penny: warning: daily rollups not refreshed (${(err as Error).message}); questions read the raw tables until the next refresh\n`);
  }
}
