/**
 * Terraform compute, priced per month from the price table: anything in a resource or module that
 * names a machine type — `aws_instance`, autoscaling and EKS node groups, GKE node pools
 * (`node_config`, `guest_accelerator`), AKS clusters and node pools (`default_node_pool`,
 * `vm_size`), and node groups inside modules: terraform-aws-modules/eks `eks_managed_node_groups`
 * / `self_managed_node_groups` (`instance_types`, `desired_size`/`min_size`/`max_size`),
 * terraform-google-modules `node_pools` (`accelerator_type`/`accelerator_count`), Azure/aks
 * `agents_size` and `node_pools`. Nodes are the desired size, else the minimum, times the
 * resource's or module's `count` / `for_each`. Variables read as their values and `dynamic` blocks as
 * their content (terraform-vars.ts). Blocks are read whole where the file is known whole; from a
 * hunk, git's hunk heading names the enclosing resource or module.
 */
import { computeLabel, priceCompute, type Compute } from '../compute-price.ts';
import type { PriceBook } from '../compute-prices/book.ts';
import type { FindingOf } from '../finding.ts';
import type { FileView, Side } from '../view.ts';
import { parseHcl, type HclNode } from './hcl.ts';
import { resolveNode, type ModuleVars, type Vars } from './terraform-vars.ts';

