/**
 * The dimensions of cost, defined once: every name a slice of spend can be asked, grouped, budgeted
 * or owned by, with its SQL on each source table, its column in the daily rollup, its key in the
 * scopes of budgets, owners and findings, and the words answers use for it. The query layer
 * (src/costs), the scans, budgets, owners and the planner derive their lists from this table.
 *
 * Names are FOCUS column names (ServiceName, SubAccountId, ...) or attribution keys (team, ...).
 * Every SQL expression here is a fixed string: the one user-supplied part of a dimension, a tag key
 * (`tag:<key>`), is bound as a parameter by src/costs/dimensions.ts.
 */
import { ATTRIBUTION_DIMENSIONS } from './attribution.ts';
import { FOCUS_COLUMNS } from './focus-columns.ts';

/** The source tables of spend: cloud billing (FOCUS), LLM calls, and task outcomes (for cost per successful task). */
export type Source = 'cloud' | 'ai' | 'tasks';
export const TABLE: Record<Source, string> = { cloud: 'cost_lines', ai: 'llm_usage', tasks: 'task_outcomes' };
/** The time column each source is charged at. */
export const TIME_COLUMN: Record<Source, string> = { cloud: 'charge_period_start', ai: 'ts', tasks: 'ts' };

export interface DimensionDef {
  /** The name in questions, CostQuery, `--json` rows and the catalog. */
  name: string;
  /** The SQL on each source that has it. */
  sql: Partial<Record<Source, string>>;
  /** The column of cost_rollup_daily it is rolled up in; without one, questions on it read the raw tables. */
  rollup?: string;
  /** Its key in a scope (budgets, the owner map, findings), and the short forms a user may type for it. */
  scope?: string;
  scopeAliases?: readonly string[];
  /** What answers call it; without one, the name in lower-case words (`ChargeCategory` → "charge category"). */
  label?: string;
}

/** Every AI call is a usage charge (FOCUS ChargeCategory), so "usage" and "tax" read AI rows rightly. */
const USAGE_CHARGE = "'Usage'::text";
/** A row's whole tag set as text, null when it has no tag at all (every source keeps tags as jsonb). */
const TAG_SET = "nullif(tags, '{}'::jsonb)::text";

/** What FOCUS columns carry beside their cloud column. */
const FOCUS_EXTRA: Record<string, Omit<DimensionDef, 'name' | 'sql'> & { sql?: DimensionDef['sql'] }> = {
  ProviderName: { sql: { ai: 'provider' }, rollup: 'provider', label: 'provider' },
  ChargeCategory: { sql: { ai: USAGE_CHARGE, tasks: USAGE_CHARGE } },
  ServiceName: { rollup: 'service', scope: 'service_name', scopeAliases: ['service'], label: 'service' },
  ServiceCategory: { label: 'service category' },
  SubAccountId: { rollup: 'sub_account', scope: 'sub_account_id', scopeAliases: ['account', 'sub_account'], label: 'account' },
  SubAccountName: { label: 'account' },
  BillingAccountId: { scope: 'billing_account_id', scopeAliases: ['billing_account'] },
  RegionId: { rollup: 'region', scope: 'region_id', scopeAliases: ['region'], label: 'region' },
  ResourceId: { scope: 'resource_id', scopeAliases: ['resource'], label: 'resource' },
  SkuId: { label: 'SKU' },
  AllocatedMethodId: { label: 'allocation method' },
  AllocatedResourceName: { label: 'workload' },
};

const everywhere = (sql: string): DimensionDef['sql'] => ({ cloud: sql, ai: sql, tasks: sql });

/**
 * `accelerator` is GPU for a cloud row whose SKU or charge description names a GPU instance
 * family (AWS P and G, also as SageMaker ml.*; Azure N-series; Google A2, A3 and G2) or a GPU,
 * else null: "GPU spend" without a column for it. A fixed pattern, not user input.
 */
const GPU_PATTERN = String.raw`(^|[^a-z0-9.])(ml\.)?(p[2-6]|g[3-6])[a-z0-9-]*\.([0-9]*xlarge|large|metal)|\m(standard_)?n[cdv][0-9]+|\m(a2|a3|g2)[ -](instance|highgpu|ultragpu|standard)|gpu|nvidia|\m(a100|h100|h200|v100|t4|l4|a10g?|l40s?)\M`;
const ACCELERATOR = `case when coalesce(sku_id, '') || ' ' || coalesce(charge_description, '') ~* '${GPU_PATTERN}' then 'GPU' end`;
/**
 * An Azure row's resource group: the export's own x_ResourceGroupName where it has one, else the
 * segment after /resourceGroups/ in its ResourceId (Azure ids are case-insensitive, so the word
 * is matched in any case). Other clouds' rows, and Azure rows without a resource, have none.
 */
const RESOURCE_GROUP = "coalesce(nullif(extra->>'x_ResourceGroupName', ''), substring(resource_id from '(?i)/resourcegroups/([^/]+)'))";
/** An expression over each source's time column: the UTC day a row is charged on. */
const onChargeDay = (sql: (time: string) => string): DimensionDef['sql'] => ({ cloud: sql(TIME_COLUMN.cloud), ai: sql(TIME_COLUMN.ai), tasks: sql(TIME_COLUMN.tasks) });
/** Task outcomes belong to AI usage: they only ever divide its cost. */
const DATASET: DimensionDef['sql'] = { cloud: "'cloud'::text", ai: "'ai'::text", tasks: "'ai'::text" };

