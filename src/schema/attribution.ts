/**
 * Attribution: the fields every record of spend is attributed to through its tags (team, feature,
 * customer, environment, cost center, and the task an LLM call served), and which tag keys say
 * them. The keys are configuration (PENNY_ATTRIBUTION_KEYS, read by src/config); applying them to
 * tags is ingest's work (src/ingest/attribution.ts).
 *
 * The default keys are the plain names and their `.id` / `_id` forms (`task_id`, `task.id`), plus
 * the names other tools already use for the same thing: OpenTelemetry's
 * `deployment.environment(.name)` and `enduser.id`, LiteLLM's `end_user` and
 * `user_api_key_team_alias` / `team_id`. A team is also read, last, from an `owner` tag: FOCUS
 * exports often tag the owning team as `Owner: team-payments`.
 */

/** The attribution dimensions: a column on every source table (cost_lines, llm_usage, task_outcomes, the rollup). */
export const ATTRIBUTION_DIMENSIONS = ['team', 'feature', 'customer', 'environment', 'cost_center'] as const;

/** What tags fill: the attribution dimensions and the task an LLM call or outcome belongs to. */
export const ATTRIBUTION_FIELDS = [...ATTRIBUTION_DIMENSIONS, 'task_id'] as const;
export type AttributionField = (typeof ATTRIBUTION_FIELDS)[number];
export type AttributionKeys = Readonly<Record<AttributionField, readonly string[]>>;

export const DEFAULT_ATTRIBUTION_KEYS: AttributionKeys = {
  team: ['team', 'team.name', 'user_api_key_team_alias', 'team_id', 'team.id', 'owner'],
  feature: ['feature', 'feature.name', 'feature_id', 'feature.id'],
  customer: ['customer', 'customer_id', 'customer.id', 'end_user', 'enduser.id'],
  environment: ['environment', 'env', 'deployment.environment.name', 'deployment.environment'],
  cost_center: ['cost_center', 'cost.center', 'costcenter', 'cost-center'],
  task_id: ['task_id', 'task.id'],
};

/**
 * Reads `team=team,squad;customer=tenant_id` — each named field's keys replace its defaults, the
 * others keep theirs. Throws an Error saying what is wrong.
 */
export function parseAttributionKeys(spec: string, base: AttributionKeys = DEFAULT_ATTRIBUTION_KEYS): AttributionKeys {
  const out: Record<AttributionField, readonly string[]> = { ...base };
  for (const part of spec.split(';')) {
    const entry = part.trim();
    if (entry === '') continue;
    const eq = entry.indexOf('=');
    if (eq < 0) throw new Error(`'${entry}': expected dimension=key1,key2`);
    const dim = entry.slice(0, eq).trim();
    if (!(ATTRIBUTION_FIELDS as readonly string[]).includes(dim)) throw new Error(`unknown dimension '${dim}' (one of ${ATTRIBUTION_FIELDS.join(', ')})`);
    const keys = entry
      .slice(eq + 1)
      .split(',')
      .map((k) => k.trim())
      .filter((k) => k !== '');
    if (keys.length === 0) throw new Error(`'${dim}': no keys given`);
    out[dim as AttributionField] = keys;
  }
  return out;
}
