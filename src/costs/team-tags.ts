/**
 * Tag keys on a sample of a period's cloud cost rows a viewer may see:
 * - every key as spelt (`BusinessUnit`, `cost-center`, `user:Team`): a question types a key in any
 *   case, and a tag's value is read by its exact spelling (src/costs/dimensions.ts), so the planner
 *   needs the stored one;
 * - the keys teams were read from at ingest (`team`, `Team`, `Owner`, `user:team`, …), whose value
 *   is the row's team: an answer naming a team by part of its stored name ("payments" for
 *   team-payments) says which tag that name came from.
 */
import type pg from 'pg';
import { DEFAULT_TIMEOUT_MS, readOnly, type Viewer } from './run.ts';

/** Rows sampled: enough to meet every key a delivery uses, few enough to read at once. */
const SAMPLE = 10_000;

async function sampledKeys(pool: pg.Pool, viewer: Viewer, from: string, to: string, teamKeys: boolean, limit: number): Promise<string[]> {
  const scope = viewer.admin ? '' : ' and team = any($3::text[])';
  const range = [`${from}T00:00:00Z`, `${to}T00:00:00Z`];
  const { rows } = await readOnly(pool, DEFAULT_TIMEOUT_MS, (c) =>
    c.query<{ key: string }>(
      `select distinct e.key from (select tags, team from cost_lines where charge_period_start >= $1::timestamptz and charge_period_start < $2::timestamptz${teamKeys ? ' and team is not null' : ''}${scope} limit ${SAMPLE}) x
       cross join lateral jsonb_each_text(x.tags) e${teamKeys ? ' where e.value = x.team' : ''} order by 1 limit ${limit}`,
      viewer.admin ? range : [...range, viewer.teams],
    ),
  );
  return rows.map((r) => r.key);
}

/** Every stored tag key, as spelt; at most 500, more than any export's tag policy has. */
export const storedTagKeys = (pool: pg.Pool, viewer: Viewer, from: string, to: string) => sampledKeys(pool, viewer, from, to, false, 500);

/** The keys whose value is the row's team. */
export const teamTagKeys = (pool: pg.Pool, viewer: Viewer, from: string, to: string) => sampledKeys(pool, viewer, from, to, true, 20);
