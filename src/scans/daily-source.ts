/**
 * Where a scan reads daily sums from. The daily rollup (src/costs/rollups.ts) holds the same sums
 * per UTC day on the common dimensions, grouped by the same expressions the raw tables use; while
 * it is fresh, a scan whose keys it all has reads thousands of rolled-up rows instead of months of
 * raw ones. Otherwise, the raw table. Call inside inScanTransaction, so the freshness check and
 * the read see one snapshot.
 */
import type pg from 'pg';
import type { Bind } from '../costs/dimensions.ts';
import { CHARGE_KIND_INPUTS, CLOUD_CHARGE_KIND_SQL } from '../costs/charge-kind.ts';
import { CURRENCY_SQL } from '../costs/currency.ts';
import { rollupFresh } from '../costs/rollups.ts';
import { ROLLUP_COLUMNS } from '../schema/dimensions.ts';
import { COST, dimensionOf, keySql, TABLE, TIME_COLUMN, type ScanSource } from './sql.ts';

export interface DailySource {
  /** The table to read and the condition its rows must meet. */
  from: string;
  where: string;
  /** The UTC day (a date) or hour (a timestamp) of a row. */
  bucket: string;
  cost: string;
  /** Input plus output tokens (0 for cloud). */
  tokens: string;
  /**
   * The charge kind (src/costs/charge-kind.ts: usage, purchase, tax, credit…), an expression over
   * the columns `kindInputs` only: a scan sums rows by those first and names the kind once per
   * group, since the raw table's expression matches names with regular expressions.
   */
  chargeKind: string;
  kindInputs: readonly string[];
  /** The currency of the row's cost: sums never cross it. */
  currency: string;
  /** Rows within [from, to), bounds as YYYY-MM-DD or timestamps. */
  during(from: string, to: string): string;
  /** A scope key's expression, or null when the source has no such dimension. */
  key(k: string): string | null;
}

/** The raw table, bucketed by UTC day or hour (dates and timestamps are cheap to hash). */
export function rawSource(source: ScanSource, bind: Bind, step: 'day' | 'hour' = 'day'): DailySource {
  const time = TIME_COLUMN[source];
  return {
    from: TABLE[source],
    where: 'true',
    bucket: step === 'day' ? `(${time} at time zone 'UTC')::date` : `date_trunc('hour', ${time} at time zone 'UTC')`,
    cost: COST[source],
    tokens: source === 'ai' ? 'input_tokens + output_tokens' : '0',
    chargeKind: source === 'cloud' ? CLOUD_CHARGE_KIND_SQL : "'usage'",
    kindInputs: source === 'cloud' ? CHARGE_KIND_INPUTS : [],
    currency: CURRENCY_SQL[source],
    during: (from, to) => `${time} >= ${bind(from, 'timestamptz')} and ${time} < ${bind(to, 'timestamptz')}`,
    key: (k) => keySql(k, source, bind),
  };
}

function rollupSource(source: ScanSource, bind: Bind): DailySource {
  return {
    from: 'cost_rollup_daily',
    where: `dataset = '${source}'`,
    bucket: 'day',
    // AI rows carry the call cost in every cost column; cloud's effective cost is the scans' cost.
    cost: 'effective_cost',
    tokens: 'input_tokens + output_tokens',
    chargeKind: 'charge_kind',
    kindInputs: ['charge_kind'],
    currency: 'currency',
    during: (from, to) => `day >= ${bind(from, 'date')} and day < ${bind(to, 'date')}`,
    // A key the raw source cannot express stays unexpressible here (AI rows have no service).
    key: (k) => (keySql(k, source, bind) === null ? null : ROLLUP_COLUMNS[dimensionOf(k)]!),
  };
}

/** The rollup when it is fresh and has every key in `keys`, else the raw table of `source`. */
export async function dailySource(client: pg.PoolClient, source: ScanSource, keys: readonly string[], bind: Bind): Promise<DailySource> {
  const rolledUp = keys.every((k) => Object.hasOwn(ROLLUP_COLUMNS, dimensionOf(k)));
  return rolledUp && (await rollupFresh(client)) ? rollupSource(source, bind) : rawSource(source, bind);
}
