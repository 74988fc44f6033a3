/**
 * The monthly price change of one piece of compute (a VM, a node group, a node pool), priced part
 * by part from the review's price book: the machine type × nodes, and attached GPUs × nodes. A
 * part without a price is left out and named, and the rest is still priced: a node pool moving to
 * an unlisted machine type with two T4s still shows what the T4s add. Only when no changed part
 * has a price is the change without a figure. Each price's source and date go with the change.
 */
import { weakestKind, type Price, type PriceBook, type PriceKind } from './compute-prices/book.ts';
import { money } from './render.ts';

export interface Compute {
  /** The resource or module address, and the line it starts on. */
  address: string;
  line: number;
  /** Machine type (`g5.12xlarge`, `n1-standard-16`, `Standard_NC6s_v3`). */
  type?: string;
  /** Nodes or instances; for a scaling group, the desired (else minimum) size. */
  count: number;
  /** Why the count is not a literal, said beside it (`count not a literal, taken as 1`). */
  countNote?: string;
  /** GPUs attached to each node (GCP `guest_accelerator`). */
  accelerator?: { type: string; count: number };
}

export interface ComputeChange {
  /** Known parts only; null when no changed part has a price. */
  monthlyBefore: number | null;
  monthlyAfter: number | null;
  /** Names of changed parts without a price. */
  unpriced: string[];
  note: string;
  /** Where the prices used came from, with their dates (`g5.12xlarge: AWS Price List API, …`). */
  sources: string[];
  kind: PriceKind;
}

interface Part {
  name: string;
  /** USD per hour per node, undefined when unpriced. */
  hourly: number | undefined;
  price?: Price;
  nodes: number;
  describe: string;
}

function parts(c: Compute | undefined, book: PriceBook): Map<'machine' | 'gpu', Part> {
  const out = new Map<'machine' | 'gpu', Part>();
  if (!c) return out;
  if (c.type) {
    const p = book.instance(c.type);
    out.set('machine', { name: c.type, hourly: p?.hourly, ...(p ? { price: p } : {}), nodes: c.count, describe: `${c.count}× ${c.type}` });
  }
  if (c.accelerator?.type) {
    const p = book.accelerator(c.accelerator.type);
    out.set('gpu', {
      name: c.accelerator.type,
      hourly: p === undefined ? undefined : p.hourly * c.accelerator.count,
      ...(p ? { price: p } : {}),
      nodes: c.count,
      describe: `${c.accelerator.count}× ${c.accelerator.type} per node on ${c.count} node${c.count === 1 ? '' : 's'}`,
    });
  }
  return out;
}

/** Sources of the priced parts (one line when they agree, else one per part) and the weakest kind. */
export function sourcesOf(priced: Array<{ name: string; price?: Price }>): { sources: string[]; kind: PriceKind } {
  const named = new Map<string, string>();
  for (const p of priced) if (p.price) named.set(p.name.toLowerCase(), `${p.name}: ${p.price.source}`);
  const distinct = [...new Set(priced.flatMap((p) => (p.price ? [p.price.source] : [])))];
  return { sources: distinct.length <= 1 ? distinct : [...named.values()], kind: weakestKind(priced.flatMap((p) => (p.price ? [p.price.kind] : []))) };
}

export function priceCompute(address: string, before: Compute | undefined, after: Compute | undefined, book: PriceBook): ComputeChange {
  const hours = book.hoursPerMonth;
  const b = parts(before, book);
  const a = parts(after, book);
  let monthlyBefore = 0;
  let monthlyAfter = 0;
  let pricedChange = false;
  const unpriced: string[] = [];
  const priced: string[] = [];
  const used: Part[] = [];
  for (const key of ['machine', 'gpu'] as const) {
    const pb = b.get(key);
    const pa = a.get(key);
    if (!pb && !pa) continue;
    const same = pb && pa && pb.name.toLowerCase() === pa.name.toLowerCase() && pb.nodes === pa.nodes && pb.hourly === pa.hourly;
    if ((pb && pb.hourly === undefined) || (pa && pa.hourly === undefined)) {
      // An unpriced part that did not change costs the same on both sides: it cancels out.
      if (!same) unpriced.push(...new Set([pb, pa].filter((p) => p && p.hourly === undefined).map((p) => p!.name)));
      continue;
    }
    const vb = pb ? pb.hourly! * pb.nodes * hours : 0;
    const va = pa ? pa.hourly! * pa.nodes * hours : 0;
    monthlyBefore += vb;
    monthlyAfter += va;
    used.push(...[pb, pa].filter((p): p is Part => p !== undefined));
    if (!same) {
      pricedChange = true;
      priced.push(`${pa?.describe ?? 'none'} (was ${pb?.describe ?? 'none'}): ${money(va - vb)}/month`);
    }
  }
  const { sources, kind } = sourcesOf(used);
  const method = `${address}: hourly price × count × ${hours} h`;
  if (unpriced.length === 0) return { monthlyBefore, monthlyAfter, unpriced, note: method, sources, kind };
  const missing = `${unpriced.join(', ')}: no price found, not counted`;
  if (!pricedChange) return { monthlyBefore: null, monthlyAfter: null, unpriced, note: `${address}: ${missing}`, sources: [], kind };
  return { monthlyBefore, monthlyAfter, unpriced, note: `${address}: ${missing}; ${priced.join('; ')}`, sources, kind };
}

/** As a review shows a piece of compute: `2× g5.12xlarge + 2× nvidia-tesla-t4`. */
export function computeLabel(c: Compute | undefined): string {
  if (!c) return 'none';
  const accel = c.accelerator?.type ? ` + ${c.accelerator.count}× ${c.accelerator.type}` : '';
  return `${c.count}× ${c.type ?? 'instance'}${accel}${c.countNote ? ` (${c.countNote})` : ''}`;
}