export const DIMENSIONS: readonly DimensionDef[] = [
  // FOCUS dimensions: the text columns of cost_lines (money, dates and JSON are not dimensions).
  ...FOCUS_COLUMNS.filter((c) => c.kind === 'text').map((c): DimensionDef => {
    const extra = FOCUS_EXTRA[c.name];
    return { ...extra, name: c.name, sql: { cloud: c.column, ...extra?.sql } };
  }),
  // Attribution: a column on every source, filled from tags at ingest.
  ...ATTRIBUTION_DIMENSIONS.map((a): DimensionDef => ({ name: a, sql: everywhere(a), rollup: a, scope: a, ...(a === 'cost_center' ? { label: 'cost center' } : {}) })),
  { name: 'provider', sql: { cloud: 'provider_name', ai: 'provider' }, rollup: 'provider', scope: 'provider_name', scopeAliases: ['provider'] },
  { name: 'model', sql: { ai: 'model' }, rollup: 'model', scope: 'model' },
  // A row's whole tag set, null when it has none: `Tags eq null` is spend with no tags at all.
  { name: 'Tags', sql: everywhere(TAG_SET) },
  // The task an LLM call served: a scope key, and a ranking of tasks ("which tasks made the most calls").
  { name: 'task_id', sql: { ai: 'task_id' }, scope: 'task_id', scopeAliases: ['task', 'task.id'], label: 'task' },
  // An LLM call's status as stored (ok or error: a failed LiteLLM call, an OpenTelemetry span with an error), null where its source records none: "failed LLM calls".
  { name: 'call_status', sql: { ai: 'status' }, label: 'call status' },
  // Whether one LLM call read part of its prompt from the provider's cache; null for a row standing for several requests or none (a usage bucket, a costs export): "calls that hit the cache".
  { name: 'cache_hit', sql: { ai: "case when requests = 1 then case when cache_read_tokens > 0 then 'hit' else 'miss' end end" }, label: 'cache' },
  // The kind of file an LLM call was read from (otel, otlp, litellm, langfuse, openai_usage, openai_costs): which sources record call status.
  { name: 'usage_source', sql: { ai: 'source_format' }, label: 'usage source' },
  // Where a row comes from, cloud billing or AI usage: "AI vs cloud" side by side.
  { name: 'dataset', sql: DATASET, rollup: 'dataset', label: 'cloud or AI' },
  { name: 'accelerator', sql: { cloud: ACCELERATOR } },
  { name: 'ResourceGroup', sql: { cloud: RESOURCE_GROUP }, label: 'resource group' },
  // The day of the week a row is charged on (UTC), and whether that is a weekend: "on weekends", "on Mondays".
  { name: 'day_of_week', sql: onChargeDay((c) => `to_char(${c} at time zone 'UTC', 'FMDay')`), label: 'day of the week' },
  { name: 'day_type', sql: onChargeDay((c) => `case when extract(isodow from ${c} at time zone 'UTC') > 5 then 'weekend' else 'weekday' end`), label: 'weekday or weekend' },
];

const byName = new Map(DIMENSIONS.map((d) => [d.name, d]));
const byScopeKey = new Map(DIMENSIONS.filter((d) => d.scope).map((d) => [d.scope!, d]));

/** The names CostQuery accepts besides `tag:<key>`. */
export const QUERY_DIMENSIONS: readonly string[] = DIMENSIONS.map((d) => d.name);

/** The fixed SQL of a named dimension on a source, or null when the source has no such dimension. */
export function columnSql(name: string, source: Source): string | null {
  return byName.get(name)?.sql[source] ?? null;
}

/** Rolled-up dimension → rollup column. Dimensions not listed here need the raw tables. */
export const ROLLUP_COLUMNS: Readonly<Record<string, string>> = Object.fromEntries(DIMENSIONS.filter((d) => d.rollup).map((d) => [d.name, d.rollup!]));

/** The rollup's dimension columns, each with the first dimension rolled up in it (its SQL fills the column). */
export const ROLLUP_DIMENSION_OF: ReadonlyMap<string, string> = DIMENSIONS.reduce((m, d) => (d.rollup && !m.has(d.rollup) ? m.set(d.rollup, d.name) : m), new Map<string, string>());

/**
 * Scope keys narrowest first: the owner map's precedence (ownersFor in src/owners/store.ts). Raw
 * tags (`tag:<key>`) rank beside the attribution keys they usually stand in for.
 */
export const SCOPE_PRECEDENCE: readonly string[] = [
  'resource_id',
  'task_id',
  'feature',
  'customer',
  'team',
  'tag:*',
  'cost_center',
  'environment',
  'sub_account_id',
  'billing_account_id',
  'model',
  'service_name',
  'region_id',
  'provider_name',
];

/** Short forms a user may type for scope keys (`service` → `service_name`). */
export const SCOPE_ALIASES: Readonly<Record<string, string>> = Object.fromEntries(DIMENSIONS.flatMap((d) => (d.scopeAliases ?? []).map((a) => [a, d.scope!])));

/** The dimension a scope key names (`service_name` → ServiceName), or undefined for tags and unknown keys. */
export function dimensionOfScopeKey(key: string): string | undefined {
  return byScopeKey.get(key)?.name;
}

/** The scope key of a dimension (ServiceName → `service_name`), or undefined when scopes cannot name it. */
export function scopeKeyOf(name: string): string | undefined {
  return byName.get(name)?.scope;
}

/** What answers call a dimension: "service", "cost center", "tag env". */
export function dimensionLabel(name: string): string {
  if (name.startsWith('tag:')) return `tag ${name.slice(4)}`;
  return byName.get(name)?.label ?? name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}
