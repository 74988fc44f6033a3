/**
 * Karpenter NodePools (`karpenter.sh/v1`): the instance types a pool may launch, from its
 * requirements (`node.kubernetes.io/instance-type`, or `karpenter.k8s.aws/instance-family` with
 * `instance-size`). Karpenter sizes the pool from pending pods, so there is no node count to
 * multiply: the change is shown with the price per node before and after, without a monthly figure.
 * An EC2NodeClass (AMI, subnets, disks) changes no instance price and is not reported.
 */
import { sourcesOf } from '../compute-price.ts';
import type { Price, PriceBook } from '../compute-prices/book.ts';
import type { FindingOf } from '../finding.ts';
import { priceTable } from '../instance-prices.ts';
import { money } from '../render.ts';
import type { FileView, Side } from '../view.ts';
import { obj, yamlDocs } from './yaml-docs.ts';

interface Pool {
  name: string;
  line: number;
  /** Instance types the pool allows, as written or expanded from a family; [] when unrestricted. */
  types: string[];
}

function allowed(requirements: unknown, key: string): string[] | undefined {
  if (!Array.isArray(requirements)) return undefined;
  const r = requirements.map(obj).find((q) => q.key === key && q.operator === 'In');
  return Array.isArray(r?.values) ? r.values.map(String) : undefined;
}

/** Types matching the families and sizes, from the price table (Karpenter picks among them). */
function expand(families: string[], sizes: string[] | undefined, table: string[]): string[] {
  return table.filter((t) => {
    const [family, size] = t.split('.');
    return families.includes(family!) && (!sizes || sizes.includes(size!));
  });
}

function pools(side: Side, known: string[]): Pool[] | undefined {
  const docs = yamlDocs(side);
  if (!docs) return undefined;
  const out: Pool[] = [];
  for (const { doc: m, line } of docs) {
    if (m.kind !== 'NodePool' || !String(m.apiVersion ?? '').startsWith('karpenter.sh/')) continue;
    const req = obj(obj(obj(m.spec).template).spec).requirements;
    const types = allowed(req, 'node.kubernetes.io/instance-type') ?? expand(allowed(req, 'karpenter.k8s.aws/instance-family') ?? [], allowed(req, 'karpenter.k8s.aws/instance-size'), known);
    out.push({ name: String(obj(m.metadata).name ?? '?'), line, types: types.sort() });
  }
  return out;
}

const label = (p: Pool | undefined) => (!p ? 'none' : p.types.length ? p.types.join(', ') : 'any instance type');

/** Monthly price per node of the pool's types, as a range, naming types without a price. */
function range(p: Pool | undefined, book: PriceBook, used: Array<{ name: string; price?: Price }>): string {
  if (!p || p.types.length === 0) return p ? 'unrestricted' : 'none';
  const prices = p.types.map((t) => book.instance(t));
  p.types.forEach((name, i) => used.push({ name, ...(prices[i] ? { price: prices[i] } : {}) }));
  const missing = p.types.filter((_, i) => prices[i] === undefined);
  const known = prices.filter((x) => x !== undefined).map((x) => x.hourly * book.hoursPerMonth);
  const fmt = (x: number) => money(x, false);
  const span = known.length === 0 ? 'no price' : Math.min(...known) === Math.max(...known) ? fmt(known[0]!) : `${fmt(Math.min(...known))}–${fmt(Math.max(...known))}`;
  return `${span}/month per node${missing.length ? ` (${missing.join(', ')}: no price found)` : ''}`;
}

export function detectKarpenter(view: FileView, book: PriceBook): FindingOf<'infrastructure'>[] {
  if (!view.segments.some((s) => [...s.before.lines, ...s.after.lines].some((l) => l.includes('karpenter')))) return [];
  const known = priceTable().instanceTypes;
  const out: FindingOf<'infrastructure'>[] = [];
  for (const seg of view.segments) {
    const before = new Map((pools(seg.before, known) ?? []).map((p) => [p.name, p]));
    const after = new Map((pools(seg.after, known) ?? []).map((p) => [p.name, p]));
    for (const name of new Set([...before.keys(), ...after.keys()])) {
      const b = before.get(name);
      const a = after.get(name);
      if (label(b) === label(a)) continue;
      const used: Array<{ name: string; price?: Price }> = [];
      const note = `Karpenter NodePool ${name}: ${range(b, book, used)} → ${range(a, book, used)}; Karpenter sets the number of nodes from pending pods, so the monthly change depends on the workload`;
      const { sources, kind } = sourcesOf(used);
      out.push({ kind: 'infrastructure', file: view.path, line: (a ?? b)!.line, before: label(b), after: label(a), monthlyBefore: null, monthlyAfter: null, note, sources, priceKind: kind });
    }
  }
  return out;
}
