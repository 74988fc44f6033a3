/**
 * Terraform compute: a resource's instance type (`instance_type`, `machine_type`, Azure `size` /
 * `vm_size`, EKS `instance_types`), its count (`count`, `desired_capacity`, `desired_size`,
 * `node_count`…) and GCP `guest_accelerator` GPUs, priced per month from the price table. Blocks
 * are read whole where the file is known whole; from a hunk, the resource is git's hunk heading.
 */
import type { FindingOf } from '../finding.ts';
import { computeLabel, priceCompute, type Compute } from '../compute-price.ts';
import type { FileView, Side } from '../view.ts';

const RESOURCE = /^\s*resource\s+"([^"]+)"\s+"([^"]+)"/;
const TYPE = /^\s*(instance_type|machine_type|vm_size|size|node_type|instance_class)\s*=\s*"([^"]+)"/;
const TYPES = /^\s*instance_types\s*=\s*\[\s*"([^"]+)"/;
const COUNT = /^\s*(count|desired_capacity|desired_size|node_count|initial_node_count|instance_count|replicas)\s*=\s*(\S+)/;
const ACCEL_TYPE = /^\s*type\s*=\s*"(nvidia-[^"]+)"/;
const ACCEL_COUNT = /^\s*count\s*=\s*(\d+)/;


/** Resource blocks of one side, by brace depth; a side starting inside a block uses the heading. */
function computeBlocks(side: Side, heading: string): Compute[] {
  const out: Compute[] = [];
  const head = RESOURCE.exec(heading);
  let cur: Compute | undefined = head ? { address: `${head[1]}.${head[2]}`, line: side.lineNos[0] ?? 1, count: 1 } : undefined;
  let depth = cur ? 1 : 0;
  let inAccel = false;
  const close = () => {
    if (cur && (cur.type || cur.accelerator)) out.push(cur);
    cur = undefined;
  };
  side.lines.forEach((text, i) => {
    const r = RESOURCE.exec(text);
    if (r) {
      close();
      cur = { address: `${r[1]}.${r[2]}`, line: side.lineNos[i]!, count: 1 };
      depth = 0;
    }
    if (cur) {
      const accelStart = /^\s*guest_accelerator\s*\{|^\s*guest_accelerator\s*=/.test(text);
      if (accelStart) inAccel = true;
      const type = TYPE.exec(text)?.[2] ?? TYPES.exec(text)?.[1];
      const c = COUNT.exec(text);
      if (inAccel) {
        const at = ACCEL_TYPE.exec(text);
        const ac = ACCEL_COUNT.exec(text);
        if (at || ac) cur.accelerator = { type: at?.[1] ?? cur.accelerator?.type ?? '', count: ac ? Number(ac[1]) : (cur.accelerator?.count ?? 1) };
      } else if (type) cur.type = type;
      else if (c && depth <= 2) {
        const n = Number(c[2]);
        if (Number.isInteger(n)) cur.count = n;
        else cur.countNote = 'count not a literal, taken as 1';
      }
    }
    for (const ch of text) {
      if (ch === '{') depth++;
      else if (ch === '}') {
        depth--;
        if (inAccel && depth <= 1) inAccel = false;
        if (depth <= 0 && cur) close();
      }
    }
  });
  close();
  return out;
}

export function detectTerraform(view: FileView): FindingOf<'infrastructure'>[] {
  const out: FindingOf<'infrastructure'>[] = [];
  for (const seg of view.segments) {
    const before = new Map(computeBlocks(seg.before, seg.heading).map((c) => [c.address, c]));
    const after = new Map(computeBlocks(seg.after, seg.heading).map((c) => [c.address, c]));
    for (const address of new Set([...before.keys(), ...after.keys()])) {
      const b = before.get(address);
      const a = after.get(address);
      if (computeLabel(b) === computeLabel(a)) continue;
      const price = priceCompute(address, b, a);
      out.push({
        kind: 'infrastructure', file: view.path, line: (a ?? b)!.line, before: computeLabel(b), after: computeLabel(a),
        monthlyBefore: price.monthlyBefore, monthlyAfter: price.monthlyAfter, note: price.note,
        ...(price.unpriced.length ? { unpriced: price.unpriced } : {}),
      });
    }
  }
  return out;
}
