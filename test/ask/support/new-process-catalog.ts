/**
 * The planner's catalog as a process that has none in memory yet loads it: a pool of its own,
 * ended before returning, since on Citus dropping a test's database terminates an idle client.
 */
import pg from 'pg';
import { loadCatalog } from '../../../src/ask/planner/catalog.ts';
import type { Viewer } from '../../../src/costs/run.ts';

export async function catalogInNewProcess(url: string, viewer: Viewer, asOf: string) {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  try {
    return await loadCatalog(pool, viewer, asOf);
  } finally {
    await pool.end();
  }
}
