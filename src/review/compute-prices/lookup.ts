/**
 * The order compute prices are looked for in: the organisation's own FOCUS data (when there is a
 * database), then the public price APIs (when PENNY_PUBLIC_PRICES=on) for what is still unpriced;
 * the price book falls back to the table for the rest. A source that fails is logged and skipped,
 * so a review never fails for want of a price.
 */
import type pg from 'pg';
import type { Env } from '../../config/env.ts';
import { logger } from '../../log/logger.ts';
import { noPricesFound, type FoundPrices, type PriceLookup, type PriceWants } from './book.ts';
import { ownPrices } from './own-prices.ts';
import { cacheFolder } from './price-cache.ts';
import { publicPrices, type PublicPriceOptions } from './public-prices.ts';

/** How long one public price request may take before the API is given up for this review. */
const PUBLIC_TIMEOUT_MS = 5000;
/** The own-price query scans 90 days of hourly lines; past this a review moves on rather than wait. */
const OWN_TIMEOUT_MS = 5000;

export function publicPriceOptions(env: Env): PublicPriceOptions | undefined {
  if (env.PENNY_PUBLIC_PRICES !== 'on') return undefined;
  const credentials =
    env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY
      ? { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY, ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}) }
      : undefined;
  return {
    timeoutMs: PUBLIC_TIMEOUT_MS,
    cacheDir: env.PENNY_CACHE_DIR ?? cacheFolder(),
    aws: { url: env.PENNY_AWS_PRICING_URL, region: env.PENNY_AWS_PRICE_REGION, ...(credentials ? { credentials } : {}) },
    azure: { url: env.PENNY_AZURE_PRICES_URL, region: env.PENNY_AZURE_PRICE_REGION },
    gcp: { url: env.PENNY_GCP_BILLING_URL, region: env.PENNY_GCP_PRICE_REGION, ...(env.PENNY_GCP_API_KEY ? { apiKey: env.PENNY_GCP_API_KEY } : {}) },
  };
}

const without = (names: Set<string>, found: Map<string, unknown>) => new Set([...names].filter((n) => !found.has(n)));

export function priceLookup(o: { pool?: pg.Pool; asOf: string; timeoutMs: number; public?: PublicPriceOptions }): PriceLookup {
  return async (wants: PriceWants): Promise<FoundPrices> => {
    let own = noPricesFound();
    if (o.pool) {
      try {
        own = await ownPrices(o.pool, wants, { asOf: o.asOf, timeoutMs: Math.min(o.timeoutMs, OWN_TIMEOUT_MS) });
      } catch (err) {
        logger.warn({ err: (err as Error).message }, 'own compute prices unavailable; trying the next source');
      }
    }
    if (!o.public) return own;
    const rest = { instances: without(wants.instances, own.instances), accelerators: without(wants.accelerators, own.accelerators) };
    const pub = await publicPrices(rest, o.public);
    return { instances: new Map([...pub.instances, ...own.instances]), accelerators: new Map([...pub.accelerators, ...own.accelerators]) };
  };
}
