/**
 * Dimension names to SQL expressions, per source table: the fixed expressions of
 * src/schema/dimensions.ts, and tags. Every expression is a fixed string chosen by name; the one
 * user-supplied part (a tag key) is bound as a parameter through `bind`.
 *
 * Attribution (team, feature, customer, environment, cost_center) is a column on every source:
 * ingest reads it from tags with the configured keys (cloud from FOCUS `Tags`), so cloud, AI and
 * task rows line up by team.
 */
import { columnSql, type Source } from '../schema/dimensions.ts';
import { tagKeyOf } from './query.ts';

/** Adds a value to the statement's parameters and returns its placeholder (`$3`). */
export type Bind = (value: unknown, cast?: string) => string;

/** The SQL for `dimension` on `source`, or null when that source has no such dimension. */
export function dimensionSql(dimension: string, source: Source, bind: Bind): string | null {
  const key = tagKeyOf(dimension);
  if (key !== null) return `nullif(tags->>${bind(key, 'text')}, '')`;
  return columnSql(dimension, source);
}
