/**
 * Conversion into one currency (CostQuery `currency`), with the exchange rates the user loaded
 * (`penny ingest rates`): each row's money is multiplied by the latest rate on or before its UTC
 * day from its currency into the target. A row whose currency has no such rate is not converted
 * and keeps its own currency, so it is answered on its own and never added to converted amounts.
 *
 * The compiler's branches become CTE `s0` with a `fxday` column; this module adds `fx` (one rate
 * per day and currency over the query's days, a small table the rows hash-join to) and the `s` the
 * rest of the statement reads, with converted money and currency.
 */
import type { Bind } from './dimensions.ts';
import type { DateRange } from './time.ts';

/** The money columns of the branches' common shape; every other column passes through. */
const MONEY = ['billed', 'effective', 'list'];

/**
 * `fx` and `s` over `s0`, whose columns are `passthrough`, `ccy`, `fxday` and the money columns.
 * `days` is every day any row of the query can fall on.
 */
export function convertedSource(target: string, days: DateRange, passthrough: readonly string[], bind: Bind): string[] {
  const to = bind(target, 'text');
  const fx = `fx as (select d::date as day, p.ccy, (select x.rate from exchange_rates x where x.from_currency = p.ccy and x.to_currency = ${to} and x.day <= d::date order by x.day desc limit 1) as rate
    from generate_series(${bind(days.from, 'date')}, ${bind(days.to, 'date')} - 1, interval '1 day') d
    cross join (select distinct from_currency as ccy from exchange_rates where to_currency = ${to}) p)`;
  const cols = [
    ...passthrough.map((c) => `s0.${c}`),
    `case when s0.ccy = ${to} or fx.rate is not null then ${to} else s0.ccy end as ccy`,
    ...MONEY.map((m) => `s0.${m} * coalesce(fx.rate, 1) as ${m}`),
  ];
  return [fx, `s as (select ${cols.join(', ')} from s0 left join fx on fx.ccy = s0.ccy and fx.day = s0.fxday)`];
}
