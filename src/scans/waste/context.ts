/**
 * What every waste check receives: the pool, the window it looks at ([from, asOf), the days
 * before as-of) and its parameters; and the run-rate arithmetic they share.
 */
import type pg from 'pg';
import type { FindingDraft } from '../../findings/finding.ts';
import type { WasteParams } from '../params.ts';
import { addDays, DAYS_PER_MONTH } from '../sql.ts';

export interface WasteContext {
  pool: pg.Pool;
  asOf: string;
  from: string;
  params: WasteParams;
}

export type WasteCheck = (ctx: WasteContext) => Promise<FindingDraft[]>;

export function wasteContext(pool: pg.Pool, asOf: string, params: WasteParams): WasteContext {
  return { pool, asOf, from: addDays(asOf, -params.windowDays), params };
}

/** A monthly run rate from a total over the days it was seen on. */
export const monthly = (total: number, days: number) => (days > 0 ? (total / days) * DAYS_PER_MONTH : 0);

/** SQL: the UTC day of a timestamp column. */
export const utcDay = (col: string) => `(${col} at time zone 'UTC')::date`;

/**
 * SQL aggregate: the days from the first to the last day a group was seen in the window, the
 * divisor of its run rate. Unlike count(distinct day) it needs no sort per group.
 */
export const daySpan = (col: string) => `(max(${utcDay(col)}) - min(${utcDay(col)}) + 1)`;
