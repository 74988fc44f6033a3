/**
 * The allow-list from dimension names to SQL expressions, per source table. This is the only place
 * dimension SQL is written: every expression is a fixed string chosen by name, and the one user
 * supplied part (a tag key) is bound as a parameter through `bind`.
 *
 * Cloud rows carry attribution in FOCUS `Tags` (team, feature, customer, environment and
 * cost_center or cost-center), AI usage and task outcomes in columns, so both line up by team.
 */
import { FOCUS_COLUMNS } from '../ingest/focus/columns.ts';
import { tagKeyOf } from './query.ts';

export type Source = 'cloud' | 'ai' | 'tasks';

/** Adds a value to the statement's parameters and returns its placeholder (`$3`). */
export type Bind = (value: unknown, cast?: string) => string;

const focusColumn = new Map(FOCUS_COLUMNS.filter((c) => c.kind === 'text').map((c) => [c.name, c.column]));

// Empty tag values count as missing, as ingest's attribution does.
const tag = (key: string) => `nullif(tags->>'${key}', '')`;

const CLOUD_ATTRIBUTION: Record<string, string> = {
  team: tag('team'),
  feature: tag('feature'),
  customer: tag('customer'),
  environment: tag('environment'),
  cost_center: `coalesce(${tag('cost_center')}, ${tag('cost-center')})`,
};

const AI_COLUMNS: Record<string, string> = {
  team: 'team',
  feature: 'feature',
  customer: 'customer',
  environment: 'environment',
  cost_center: 'cost_center',
  provider: 'provider',
  ProviderName: 'provider',
  model: 'model',
};

const TASK_COLUMNS: Record<string, string> = {
  team: 'team',
  feature: 'feature',
  customer: 'customer',
  environment: 'environment',
  cost_center: 'cost_center',
};

/** The SQL for `dimension` on `source`, or null when that source has no such dimension. */
export function dimensionSql(dimension: string, source: Source, bind: Bind): string | null {
  const key = tagKeyOf(dimension);
  if (key !== null) return `nullif(tags->>${bind(key, 'text')}, '')`;
  if (source === 'cloud') {
    if (dimension === 'provider') return 'provider_name';
    return CLOUD_ATTRIBUTION[dimension] ?? focusColumn.get(dimension) ?? null;
  }
  return (source === 'ai' ? AI_COLUMNS : TASK_COLUMNS)[dimension] ?? null;
}

/** The time column each source is charged at. */
export const TIME_COLUMN: Record<Source, string> = { cloud: 'charge_period_start', ai: 'ts', tasks: 'ts' };
export const TABLE: Record<Source, string> = { cloud: 'cost_lines', ai: 'llm_usage', tasks: 'task_outcomes' };
