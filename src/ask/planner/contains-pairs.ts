/**
 * Two kinds of one column asked together: "RI vs savings plans", "reservations and CUDs". Each kind
 * is read as part of a name (focus.ts: CommitmentDiscountType containing "reserv"), and two such
 * filters on one column would keep only the rows whose name holds both (none). They become one
 * filter on the stored names that hold either, which "vs" then sets side by side.
 */
import type { Filter } from '../../costs/query.ts';
import type { Catalog } from './catalog.ts';

export function joinContains(filters: Filter[], catalog: Catalog): Filter[] {
  const parts = new Map<string, string[]>();
  for (const f of filters) if (f.op === 'contains') parts.set(f.dimension, [...(parts.get(f.dimension) ?? []), f.value.toLowerCase()]);
  const out: Filter[] = [];
  for (const f of filters) {
    const said = parts.get(f.dimension);
    if (f.op !== 'contains' || !said || said.length < 2) {
      out.push(f);
      continue;
    }
    // Once per column: the first of its parts stands for all of them.
    if (said[0] !== f.value.toLowerCase()) continue;
    const values = (catalog.get(f.dimension) ?? []).filter((v) => said.some((p) => v.toLowerCase().includes(p)));
    out.push(values.length > 0 ? { dimension: f.dimension, op: 'in', values } : f);
  }
  return out;
}
