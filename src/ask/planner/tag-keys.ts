/**
 * Tag keys that spell an attribution dimension ("env", "Environment", "cost-center", "CostCenter"):
 * ingest reads that dimension from every spelling of its key, so a question naming one spelling
 * means the dimension; reading the one raw key would miss the exports that spell it otherwise.
 */
import { DEFAULT_ATTRIBUTION_KEYS } from '../../schema/attribution.ts';

/** Whether a tag key spells its dimension ("env", "cost-center"); a stand-in key (an owner tag read as the team) does not. */
const spells = (key: string, dimension: string) => key.replace(/[^a-z]/g, '').includes(dimension.replace(/_/g, '')) || dimension.startsWith(key);

/** Tag keys that spell the attribution dimension they are read from, lower-cased. */
const ATTRIBUTION_KEY = new Map(Object.entries(DEFAULT_ATTRIBUTION_KEYS).flatMap(([d, keys]) => (d === 'task_id' ? [] : keys.map((k) => [k.toLowerCase(), d] as const).filter(([k]) => spells(k, d)))));

/** The attribution dimension a tag key spells, in any case ("Environment" → environment), or null. */
export const attributionOfTagKey = (key: string): string | null => ATTRIBUTION_KEY.get(key.toLowerCase()) ?? null;
