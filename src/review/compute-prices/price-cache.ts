/**
 * Public prices fetched before, kept in a JSON file under the user's cache folder (PENNY_CACHE_DIR,
 * else $XDG_CACHE_HOME/penny, else ~/.cache/penny) with the day each was fetched, so a review asks
 * a price API once a week per machine type and region at most, and says how old a price is.
 * "Not listed" answers are kept too. A missing or unreadable file is an empty cache.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { daysBetween } from '../../schema/days.ts';

export const CACHE_DAYS = 7;

const Entry = z.object({ hourly: z.number().positive().nullable(), fetched: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) });
const CacheFile = z.object({ version: z.literal(1), prices: z.record(z.string(), Entry) });
export type CacheEntry = z.infer<typeof Entry>;

export function cacheFolder(env: NodeJS.ProcessEnv = process.env): string {
  return env.PENNY_CACHE_DIR ?? path.join(env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'penny');
}

export interface PriceCache {
  /** A fresh entry (fetched within CACHE_DAYS of `today`), else undefined. */
  get(key: string): CacheEntry | undefined;
  set(key: string, entry: CacheEntry): void;
  save(): Promise<void>;
}

export async function openPriceCache(folder: string, today: string): Promise<PriceCache> {
  const file = path.join(folder, 'compute-prices.json');
  const parsed = CacheFile.safeParse(
    await fs
      .readFile(file, 'utf8')
      .then(JSON.parse, () => undefined)
      .catch(() => undefined),
  );
  const prices = parsed.success ? parsed.data.prices : {};
  let dirty = false;
  const ageDays = (day: string) => daysBetween(day, today);
  return {
    get: (key) => {
      const e = prices[key];
      return e && ageDays(e.fetched) < CACHE_DAYS && ageDays(e.fetched) >= 0 ? e : undefined;
    },
    set: (key, entry) => {
      prices[key] = entry;
      dirty = true;
    },
    async save() {
      if (!dirty) return;
      await fs.mkdir(folder, { recursive: true });
      // Written aside and renamed, so a concurrent review never reads half a file.
      const tmp = `${file}.${process.pid}.tmp`;
      await fs.writeFile(tmp, JSON.stringify({ version: 1, prices }, null, 1));
      await fs.rename(tmp, file);
    },
  };
}
