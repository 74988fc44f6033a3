/**
 * The hourly prices a review prices compute with, each with where it came from and its date, so
 * every comment line can say so. Prices found for this review (the organisation's FOCUS data, a
 * public price API) come first; the hand-kept table (instance-prices.yaml) is the last resort.
 * Detectors ask synchronously; the review first runs them against a recording book to learn which
 * machine types and accelerators it needs, looks those up, then runs them again (see review.ts).
 */
import { priceTable } from '../instance-prices.ts';

/** Where prices come from, most trusted first; a review's basis for compute names the least trusted it used. */
export const PRICE_KINDS = ['own prices', 'public prices', 'price table'] as const;
export type PriceKind = (typeof PRICE_KINDS)[number];

export interface Price {
  /** USD per hour per node (or per accelerator). */
  hourly: number;
  /** Where the price comes from and its date, as a comment shows it. */
  source: string;
  kind: PriceKind;
}

/** The least trusted kind among prices used; the table when none. */
export const weakestKind = (kinds: Iterable<PriceKind>): PriceKind => {
  let worst = -1;
  for (const k of kinds) worst = Math.max(worst, PRICE_KINDS.indexOf(k));
  return worst < 0 ? 'price table' : PRICE_KINDS[worst]!;
};

/** What a review needs priced: machine types and cloud accelerators, as the diff spells them. */
export interface PriceWants {
  instances: Set<string>;
  accelerators: Set<string>;
}

export interface PriceBook {
  hoursPerMonth: number;
  instance(type: string): Price | undefined;
  accelerator(type: string): Price | undefined;
}

/** Prices found for this review, by lower-cased name. */
export interface FoundPrices {
  instances: Map<string, Price>;
  accelerators: Map<string, Price>;
}

/** Prices for the machine types and accelerators a review needs; what it cannot price the table does. */
export type PriceLookup = (wants: PriceWants) => Promise<FoundPrices>;

export const noPricesFound = (): FoundPrices => ({ instances: new Map(), accelerators: new Map() });

/** Short, as each line shows it; the comment's footer names the table's own sources. */
export const tableSource = (): string => `price table, ${priceTable().date}`;

/** Found prices first, else the table's. */
export function priceBook(found: FoundPrices = noPricesFound()): PriceBook {
  const table = priceTable();
  const fromTable = (hourly: number | undefined): Price | undefined => (hourly === undefined ? undefined : { hourly, source: tableSource(), kind: 'price table' });
  return {
    hoursPerMonth: table.hoursPerMonth,
    instance: (type) => found.instances.get(type.trim().toLowerCase()) ?? fromTable(table.instance(type)),
    accelerator: (type) => found.accelerators.get(type.trim().toLowerCase()) ?? fromTable(table.accelerator(type)),
  };
}

/** A book that also notes every name asked of it. */
export function recordingBook(inner: PriceBook, wants: PriceWants): PriceBook {
  return {
    hoursPerMonth: inner.hoursPerMonth,
    instance(type) {
      wants.instances.add(type.trim().toLowerCase());
      return inner.instance(type);
    },
    accelerator(type) {
      wants.accelerators.add(type.trim().toLowerCase());
      return inner.accelerator(type);
    },
  };
}
