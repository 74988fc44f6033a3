/**
 * Scopes: the vocabulary that names a slice of spend, shared by budgets, the owner map, findings and scans.
 *
 * A key is a FOCUS dimension (stored under its column name: `service` and `service_name` both mean
 * `service_name`), an attribution key read from tags (`team`, `feature`, ...), or any raw tag as
 * `tag:<key>`. src/schema/dimensions.ts defines the keys, their short forms and their order
 * (narrowest first, also the owner map's precedence, see ownersFor). An unknown bare key is refused
 * rather than taken as a tag, so a typo such as `--scope tem=search` fails loudly instead of
 * creating a budget that never matches anything.
 */
import { SCOPE_ALIASES, SCOPE_PRECEDENCE } from './dimensions.ts';

export type Scope = Record<string, string>;

export class ScopeError extends Error {
  override name = 'ScopeError';
}

const TAG_KEY = /^tag:(.*)$/i;

/** The canonical form of a key (`service` → `service_name`, `tag:Team` stays); throws on unknown keys. */
export function canonicalKey(raw: string): string {
  const key = raw.trim();
  const tag = TAG_KEY.exec(key);
  if (tag) {
    const name = tag[1]!.trim();
    if (!name) throw new ScopeError(`"${raw}" names no tag; write tag:<key>`);
    return `tag:${name}`;
  }
  const lower = key.toLowerCase();
  const canonical = SCOPE_ALIASES[lower] ?? lower;
  if (canonical !== 'tag:*' && SCOPE_PRECEDENCE.includes(canonical)) return canonical;
  const known = SCOPE_PRECEDENCE.filter((k) => k !== 'tag:*').join(', ');
  throw new ScopeError(`unknown scope key "${key}"; use one of ${known} (or a short form such as service, provider, account), or tag:${key} for a tag`);
}

/** Position in the narrowest-first order; lower is more specific. */
export function specificity(canonical: string): number {
  const rank = SCOPE_PRECEDENCE.indexOf(canonical.startsWith('tag:') ? 'tag:*' : canonical);
  return rank < 0 ? SCOPE_PRECEDENCE.length : rank;
}

function compareKeys(a: string, b: string): number {
  return specificity(a) - specificity(b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** Validates a scope given as an object: canonical keys, non-empty trimmed values, keys in canonical order. */
export function normalizeScope(scope: Record<string, string>): Scope {
  const out: Scope = {};
  for (const [rawKey, rawValue] of Object.entries(scope)) {
    const key = canonicalKey(rawKey);
    const value = String(rawValue).trim();
    if (!value) throw new ScopeError(`${rawKey} has an empty value`);
    if (key in out) throw new ScopeError(`${key} is given twice`);
    out[key] = value;
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => compareKeys(a, b)));
}

/**
 * Parses `team=search` or `provider=AWS,service=Amazon EC2`. A comma only separates pairs when a
 * `key=` follows it, so values may contain commas (`service=Foo, Bar`).
 */
export function parseScope(text: string): Scope {
  // A trailing comma would otherwise end up inside the last value, which then never matches.
  const pairs = text
    .trim()
    .replace(/,+$/, '')
    .split(/,(?=\s*[^,=\s][^,=]*=)/)
    .map((p) => p.trim());
  if (pairs.length === 0 || pairs.every((p) => !p)) throw new ScopeError('is empty; write key=value, e.g. team=search');
  const scope: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq < 0) throw new ScopeError(`"${pair}" has no value; write ${pair || 'key'}=value`);
    const key = canonicalKey(pair.slice(0, eq));
    if (key in scope) throw new ScopeError(`${key} is given twice`);
    scope[key] = pair.slice(eq + 1);
  }
  return normalizeScope(scope);
}

/** The canonical text of a scope: equal scopes give equal text, whatever order or aliases were typed. */
export function formatScope(scope: Scope): string {
  return Object.entries(normalizeScope(scope))
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}
