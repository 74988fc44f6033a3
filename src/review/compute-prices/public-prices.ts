/**
 * Prices from the clouds' public price APIs, for machine types the organisation's own data does not
 * price: AWS EC2 types through the Price List Query API (needs AWS credentials), Azure VM sizes
 * through the Retail Prices API, Google machine types and GPUs through the Cloud Billing Catalog
 * API (needs an API key). Opt-in (PENNY_PUBLIC_PRICES=on) and soft: an API that cannot be
 * reached or answers badly is logged and skipped, and the table prices the type instead. Each
 * answer is cached with its date (price-cache.ts); a cached price says when it was fetched.
 */
import { todayUtc } from '../../costs/time.ts';
import { logger } from '../../log/logger.ts';
import { awsHourlyPrice } from './aws-price-list.ts';
import { azureHourlyPrice } from './azure-retail-prices.ts';
import { gcpCatalog, type GcpCatalog } from './gcp-billing-catalog.ts';
import { noPricesFound, type FoundPrices, type PriceWants } from './book.ts';
import { openPriceCache } from './price-cache.ts';
import type { AwsCredentials } from './sigv4.ts';

export interface PublicPriceOptions {
  /** YYYY-MM-DD: the day fetched prices are dated, and cache entries aged from; default today (UTC). */
  today?: string;
  cacheDir: string;
  timeoutMs: number;
  aws: { url: string; region: string; credentials?: AwsCredentials };
  azure: { url: string; region: string };
  gcp: { url: string; region: string; apiKey?: string };
}

const AWS_TYPE = /^[a-z][a-z0-9-]*\.[a-z0-9]+$/;
const AZURE_SIZE = /^standard_[a-z0-9_]+$/;
const GCP_TYPE = /^(n1|n2|n2d|e2)-(standard|highmem|highcpu)-\d+$/;
const GCP_GPU = /^nvidia-/;

interface Api {
  name: string;
  region: string;
  fetch(type: string): Promise<number | undefined>;
}

type Part = 'instance' | 'accelerator';

function apiFor(part: Part, type: string, o: PublicPriceOptions, google: () => Promise<GcpCatalog>): Api | undefined {
  if (o.gcp.apiKey && (part === 'instance' ? GCP_TYPE : GCP_GPU).test(type)) {
    return { name: 'Cloud Billing Catalog API', region: o.gcp.region, fetch: async (t) => (part === 'instance' ? (await google()).machine(t) : (await google()).accelerator(t)) };
  }
  if (part === 'accelerator') return undefined;
  if (AWS_TYPE.test(type) && o.aws.credentials) {
    const credentials = o.aws.credentials;
    return { name: 'AWS Price List API', region: o.aws.region, fetch: (t) => awsHourlyPrice(t, { url: o.aws.url, region: o.aws.region, credentials, timeoutMs: o.timeoutMs }) };
  }
  if (AZURE_SIZE.test(type)) return { name: 'Azure Retail Prices API', region: o.azure.region, fetch: (t) => azureHourlyPrice(t, { ...o.azure, timeoutMs: o.timeoutMs }) };
  return undefined;
}

export async function publicPrices(wants: PriceWants, o: PublicPriceOptions): Promise<FoundPrices> {
  const found = noPricesFound();
  const today = o.today ?? todayUtc();
  const cache = await openPriceCache(o.cacheDir, today);
  const failed = new Set<string>();
  let catalog: Promise<GcpCatalog> | undefined;
  const google = () => (catalog ??= gcpCatalog({ ...o.gcp, apiKey: o.gcp.apiKey!, timeoutMs: o.timeoutMs }));
  const wanted = [...[...wants.instances].map((t) => ['instance', t] as const), ...[...wants.accelerators].map((t) => ['accelerator', t] as const)];
  for (const [part, type] of wanted) {
    const api = apiFor(part, type, o, google);
    if (!api || failed.has(api.name)) continue;
    const key = `${api.name}|${api.region}|${type}`;
    let entry = cache.get(key);
    if (!entry) {
      try {
        const hourly = await api.fetch(type);
        entry = { hourly: hourly ?? null, fetched: today };
        cache.set(key, entry);
      } catch (err) {
        // Offline or refused: the rest of this API's types would fail the same way.
        failed.add(api.name);
        logger.warn({ err: (err as Error).message, api: api.name }, 'public price API unavailable; using the price table');
        continue;
      }
    }
    if (entry.hourly !== null)
      (part === 'instance' ? found.instances : found.accelerators).set(type, {
        hourly: entry.hourly,
        kind: 'public prices',
        source: `${api.name}, ${api.region} on-demand${part === 'instance' ? ' Linux' : ''}, fetched ${entry.fetched}`,
      });
  }
  await cache.save().catch((err: Error) => logger.warn({ err: err.message }, 'could not save the price cache'));
  return found;
}
