/**
 * Attribution: resolves a record's tags to its team, feature, customer, environment, cost center
 * and task (src/schema/attribution.ts names them and their default keys). Pure and source-agnostic,
 * so LLM usage, task outcomes and FOCUS `Tags` line up by the same keys. For each field the keys
 * are tried in order and the first non-empty value wins. Keys match case-insensitively and trimmed
 * (`Team`, ` team` and `team` are the same tag), and a provider's namespace prefix is ignored
 * (`user:team`, as AWS writes cost allocation tags), a prefixed tag ranking just after the same key
 * without prefix.
 */
import { ATTRIBUTION_FIELDS, DEFAULT_ATTRIBUTION_KEYS, type AttributionField, type AttributionKeys } from '../schema/attribution.ts';

export type Attribution = Record<AttributionField, string | null>;

/** A namespace before the key proper: `user:` (AWS cost allocation tags), `aws:`, ... */
const PROVIDER_PREFIX = /^[a-z][a-z0-9_-]*:/;

const normalise = (key: string) => key.trim().toLowerCase();

interface Hit {
  dim: AttributionField;
  rank: number;
}

/** Resolves tags to the attribution dimensions; build once, use for every record. */
export class Attributor {
  /** normalised key → (dimension, rank); a key listed under two dimensions serves both. */
  private readonly index = new Map<string, Hit[]>();

  constructor(readonly keys: AttributionKeys = DEFAULT_ATTRIBUTION_KEYS) {
    for (const dim of ATTRIBUTION_FIELDS) {
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
    const ranks: Record<AttributionField, number> = { team: Infinity, feature: Infinity, customer: Infinity, environment: Infinity, cost_center: Infinity, task_id: Infinity };
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