const TOP = /^\s*(resource|module)\s+"[^"]+"(\s+"[^"]+")?\s*\{/;
const TYPE_KEYS = ['instance_type', 'machine_type', 'vm_size', 'size', 'node_type', 'instance_class', 'agents_size'];
/** Node counts in order of preference: the desired size, else what the group starts with, else its minimum. */
const COUNT_KEYS = [
  'desired_size',
  'desired_capacity',
  'node_count',
  'agents_count',
  'initial_node_count',
  'instance_count',
  'replicas',
  'min_size',
  'min_count',
  'min_node_count',
  'agents_min_count',
  'total_min_node_count',
];
const MAX_KEYS = ['max_size', 'max_count', 'max_node_count', 'agents_max_count', 'total_max_node_count'];
/** Children whose settings belong to the node group that holds them. */
const MERGED = new Set(['node_config', 'scaling_config', 'autoscaling', 'launch_template']);

/** A node's attributes with those of its merged children (GKE `node_config`, EKS `scaling_config`). */
function attrsOf(n: HclNode): Map<string, { value: string; literal: boolean; line: number }> {
  const all = new Map(n.attrs);
  for (const c of n.children) if (MERGED.has(c.key)) for (const [k, v] of attrsOf(c)) if (!all.has(k)) all.set(k, v);
  return all;
}

function listOf(n: HclNode, key: string): HclNode | undefined {
  return (
    n.children.find((c) => c.key === key) ??
    n.children
      .filter((c) => MERGED.has(c.key))
      .map((c) => listOf(c, key))
      .find(Boolean)
  );
}

function machineType(n: HclNode): string | undefined {
  const attrs = attrsOf(n);
  for (const k of TYPE_KEYS) {
    const a = attrs.get(k);
    if (a?.literal && a.value !== '' && !/^\d/.test(a.value)) return a.value;
  }
  // instance_types = ["g5.12xlarge", "g5.16xlarge"]: the first is what the group launches first.
  const first = listOf(n, 'instance_types')?.items[0];
  return first?.literal ? first.value : undefined;
}

/** GPUs per node: a literal count (0 is none, as a variable set to 0 makes it), else 1. */
function gpus(type: string, count: { value: string; literal: boolean } | undefined): Compute['accelerator'] {
  const n = count?.literal ? Number(count.value) : 1;
  return n === 0 ? undefined : { type, count: n > 0 ? n : 1 };
}

function accelerator(n: HclNode): Compute['accelerator'] {
  const attrs = attrsOf(n);
  const type = attrs.get('accelerator_type');
  if (type?.literal) return gpus(type.value, attrs.get('accelerator_count'));
  const block = listOf(n, 'guest_accelerator');
  const spec = block && (block.kind === 'list' ? block.children[0] : block);
  const at = spec?.attrs.get('type');
  if (!spec || !at?.literal) return undefined;
  return gpus(at.value, spec.attrs.get('count'));
}

/** How many of a resource or module `count` / `for_each` makes; a non-literal one is taken as 1 and said. */
function multiplier(n: HclNode): { times: number; note?: string } {
  const count = n.attrs.get('count');
  if (count) return count.literal ? { times: Number(count.value) } : { times: 1, note: 'count not a literal, taken as 1' };
  const each = n.attrs.get('for_each');
  const eachList = n.children.find((c) => c.key === 'for_each');
  if (eachList) return { times: eachList.kind === 'list' ? eachList.items.length + eachList.children.length : eachList.children.length + eachList.attrs.size };
  if (!each) return { times: 1 };
  const set = /^(?:toset|tolist)?\(?\[(.*)\]\)?$/.exec(each.value);
  if (set) return { times: set[1]!.split(',').filter((s) => s.trim() !== '').length };
  return { times: 1, note: 'for_each not a literal, taken as 1' };
}

function nodeCount(n: HclNode): { count: number; note?: string } {
  const attrs = attrsOf(n);
  for (const k of COUNT_KEYS) {
    const a = attrs.get(k);
    if (!a) continue;
    if (a.literal) return { count: Number(a.value) };
    return { count: 1, note: `${k} not a literal, taken as 1` };
  }
  return { count: 1 };
}

/** Compute found under a resource or module: the block itself, or node groups and pools within. */
function computeIn(n: HclNode, address: string, times: { times: number; note?: string }, out: Compute[]): void {
  const type = machineType(n);
  const accel = accelerator(n);
  if ((type || accel) && !n.key.endsWith('_defaults')) {
    const nodes = nodeCount(n);
    const max = MAX_KEYS.map((k) => attrsOf(n).get(k)).find((a) => a?.literal);
    const count = nodes.count * times.times;
    const notes = [nodes.note, times.note, max && Number(max.value) * times.times > count ? `scales to ${Number(max.value) * times.times}` : undefined].filter(Boolean);
    out.push({ address, line: n.line, count, ...(type ? { type } : {}), ...(accel ? { accelerator: accel } : {}), ...(notes.length ? { countNote: notes.join('; ') } : {}) });
  }
  n.children.forEach((c, k) => {
    if (MERGED.has(c.key) || c.key === 'guest_accelerator' || c.key === 'instance_types') return;
    const name = c.key || (c.attrs.get('name')?.literal ? `["${c.attrs.get('name')!.value}"]` : `[${k}]`);
    computeIn(c, c.key ? `${address}.${name}` : `${address}${name}`, times, out);
  });
}

function computeBlocks(side: Side, heading: string, vars: Vars): Compute[] {
  // A hunk inside a block: the heading git wrote is the block's first line.
  const head = TOP.test(heading) && !TOP.test(side.lines[0] ?? '');
  const root = head ? parseHcl([heading, ...side.lines], [side.lineNos[0] ?? 1, ...side.lineNos]) : parseHcl(side.lines, side.lineNos);
  resolveNode(root, vars);
  const out: Compute[] = [];
  for (const b of root.children) {
    if (b.kind !== 'block' || (b.key !== 'resource' && b.key !== 'module')) continue;
    const address = b.key === 'module' ? `module.${b.labels[0] ?? '?'}` : b.labels.join('.');
    computeIn(b, address, multiplier(b), out);
  }
  return out;
}

const NO_VARS: ModuleVars = { before: new Map(), after: new Map() };

export function detectTerraform(view: FileView, book: PriceBook, vars: ModuleVars = NO_VARS): FindingOf<'infrastructure'>[] {
  const out: FindingOf<'infrastructure'>[] = [];
  for (const seg of view.segments) {
    const before = new Map(computeBlocks(seg.before, seg.heading, vars.before).map((c) => [c.address, c]));
    const after = new Map(computeBlocks(seg.after, seg.heading, vars.after).map((c) => [c.address, c]));
    for (const address of new Set([...before.keys(), ...after.keys()])) {
      const b = before.get(address);
      const a = after.get(address);
      if (computeLabel(b) === computeLabel(a)) continue;
      const price = priceCompute(address, b, a, book);
      out.push({
        kind: 'infrastructure',
        file: view.path,
        line: (a ?? b)!.line,
        before: computeLabel(b),
        after: computeLabel(a),
        monthlyBefore: price.monthlyBefore,
        monthlyAfter: price.monthlyAfter,
        note: price.note,
        ...(price.unpriced.length ? { unpriced: price.unpriced } : {}),
        sources: price.sources,
        priceKind: price.kind,
      });
    }
  }
  return out;
}
