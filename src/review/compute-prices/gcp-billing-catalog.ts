/**
 * On-demand hourly prices of Google Compute Engine machine types and GPUs from the Cloud Billing
 * Catalog API (an API key is needed). Google prices a predefined machine type by its parts, so a
 * type is priced as vCPUs × the family's core-hour price + memory × its GiB-hour price, with the
 * memory of the standard, highmem and highcpu shapes of the N1, N2, N2D and E2 families; a GPU
 * (`nvidia-tesla-t4`) by its own SKU. The Compute Engine catalog is read once per review, page by
 * page, and checked with zod.
 */
import { z } from 'zod';

const Money = z.object({ units: z.string().default('0'), nanos: z.number().default(0) });
const Sku = z.object({
  description: z.string(),
  category: z.object({ usageType: z.string().optional() }).default({}),
  serviceRegions: z.array(z.string()).default([]),
  pricingInfo: z.array(z.object({ pricingExpression: z.object({ tieredRates: z.array(z.object({ unitPrice: Money })).default([]) }) })).default([]),
});
const Page = z.object({ skus: z.array(Sku).default([]), nextPageToken: z.string().optional() });
type SkuT = z.infer<typeof Sku>;

export interface GcpCatalogOptions {
  url: string;
  apiKey: string;
  region: string;
  timeoutMs: number;
}

/** Description prefixes of each family's core and memory SKUs, and GiB per vCPU of its shapes. */
const FAMILIES: Record<string, { label: string; gib: Record<string, number> }> = {
  n1: { label: 'N1 Predefined Instance', gib: { standard: 3.75, highmem: 6.5, highcpu: 0.9 } },
  n2: { label: 'N2 Instance', gib: { standard: 4, highmem: 8, highcpu: 1 } },
  n2d: { label: 'N2D AMD Instance', gib: { standard: 4, highmem: 8, highcpu: 1 } },
  e2: { label: 'E2 Instance', gib: { standard: 4, highmem: 8, highcpu: 1 } },
};

const hourly = (s: SkuT) => {
  const rates = s.pricingInfo[0]?.pricingExpression.tieredRates ?? [];
  const p = rates[rates.length - 1]?.unitPrice;
  return p ? Number(p.units) + p.nanos / 1e9 : undefined;
};

export interface GcpCatalog {
  machine(type: string): number | undefined;
  accelerator(type: string): number | undefined;
}

export async function gcpCatalog(o: GcpCatalogOptions): Promise<GcpCatalog> {
  const skus: SkuT[] = [];
  let token: string | undefined;
  do {
    const url = new URL(o.url);
    url.searchParams.set('key', o.apiKey);
    url.searchParams.set('currencyCode', 'USD');
    url.searchParams.set('pageSize', '5000');
    if (token) url.searchParams.set('pageToken', token);
    const res = await fetch(url, { signal: AbortSignal.timeout(o.timeoutMs) });
    if (!res.ok) throw new Error(`Cloud Billing Catalog API answered ${res.status}`);
    const page = Page.parse(await res.json());
    // Only on-demand prices in the region matter.
    skus.push(...page.skus.filter((s) => s.category.usageType === 'OnDemand' && s.serviceRegions.includes(o.region)));
    token = page.nextPageToken || undefined;
  } while (token);
  const find = (re: RegExp) => {
    const s = skus.find((x) => re.test(x.description));
    return s ? hourly(s) : undefined;
  };
  return {
    machine(type) {
      const m = /^(n1|n2|n2d|e2)-(standard|highmem|highcpu)-(\d+)$/.exec(type.toLowerCase());
      const family = m ? FAMILIES[m[1]!] : undefined;
      if (!m || !family) return undefined;
      const core = find(new RegExp(`^${family.label} Core running in`, 'i'));
      const ram = find(new RegExp(`^${family.label} Ram running in`, 'i'));
      const vcpus = Number(m[3]);
      return core === undefined || ram === undefined ? undefined : vcpus * core + vcpus * family.gib[m[2]!]! * ram;
    },
    accelerator(type) {
      // nvidia-tesla-t4 → "Nvidia Tesla T4 GPU running in …"
      const words = type
        .toLowerCase()
        .split('-')
        .map((w) => w.replace(/[^a-z0-9]/g, ''))
        .filter(Boolean);
      return words.length ? find(new RegExp(`^${words.join(' ')} GPU running in`, 'i')) : undefined;
    },
  };
}
