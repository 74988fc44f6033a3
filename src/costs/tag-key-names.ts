/**
 * The tag keys stored on cloud costs, as spelt (`BusinessUnit`, `cost-center`, `user:Team`), on a
 * sample of a period's rows a viewer may see: a question types a key in any case, and a tag's
 * value is read by its exact spelling (src/costs/dimensions.ts), so the planner needs the stored one.
 */
import type pg from 'pg';
import { DEFAULT_TIMEOUT_MS, readOnly, type Viewer } from './run.ts';

/** Rows sampled: enough to meet every key a delivery uses, few enough to read at once. */
const SAMPLE = 10_000;
/** Keys kept: more than any export's tag policy has. */
const KEYS = 500;

export async function storedTagKeys(pool: pg.Pool, viewer: Viewer, from: string, to: string): Promise<string[]> {
  const scope = viewer.admin ? '' : ' and team = any($3::text[])';
  const range = [`${from}T00:00:00Z`, `${to}T00:00:00Z`];
  const { rows } = await readOnly(pool, DEFAULT_TIMEOUT_MS, (c) =>
    c.query<{ key: string }>(
      `select distinct e.key from (select tags from cost_lines where charge_period_start >= $1::timestamptz and charge_period_start < $2::timestamptz${scope} limit ${SAMPLE}) x
       cross join lateral jsonb_object_keys(x.tags) e(key) order by 1 limit ${KEYS}`,
      viewer.admin ? range : [...range, viewer.teams],
    ),
  );
  return rows.map((r) => r.key);
}
