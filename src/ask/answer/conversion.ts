/**
 * A question asked in one currency ("in euros", "convert to USD"): the latest loaded exchange rate
 * and its date per currency converted, or a plain refusal when the data holds money in a currency
 * with no rate into the one asked, so amounts are never added unconverted.
 */
import type pg from 'pg';
import { currencyList } from '../../costs/currency.ts';
import type { CostQuery } from '../../costs/query.ts';
import { runCostQuery, type Viewer } from '../../costs/run.ts';
import { resolveCompared } from '../../costs/time.ts';

export type Conversion = { ok: true; query: CostQuery; note: string | null } | { ok: false; message: string };

/** The currencies the query's rows are in before any conversion. */
async function sourceCurrencies(pool: pg.Pool, q: CostQuery, viewer: Viewer, asOf: string): Promise<string[]> {
  const { currency: _c, threshold: _t, limit: _l, compare: _p, ...rest } = q;
  const r = await runCostQuery(pool, { ...rest, groupBy: [], granularity: 'total', orderBy: { by: 'metric', direction: 'desc' } }, { viewer, asOf, dataThrough: false });
  return r.currencies;
}

/**
 * Before a query asked in one currency runs: data already in that currency needs no conversion
 * (the query runs without it); a currency with no rate into it for the first day asked declines.
 */
export async function planConversion(pool: pg.Pool, q: CostQuery, viewer: Viewer, asOf: string): Promise<Conversion> {
  const target = q.currency!;
  const from = (await sourceCurrencies(pool, q, viewer, asOf)).filter((c) => c !== target);
  const { currency: _c, ...unconverted } = q;
  if (from.length === 0) return { ok: true, query: unconverted, note: `The data is already in ${target}; nothing needed converting.` };
  const time = resolveCompared(q.time, asOf, q.compare, q.compareTo);
  const first = q.compare && time.previous.from < time.from ? time.previous.from : time.from;
  const { rows } = await pool.query<{ from_currency: string; rate: string; day: string; first: string }>(
    `select distinct on (from_currency) from_currency, rate::text as rate, day::text as day,
            (select min(x.day)::text from exchange_rates x where x.from_currency = r.from_currency and x.to_currency = r.to_currency) as first
       from exchange_rates r where to_currency = $1 and from_currency = any($2::text[]) and day < $3::date
      order by from_currency, day desc`,
    [target, from, time.to],
  );
  const missing = from.filter((c) => !rows.some((r) => r.from_currency === c && r.first <= first));
  if (missing.length > 0) {
    return {
      ok: false,
      message: `I can't give this in ${target}: no exchange rate from ${currencyList(missing)} to ${target} is loaded from ${first} on (load rates with penny ingest rates <file>, columns date,from,to,rate). I won't add amounts in different currencies.`,
    };
  }
  return { ok: true, query: q, note: `Latest rates used: ${rows.map((r) => `1 ${r.from_currency} = ${Number(r.rate)} ${target} on ${r.day}`).join(', ')}.` };
}
