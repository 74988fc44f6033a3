/**
 * A tag key as typed → the key as stored. A tag's value is read by the key's exact spelling, but
 * people type keys in any case ("by BusinessUnit tag" is read lower-cased, "Tags.costcenter"):
 * looking up `businessunit` where the exports store `BusinessUnit` finds only "no tag", a
 * confidently wrong figure. Each `tag:` dimension of a plan is matched against the stored keys
 * (catalog entry TAG_KEYS) without regard to case; the plan keeps the key when none matches.
 */
import type { CostQuery, Filter } from '../../costs/query.ts';
import { TAG_KEYS, type Catalog } from './catalog.ts';
import type { Plan, Refusal } from './plan-result.ts';

const TAG = 'tag:';

/** Whether a dimension is a tag's value (`tag:<key>`). */
export const isTagDimension = (dimension: string) => dimension.startsWith(TAG);

interface Respelt {
  readonly dimension: string;
  readonly reading: string | null;
}

/** The stored spelling of a tag dimension, and what to say when it is not as typed. */
function respell(dimension: string, byLower: ReadonlyMap<string, string[]>): Respelt {
  if (!dimension.startsWith(TAG)) return { dimension, reading: null };
  const typed = dimension.slice(TAG.length);
  const stored = byLower.get(typed.toLowerCase()) ?? [];
  if (stored.length === 0) return { dimension, reading: null };
  // Typed as one stored key: that key, unless others differ from it only in case.
  const chosen = stored.includes(typed) ? typed : stored[0]!;
  const others = stored.filter((k) => k !== chosen);
  if (others.length > 0) return { dimension: `${TAG}${chosen}`, reading: `tag keys ${[chosen, ...others].join(' and ')} differ only in case: read ${chosen}, not ${others.join(' or ')}` };
  return { dimension: `${TAG}${chosen}`, reading: chosen === typed ? null : `tag key "${typed}" read as the stored key ${chosen}` };
}

/** Tag dimensions respelt as stored, collecting what was said: one per plan or query. */
function speller(catalog: Catalog): { dim: (d: string) => string; filters: (fs: Filter[]) => Filter[]; readings: Set<string> } | null {
  const keys = catalog.get(TAG_KEYS);
  if (!keys) return null;
  const byLower = new Map<string, string[]>();
  // In code-point order, whatever the database's collation: of variants none typed, the same one is read.
  for (const k of [...keys].sort()) byLower.set(k.toLowerCase(), [...(byLower.get(k.toLowerCase()) ?? []), k]);
  const readings = new Set<string>();
  const dim = (d: string) => {
    const r = respell(d, byLower);
    if (r.reading) readings.add(r.reading);
    return r.dimension;
  };
  const filters = (fs: Filter[]) => fs.map((f) => (f.dimension.startsWith(TAG) ? { ...f, dimension: dim(f.dimension) } : f));
  return { dim, filters, readings };
}

/** A query with every tag key spelt as stored (the agent's typed query), and what was said. */
export function queryWithStoredTagKeys(query: CostQuery, catalog: Catalog): { query: CostQuery; readings: string[] } {
  const s = speller(catalog);
  if (!s) return { query, readings: [] };
  const respelt = { ...query, groupBy: query.groupBy.map(s.dim), filters: s.filters(query.filters) };
  return { query: respelt, readings: [...s.readings] };
}

/** The plan with every tag key spelt as stored, saying which were respelt; a refusal as it is. */
export function withStoredTagKeys<P extends Plan | Refusal>(planned: P, catalog: Catalog): P {
  const s = planned.ok ? speller(catalog) : null;
  if (!planned.ok || !s) return planned;
  const { dim, filters, readings } = s;
  const query: CostQuery = { ...planned.query, groupBy: planned.query.groupBy.map(dim), filters: filters(planned.query.filters) };
  const portion = planned.portion && { portion: { ...planned.portion, whole: filters(planned.portion.whole) } };
  const versus = planned.versus && { versus: { ...planned.versus, dimension: dim(planned.versus.dimension) } };
  const set = planned.set && { set: { ...planned.set, dimension: dim(planned.set.dimension) } };
  if (readings.size === 0) return planned;
  return { ...planned, query, ...portion, ...versus, ...set, assumptions: [...planned.assumptions, ...readings] };
}
