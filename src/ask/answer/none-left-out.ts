/**
 * The sentence beside a ranking or list that leaves out spend with no value of its dimension
 * ("which regions did we have spend in" leaves out the rows with no region): how much that is, in
 * each currency, and over how many cost rows, so a list is not read as all the spend of the period.
 */
import type pg from 'pg';
import { compileCostQuery, type Viewer } from '../../costs/compile.ts';
import { isAdditive, unitOf, wholeOf, type CostQuery } from '../../costs/query.ts';
import { rollupFresh } from '../../costs/rollups.ts';
import { DEFAULT_ROW_CAP, DEFAULT_TIMEOUT_MS, readOnly } from '../../costs/run.ts';
import { dimensionName, formatValue, metricName } from './format.ts';

/** The note for `dimension`, left out of `query`'s rows by its `not null` filter; null when nothing has no value or the metric is no amount. */
export async function noneLeftOutNote(pool: pg.Pool, query: CostQuery, dimension: string | undefined, asOf: string, options: { viewer: Viewer; timeoutMs?: number }): Promise<string | null> {
  if (!dimension || !isAdditive(query.metric)) return null;
  const kept = query.filters.filter((f) => !(f.dimension === dimension && f.op === 'not' && f.value === null));
  const none: CostQuery = { ...wholeOf(query), filters: [...kept, { dimension, op: 'eq', value: null }] };
  // Read where the ranking itself was: the rollups while they are fresh (the raw rows of a month are a full scan at scale).
  const rows = await readOnly(pool, options.timeoutMs ?? DEFAULT_TIMEOUT_MS, async (client) => {
    const c = compileCostQuery(none, { asOf, viewer: options.viewer, rowCap: DEFAULT_ROW_CAP, rollups: await rollupFresh(client) });
    return (await client.query<{ ccy: string | null; m: string; nr: string }>(c.text, c.values)).rows;
  });
  const counted = rows.reduce((s, r) => s + Number(r.nr), 0);
  if (counted === 0) return null;
  const amounts = rows.filter((r) => Number(r.nr) > 0).map((r) => formatValue(Number(r.m), unitOf(query.metric) === 'money' ? (r.ccy ?? 'USD') : unitOf(query.metric)));
  const name = dimensionName(dimension);
  return `Left out for having no ${name}: ${amounts.join(' and ')} of ${metricName(query.metric)} over ${counted.toLocaleString('en-US')} ${counted === 1 ? 'row' : 'rows'}.`;
}
