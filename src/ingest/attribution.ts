/**
 * Attribution: which tag keys say a record's team, feature, customer, environment, cost center and
 * task. Pure and source-agnostic, so LLM usage, task outcomes and FOCUS `Tags` line up by the same
 * keys. For each dimension the keys are tried in order and the first non-empty value wins. Keys
 * match case-insensitively and trimmed (`Team`, ` team` and `team` are the same tag), and a
 * provider's namespace prefix is ignored (`user:team`, as AWS writes cost allocation tags), a
 * prefixed tag ranking just after the same key without prefix.
 *
 * The defaults are the plain names and their `.id` / `_id` forms (`task_id`, `task.id`), plus the
 * names other tools already use for the same thing: OpenTelemetry's `deployment.environment(.name)`
 * and `enduser.id`, LiteLLM's `end_user` and `user_api_key_team_alias` / `team_id`. Keys are
 * configurable per dimension (`parseAttributionKeys`, e.g. from PENNY_ATTRIBUTION_KEYS).
 */
export const DIMENSIONS = ['team', 'feature', 'customer', 'environment', 'cost_center', 'task_id'] as const;
export type Dimension = (typeof DIMENSIONS)[number];
export type AttributionKeys = Readonly<Record<Dimension, readonly string[]>>;
export type Attribution = Record<Dimension, string | null>;

export const DEFAULT_ATTRIBUTION_KEYS: AttributionKeys = {
  team: ['team', 'team.name', 'user_api_key_team_alias', 'team_id', 'team.id'],
  feature: ['feature', 'feature.name', 'feature_id', 'feature.id'],
  customer: ['customer', 'customer_id', 'customer.id', 'end_user', 'enduser.id'],
  environment: ['environment', 'env', 'deployment.environment.name', 'deployment.environment'],
  cost_center: ['cost_center', 'cost.center', 'costcenter', 'cost-center'],
  task_id: ['task_id', 'task.id'],
};

/**
 * Reads `team=team,squad;customer=tenant_id` — each named dimension's keys replace its defaults,
 * the others keep theirs. Throws an Error saying what is wrong.
 */
export function parseAttributionKeys(spec: string, base: AttributionKeys = DEFAULT_ATTRIBUTION_KEYS): AttributionKeys {
  const out: Record<Dimension, readonly string[]> = { ...base };
  for (const part of spec.split(';')) {
    const entry = part.trim();
    if (entry === '') continue;
    const eq = entry.indexOf('=');
    if (eq < 0) throw new Error(`'${entry}': expected dimension=key1,key2`);
    const dim = entry.slice(0, eq).trim();
    if (!(DIMENSIONS as readonly string[]).includes(dim)) throw new Error(`unknown dimension '${dim}' (one of ${DIMENSIONS.join(', ')})`);
    const keys = entry.slice(eq + 1).split(',').map((k) => k.trim()).filter((k) => k !== '');
    if (keys.length === 0) throw new Error(`'${dim}': no keys given`);
    out[dim as Dimension] = keys;
  }
  return out;
}

/** A namespace before the key proper: `user:` (AWS cost allocation tags), `aws:`, ... */
const PROVIDER_PREFIX = /^[a-z][a-z0-9_-]*:/;

const normalise = (key: string) => key.trim().toLowerCase();

interface Hit {
  dim: Dimension;
  rank: number;
}

/** Resolves tags to the attribution dimensions; build once, use for every record. */
export class Attributor {
  /** normalised key → (dimension, rank); a key listed under two dimensions serves both. */
  private readonly index = new Map<string, Hit[]>();

  constructor(readonly keys: AttributionKeys = DEFAULT_ATTRIBUTION_KEYS) {
    for (const dim of DIMENSIONS) {
      keys[dim].forEach((key, rank) => {
        const k = normalise(key);
        const list = this.index.get(k) ?? [];
        list.push({ dim, rank });
        this.index.set(k, list);
      });
    }
  }

  /** The dimensions a tag key names, and how much its match ranks below an unprefixed one. */
  private lookup(key: string): { hits: Hit[]; penalty: number } | undefined {
    const k = normalise(key);
    const hits = this.index.get(k);
    if (hits) return { hits, penalty: 0 };
    const prefix = PROVIDER_PREFIX.exec(k);
    const bare = prefix ? this.index.get(k.slice(prefix[0].length)) : undefined;
    return bare ? { hits: bare, penalty: 0.5 } : undefined;
  }

  /** Whether the key names an attribution dimension (such tags are inherited from parent spans). */
  isKey(key: string): boolean {
    return this.lookup(key) !== undefined;
  }

  /** String and number values count; empty strings do not. */
  attribute(tags: Readonly<Record<string, unknown>>): Attribution {
    const out: Attribution = { team: null, feature: null, customer: null, environment: null, cost_center: null, task_id: null };
    const ranks: Record<Dimension, number> = { team: Infinity, feature: Infinity, customer: Infinity, environment: Infinity, cost_center: Infinity, task_id: Infinity };
    for (const key in tags) {
      const found = this.lookup(key);
      if (!found) continue;
      const v = tags[key];
      const value = typeof v === 'string' ? v.trim() : typeof v === 'number' && Number.isFinite(v) ? String(v) : '';
      if (value === '') continue;
      for (const { dim, rank } of found.hits) {
        if (rank + found.penalty < ranks[dim]) {
          ranks[dim] = rank + found.penalty;
          out[dim] = value;
        }
      }
    }
    return out;
  }
}
