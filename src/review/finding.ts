/**
 * What a detector reports: one cost-relevant change at a file and line, in the detector's own
 * terms (models, token counts, runs per month, hourly prices). estimate.ts turns each into a
 * monthly dollar change with its basis.
 */
import type { PriceKind } from './compute-prices/book.ts';

export type FindingKind = 'model' | 'output-limit' | 'prompt' | 'call-site' | 'schedule' | 'infrastructure';

interface Base {
  file: string;
  line: number;
  /** As shown to people: the old and new setting. */
  before: string;
  after: string;
  /** A feature tag written next to the change (`feature: "x"`), a hint for the feature mapping. */
  featureHint?: string;
}

export type Finding = Base &
  (
    | { kind: 'model'; from: string; to: string }
    | { kind: 'output-limit'; key: string; from: number | null; to: number | null; model?: string }
    | { kind: 'prompt'; tokensBefore: number; tokensAfter: number; model?: string; encoding: string; approximates?: string }
    | { kind: 'call-site'; api: string; model?: string }
    | { kind: 'schedule'; runsBefore: number; runsAfter: number }
    | { kind: 'infrastructure'; monthlyBefore: number | null; monthlyAfter: number | null; note: string; unpriced?: string[]; sources?: string[]; priceKind?: PriceKind }
  );

export type FindingOf<K extends FindingKind> = Extract<Finding, { kind: K }>;
