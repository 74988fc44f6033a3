/**
 * The allow-list from dimension names to SQL expressions, per source table. This is the only place
 * dimension SQL is written: every expression is a fixed string chosen by name, and the one user
 * supplied part (a tag key) is bound as a parameter through `bind`.
 *
 * Attribution (team, feature, customer, environment, cost_center) is a column on every source:
 * ingest reads it from tags with the configured keys (cloud from FOCUS `Tags`), so cloud, AI and
 * task rows line up by team.
 */
import { FOCUS_COLUMNS } from '../ingest/focus/columns.ts';
import { tagKeyOf } from './query.ts';

export type Source = 'cloud' | 'ai' | 'tasks';

/** Adds a value to the statement's parameters and returns its placeholder (`$3`). */
export type Bind = (value: unknown, cast?: string) => string;

const focusColumn = new Map(FOCUS_COLUMNS.filter((c) => c.kind === 'text').map((c) => [c.name, c.column]));

const ATTRIBUTION_COLUMNS: Record<string, string> = {
  team: 'team',
  feature: 'feature',
  customer: 'customer',
  environment: 'environment',
  cost_center: 'cost_center',
};

/** Every AI call is a usage charge (FOCUS ChargeCategory), so "usage" and "tax" read AI rows rightly. */
const USAGE_CHARGE = "'Usage'::text";

/** A row's whole tag set as text, null when it has no tag at all (every source keeps tags as jsonb). */
const TAG_SET = "nullif(tags, '{}'::jsonb)::text";

/**
 * `accelerator` is GPU for a cloud row whose SKU or charge description names a GPU instance
 * family (AWS P and G, also as SageMaker ml.*; Azure N-series; Google A2, A3 and G2) or a GPU,
 * else null: "GPU spend" without a column for it. A fixed pattern, not user input.
 */
const GPU_PATTERN = String.raw`(^|[^a-z0-9.])(ml\.)?(p[2-6]|g[3-6])[a-z0-9-]*\.([0-9]*xlarge|large|metal)|\m(standard_)?n[cdv][0-9]+|\m(a2|a3|g2)[ -](instance|highgpu|ultragpu|standard)|gpu|nvidia|\m(a100|h100|h200|v100|t4|l4|a10g?|l40s?)\M`;
const ACCELERATOR = `case when coalesce(sku_id, '') || ' ' || coalesce(charge_description, '') ~* '${GPU_PATTERN}' then 'GPU' end`;

/** Task outcomes belong to AI usage: they only ever divide its cost. */
const COLUMNS: Record<Source, Record<string, string>> = {
  cloud: { ...ATTRIBUTION_COLUMNS, provider: 'provider_name', Tags: TAG_SET, dataset: "'cloud'::text", accelerator: ACCELERATOR },
  ai: { ...ATTRIBUTION_COLUMNS, provider: 'provider', ProviderName: 'provider', model: 'model', ChargeCategory: USAGE_CHARGE, Tags: TAG_SET, dataset: "'ai'::text" },
  tasks: { ...ATTRIBUTION_COLUMNS, ChargeCategory: USAGE_CHARGE, Tags: TAG_SET, dataset: "'ai'::text" },
};

/** The SQL for `dimension` on `source`, or null when that source has no such dimension. */
export function dimensionSql(dimension: string, source: Source, bind: Bind): string | null {
  const key = tagKeyOf(dimension);
  if (key !== null) return `nullif(tags->>${bind(key, 'text')}, '')`;
  return COLUMNS[source][dimension] ?? (source === 'cloud' ? focusColumn.get(dimension) : undefined) ?? null;
}

/** The time column each source is charged at. */
export const TIME_COLUMN: Record<Source, string> = { cloud: 'charge_period_start', ai: 'ts', tasks: 'ts' };
export const TABLE: Record<Source, string> = { cloud: 'cost_lines', ai: 'llm_usage', tasks: 'task_outcomes' };
