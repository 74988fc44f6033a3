/**
 * Kubernetes GPUs: `nvidia.com/gpu` requests or limits per pod × replicas of Deployments,
 * StatefulSets, ReplicaSets and Pods, priced per GPU-hour by the GPU the pod selects
 * (`cloud.google.com/gke-accelerator`, `nvidia.com/gpu.product`, an instance-type label), else the
 * table's default GPU, said as such. Manifests read whole are parsed as YAML; from a hunk, or a
 * templated (Helm) file, the visible `nvidia.com/gpu:` and `replicas:` lines are used.
 */
import { tableSource } from '../compute-prices/book.ts';
import type { FindingOf } from '../finding.ts';
import { priceTable } from '../instance-prices.ts';
import type { FileView, Side } from '../view.ts';
import { obj, yamlDocs, type Obj } from './yaml-docs.ts';

/** GPU of an instance family, for instance-type node selectors. */
const FAMILY_GPU: Array<[RegExp, string]> = [
  [/^g4dn\./, 't4'],
  [/^g5\./, 'a10g'],
  [/^g6e\./, 'l40s'],
  [/^g6\./, 'l4'],
  [/^p3\./, 'v100'],
  [/^p4d\./, 'a100'],
  [/^p5\./, 'h100'],
  [/^a2-/, 'a100'],
  [/^a3-/, 'h100'],
  [/^g2-/, 'l4'],
  [/_T4_/i, 't4'],
  [/A100/i, 'a100'],
  [/H100/i, 'h100'],
];
const GPU_LABELS = [
  'cloud.google.com/gke-accelerator',
  'nvidia.com/gpu.product',
  'karpenter.k8s.aws/instance-gpu-name',
  'node.kubernetes.io/instance-type',
  'beta.kubernetes.io/instance-type',
  'karpenter.k8s.aws/instance-family',
];
const STEADY = new Set(['Deployment', 'StatefulSet', 'ReplicaSet', 'Pod', 'DaemonSet']);

interface GpuUse {
  key: string;
  line: number;
  gpus: number;
  replicas: number;
  gpu?: string;
  replicasAssumed: boolean;
}

function gpuName(spec: Obj, text: string): string | undefined {
  const labels: Record<string, unknown> = { ...obj(spec.nodeSelector) };
  for (const label of GPU_LABELS) {
    const m = new RegExp(`${label.replace(/[./]/g, '\\$&')}["']?\\s*:\\s*["']?([\\w.-]+)`).exec(text);
    if (labels[label] === undefined && m) labels[label] = m[1];
  }
  for (const label of GPU_LABELS) {
    const v = labels[label];
    if (typeof v !== 'string') continue;
    return FAMILY_GPU.find(([re]) => re.test(v))?.[1] ?? v;
  }
  // Node affinity lists accelerator names as values: nvidia-tesla-t4, nvidia-l4, nvidia-a100-80gb.
  return /\bnvidia-(?:tesla-)?([a-z]+\d+\w*)/i.exec(text)?.[1];
}

function containerGpus(podSpec: Obj): number {
  let n = 0;
  for (const c of [...((podSpec.containers as unknown[]) ?? []), ...((podSpec.initContainers as unknown[]) ?? [])]) {
    const r = obj(obj(c).resources);
    const v = obj(r.limits)['nvidia.com/gpu'] ?? obj(r.requests)['nvidia.com/gpu'];
    n += Number(v ?? 0) || 0;
  }
  return n;
}

/** GPU workloads of a whole manifest, or undefined when it is not plain YAML (a Helm template). */
function parsed(side: Side): GpuUse[] | undefined {
  const docs = yamlDocs(side);
  if (!docs) return undefined;
  const out: GpuUse[] = [];
  for (const { doc: m, line } of docs) {
    const kind = String(m.kind ?? '');
    if (!STEADY.has(kind)) continue;
    const spec = obj(m.spec);
    const podSpec = kind === 'Pod' ? spec : obj(obj(spec.template).spec);
    const gpus = containerGpus(podSpec);
    if (gpus === 0) continue;
    const meta = obj(m.metadata);
    const gpu = gpuName(podSpec, JSON.stringify(podSpec.affinity ?? {}).replace(/[{}[\],]/g, '\n'));
    out.push({
      key: `${kind}/${String(meta.namespace ?? 'default')}/${String(meta.name ?? '?')}`,
      line,
      gpus,
      replicas: kind === 'Pod' ? 1 : Number(spec.replicas ?? 1),
      replicasAssumed: false,
      ...(gpu ? { gpu } : {}),
    });
  }
  return out;
}

/** From visible lines only: the GPUs and replicas the side shows. */
function scanned(side: Side): GpuUse[] {
  let gpus = 0;
  let replicas: number | undefined;
  let line = 0;
  side.lines.forEach((text, i) => {
    const g = /nvidia\.com\/gpu["']?\s*:\s*["']?(\d+)/.exec(text);
    if (g) {
      gpus += Number(g[1]);
      line ||= side.lineNos[i]!;
    }
    const r = /^\s*replicas\s*:\s*(\d+)/.exec(text);
    if (r) {
      replicas = Number(r[1]);
      line ||= side.lineNos[i]!;
    }
  });
  if (gpus === 0) return [];
  const gpu = gpuName({}, side.lines.join('\n'));
  return [{ key: 'workload', line, gpus, replicas: replicas ?? 1, replicasAssumed: replicas === undefined, ...(gpu ? { gpu } : {}) }];
}

function label(u: GpuUse | undefined): string {
  if (!u) return 'none';
  return `${u.replicas} × ${u.gpus} ${u.gpu ?? 'GPU'}${u.replicasAssumed ? ' (replicas not in the diff, taken as 1)' : ''}`;
}

export function detectKubernetesGpus(view: FileView): FindingOf<'infrastructure'>[] {
  const table = priceTable();
  const out: FindingOf<'infrastructure'>[] = [];
  for (const seg of view.segments) {
    if (![...seg.before.lines, ...seg.after.lines].some((l) => l.includes('nvidia.com/gpu') || /^\s*replicas\s*:/.test(l))) continue;
    const whole = view.complete ? [parsed(seg.before), parsed(seg.after)] : [undefined, undefined];
    const before = whole[0] ?? scanned(seg.before);
    const after = whole[1] ?? scanned(seg.after);
    const b = new Map(before.map((u) => [u.key, u]));
    const a = new Map(after.map((u) => [u.key, u]));
    for (const key of new Set([...b.keys(), ...a.keys()])) {
      const ub = b.get(key);
      const ua = a.get(key);
      if (label(ub) === label(ua)) continue;
      const price = (u: GpuUse | undefined) => (u ? u.replicas * u.gpus * table.gpu(u.gpu).hourly * table.hoursPerMonth : 0);
      const assumed = [ub, ua].filter((u) => u && table.gpu(u.gpu).assumed);
      const note =
        `${key === 'workload' ? view.path : key}: replicas × GPUs per pod × GPU-hour price × ${table.hoursPerMonth} h` +
        (assumed.length ? `; GPU type not stated, priced as ${table.gpu(undefined).gpu.toUpperCase()}` : '');
      out.push({
        kind: 'infrastructure',
        file: view.path,
        line: (ua ?? ub)!.line,
        before: label(ub),
        after: label(ua),
        monthlyBefore: price(ub),
        monthlyAfter: price(ua),
        note,
        sources: [tableSource()],
        priceKind: 'price table',
      });
    }
  }
  return out;
}
