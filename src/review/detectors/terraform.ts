/**
 * Terraform compute: a resource's instance type (`instance_type`, `machine_type`, Azure `size` /
 * `vm_size`, EKS `instance_types`), its count (`count`, `desired_capacity`, `desired_size`,
 * `node_count`…) and GCP `guest_accelerator` GPUs, priced per month from the price table. Blocks
 * are read whole where the file is known whole; from a hunk, the resource is git's hunk heading.
 */
import type { FindingOf } from '../finding.ts';
import { priceTable } from '../instance-prices.ts';
import type { FileView, Side } from '../view.ts';

const RESOURCE = /^\s*resource\s+"([^"]+)"\s+"([^"]+)"/;
const TYPE = /^\s*(instance_type|machine_type|vm_size|size|node_type|instance_class)\s*=\s*"([^"]+)"/;
const TYPES = /^\s*instance_types\s*=\s*\[\s*"([^"]+)"/;
const COUNT = /^\s*(count|desired_capacity|desired_size|node_count|initial_node_count|instance_count|replicas)\s*=\s*(\S+)/;
const ACCEL_TYPE = /^\s*type\s*=\s*"(nvidia-[^"]+)"/;
const ACCEL_COUNT = /^\s*count\s*=\s*(\d+)/;

interface Compute {
  address: string;
  line: number;
  type?: string;
  count: number;
  /** The count was an expression (var.x): taken as 1 and said. */
  countAssumed: boolean;
  accelerator?: { type: string; count: number };
}

/** Resource blocks of one side, by brace depth; a side starting inside a block uses the heading. */
function computeBlocks(side: Side, heading: string): Compute[] {
  const out: Compute[] = [];
  const head = RESOURCE.exec(heading);
  let cur: Compute | undefined = head ? { address: `${head[1]}.${head[2]}`, line: side.lineNos[0] ?? 1, count: 1, countAssumed: false } : undefined;
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
      cur = { address: `${r[1]}.${r[2]}`, line: side.lineNos[i]!, count: 1, countAssumed: false };
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
        else cur.countAssumed = true;
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

/** USD per month of one resource, or null when its type is not in the price table. */
function monthly(c: Compute): number | null {
  const table = priceTable();
  let hourly = 0;
  if (c.type) {
    const p = table.instance(c.type);
    if (p === undefined) return null;
    hourly += p;
  }
  if (c.accelerator?.type) {
    const p = table.accelerator(c.accelerator.type);
    if (p === undefined) return null;
    hourly += p * c.accelerator.count;
  }
  return hourly * c.count * table.hoursPerMonth;
}

function label(c: Compute | undefined): string {
  if (!c) return 'none';
  const accel = c.accelerator?.type ? ` + ${c.accelerator.count}× ${c.accelerator.type}` : '';
  return `${c.count}× ${c.type ?? 'instance'}${accel}${c.countAssumed ? ' (count not a literal, taken as 1)' : ''}`;
}

export function detectTerraform(view: FileView): FindingOf<'infrastructure'>[] {
  const out: FindingOf<'infrastructure'>[] = [];
  const table = priceTable();
  for (const seg of view.segments) {
    const before = new Map(computeBlocks(seg.before, seg.heading).map((c) => [c.address, c]));
    const after = new Map(computeBlocks(seg.after, seg.heading).map((c) => [c.address, c]));
    for (const address of new Set([...before.keys(), ...after.keys()])) {
      const b = before.get(address);
      const a = after.get(address);
      if (label(b) === label(a)) continue;
      const mb = b ? monthly(b) : 0;
      const ma = a ? monthly(a) : 0;
      const unknown = [b, a].filter((c) => c && monthly(c) === null).map((c) => c!.type ?? c!.accelerator?.type);
      const note = unknown.length
        ? `${unknown.join(', ')} not in the price table`
        : `${address}: hourly list price × count × ${table.hoursPerMonth} h`;
      out.push({
        kind: 'infrastructure', file: view.path, line: (a ?? b)!.line, before: label(b), after: label(a),
        monthlyBefore: mb, monthlyAfter: ma, note,
      });
    }
  }
  return out;
}
