/**
 * Cost series for the anomaly scan, aggregated in SQL: one scan of a source computes every
 * requested dimension set at once, per UTC day or hour: one hash aggregate on all their keys
 * together (small, and materialised), then GROUPING SETS over that, which would sort the raw rows
 * if given them (and which Citus runs only over such a collected result).
 * Daily series read the fresh daily rollup when it has their keys (daily-source.ts); hourly ones
 * the raw calls. Node only receives the series, never the rows.
 */
import type pg from 'pg';
import { dailySource, rawSource } from '../daily-source.ts';
import { inScanTransaction, Params, type ScanSource } from '../sql.ts';

export type Step = 'day' | 'hour';

/** One series: its dimension set, its key values, its currency and its points by day ('YYYY-MM-DD') or hour. */
export interface Series {
  set: number;
  scope: Record<string, string>;
  currency: string;
  points: Map<string, number>;
}

const BUCKET_TEXT: Record<Step, string> = {
  day: 't::text',
  hour: `to_char(t, 'YYYY-MM-DD"T"HH24":00:00Z"')`,
};

/**
 * Series of `sets` (lists of scope keys, each with an id; sets the source cannot express are skipped) over
 * [from, to) from `source`, one series per currency of the same scope. Rows whose set has a null key are left out:
 * unattributed spend is the untagged-spend check's business. Added into `into`, keyed by set and
 * key values, so calls on several sources sum into the same series. Returns the latest bucket
 * with any data (null for none): the data's end, which may lag as-of. Rows of the charge kinds in
 * `range.exclude` (purchases, tax, credits…: src/costs/charge-kind.ts) are left out of the sums.
 */
export async function fetchSeries(
  pool: pg.Pool,
  source: ScanSource,
  sets: readonly { id: number; keys: readonly string[] }[],
  range: { from: string; to: string; step: Step; exclude?: readonly string[] },
  into: Map<string, Series>,
): Promise<string | null> {
  const p = new Params();
  const keys = [...new Set(sets.flatMap((s) => s.keys))];
  return inScanTransaction(pool, async (client) => {
    const src = range.step === 'hour' ? rawSource(source, p.bind, 'hour') : await dailySource(client, source, keys, p.bind);
    const exprs = new Map<string, string>();
    for (const k of keys) {
      const sql = src.key(k);
      if (sql !== null) exprs.set(k, sql);
    }
    const usable = sets.filter((s) => s.keys.every((k) => exprs.has(k))).map((s) => ({ s: s.keys, i: s.id }));
    if (usable.length === 0) return null;
    // Only keys of usable sets: GROUPING() may only name expressions some grouping set has.
    const cols = [...new Set(usable.flatMap(({ s }) => s))];
    const col = (k: string) => `k${cols.indexOf(k)}`;
    const kinds = range.exclude?.length ? ` and ${src.chargeKind} <> all(${p.bind([...range.exclude], 'text[]')})` : '';
    // x materialised: Citus cannot run GROUPING SETS over a distributed table, but can over the
    // (small) per-bucket sums it collects from the workers; PostgreSQL computes the same x once.
    const sql = `
      with x as materialized (
        select ${src.bucket} as t, ${cols.map((k) => `${exprs.get(k)} as ${col(k)}`).join(', ')}, ${src.currency} as ccy, sum(${src.cost}) as c
          from ${src.from}
         where ${src.where} and ${src.during(range.from, range.to)}${kinds}
         group by ${cols.map((_, i) => i + 2).join(', ')}, ${cols.length + 2}, 1)
      select ${BUCKET_TEXT[range.step]} as t, grouping(${cols.map(col).join(', ')}) as g, ${cols.map(col).join(', ')}, ccy, sum(c)::float8 as v
        from x
       group by grouping sets (${usable.map(({ s }) => `(t, ccy, ${s.map(col).join(', ')})`).join(', ')})`;
    const { rows } = await client.query(sql, p.values);
    return collect(rows, cols, usable, into);
  });
}

/** Adds the query's rows to their series; returns the latest bucket seen. */
function collect(rows: Record<string, unknown>[], cols: string[], usable: { s: readonly string[]; i: number }[], into: Map<string, Series>): string | null {
  const col = (k: string) => `k${cols.indexOf(k)}`;
  // grouping() sets bit (n-1-i) for each column i left out of the row's set.
  const maskOf = (s: readonly string[]) => cols.reduce((m, k, i) => (s.includes(k) ? m : m | (1 << (cols.length - 1 - i))), 0);
  const byMask = new Map(usable.map(({ s, i }) => [maskOf(s), { s, i }]));
  let latest: string | null = null;
  for (const r of rows) {
    if (latest === null || (r.t as string) > latest) latest = r.t as string;
    const hit = byMask.get(r.g as number);
    if (!hit || r.v === null) continue;
    const values = hit.s.map((k) => r[col(k)] as string | null);
    if (values.some((v) => v === null || v === '')) continue;
    const currency = r.ccy as string;
    const id = `${hit.i}\u0000${currency}\u0000${values.join('\u0000')}`;
    let series = into.get(id);
    if (!series) {
      series = { set: hit.i, scope: Object.fromEntries(hit.s.map((k, j) => [k, values[j]!])), currency, points: new Map() };
      into.set(id, series);
    }
    series.points.set(r.t as string, (series.points.get(r.t as string) ?? 0) + (r.v as number));
  }
  return latest;
}
