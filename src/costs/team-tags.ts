/**
 * The tag keys teams of cloud costs were read from at ingest (`team`, `Team`, `Owner`,
 * `user:team`, …): the keys whose value is the row's team, on a sample of a period's rows. An
 * answer naming a team by part of its stored name ("payments" for team-payments) says which tag
 * that name came from.
 */
import type pg from 'pg';
import { DEFAULT_TIMEOUT_MS, readOnly, type Viewer } from './run.ts';

/** Rows sampled: enough to meet every key a delivery uses, few enough to read at once. */
const SAMPLE = 10_000;

export async function teamTagKeys(pool: pg.Pool, viewer: Viewer, from: string, to: string): Promise<string[]> {
  const scope = viewer.admin ? '' : ' and team = any($3::text[])';
  const { rows } = await readOnly(pool, DEFAULT_TIMEOUT_MS, (c) =>
    c.query<{ key: string }>(
      `select distinct e.key from (select tags, team from cost_lines where charge_period_start >= $1::timestamptz and charge_period_start < $2::timestamptz and team is not null${scope} limit ${SAMPLE}) x
       cross join lateral jsonb_each_text(x.tags) e where e.value = x.team order by 1 limit 20`,
      viewer.admin ? [`${from}T00:00:00Z`, `${to}T00:00:00Z`] : [`${from}T00:00:00Z`, `${to}T00:00:00Z`, viewer.teams],
    ),
  );
  return rows.map((r) => r.key);
}
