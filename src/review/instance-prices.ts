/**
 * The compute price table (instance-prices.yaml, its source and date in its header and shown in
 * every review that uses it), validated with zod on first use. Instance names are matched
 * case-insensitively, since Terraform and manifests spell Azure sizes either way.
 */
import fs from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { shippedPath } from '../config/shipped.ts';

const hourly = z.record(z.string(), z.number().positive());

const TableSchema = z.strictObject({
  source: z.string().min(1),
  date: z.string().regex(/^\d{4}-\d{2}(-\d{2})?$/),
  hours_per_month: z.number().positive(),
  instances: hourly,
  gpus: hourly,
  default_gpu: z.string().min(1),
  accelerators: hourly,
});

export interface PriceTable {
  source: string;
  date: string;
  hoursPerMonth: number;
  instance(type: string): number | undefined;
  /** Every instance type the table prices, as written there. */
  instanceTypes: string[];
  /** Per GPU-hour for a GPU name as labels write it (`nvidia-tesla-t4`, `NVIDIA-A10G`, `a100`). */
  gpu(name: string | undefined): { hourly: number; gpu: string; assumed: boolean };
  accelerator(type: string): number | undefined;
}

export const PRICE_TABLE_FILE = shippedPath('src', 'review', 'instance-prices.yaml');

let table: PriceTable | undefined;

const lowerKeys = (r: Record<string, number>) => new Map(Object.entries(r).map(([k, v]) => [k.toLowerCase(), v]));

export function priceTable(): PriceTable {
  if (table) return table;
  const parsed = TableSchema.safeParse(parse(fs.readFileSync(PRICE_TABLE_FILE, 'utf8')));
  if (!parsed.success) throw new Error(`${PRICE_TABLE_FILE}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const t = parsed.data;
  const instances = lowerKeys(t.instances);
  const accelerators = lowerKeys(t.accelerators);
  const gpus = lowerKeys(t.gpus);
  const fallback = t.default_gpu.toLowerCase();
  if (!gpus.has(fallback)) throw new Error(`${PRICE_TABLE_FILE}: default_gpu ${t.default_gpu} is not under gpus`);
  table = {
    source: t.source,
    date: t.date,
    hoursPerMonth: t.hours_per_month,
    instance: (type) => instances.get(type.trim().toLowerCase()),
    instanceTypes: Object.keys(t.instances),
    accelerator: (type) => accelerators.get(type.trim().toLowerCase()),
    gpu(name) {
      const n = (name ?? '').toLowerCase();
      // Longest key first, so "l40s" wins over "l4" inside "nvidia-l40s".
      const key = [...gpus.keys()].sort((a, b) => b.length - a.length).find((k) => n.includes(k));
      return key ? { hourly: gpus.get(key)!, gpu: key, assumed: false } : { hourly: gpus.get(fallback)!, gpu: fallback, assumed: true };
    },
  };
  return table;
}
