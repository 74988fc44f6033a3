/**
 * The organisation's own hourly prices, from the FOCUS data Penny stores: the latest hourly usage
 * line of each wanted machine type or accelerator in the 90 days before the review, at its
 * ContractedUnitPrice where the provider fills it (a negotiated rate), else its ListUnitPrice.
 * Providers name the type in different columns: SkuPriceDetails.InstanceType (FOCUS 1.1+),
 * ChargeDescription (AWS "$0.34 per On Demand Linux c5.2xlarge Instance Hour", GCP "Nvidia Tesla
 * T4 GPU running in Americas") or SkuMeter (Azure "NC6s v3" for Standard_NC6s_v3). One
 * parameterised, read-only query with a statement timeout; prices stay exact until the end.
 */
import type pg from 'pg';
import { readOnly } from '../../costs/run.ts';
import { noPricesFound, type FoundPrices, type Price, type PriceWants } from './book.ts';
import { addDays } from '../../schema/days.ts';

export const OWN_PRICE_DAYS = 90;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** How a name may appear in a charge description: whole, with `-` or `_` read as a space too. */
function pattern(name: string): string {
  return `(^|[^a-z0-9.])${escape(name).replace(/[-_]/g, '[-_ ]')}([^a-z0-9.]|$)`;
}

/** Azure's meter name for a VM size: Standard_NC6s_v3 → nc6s v3. */
const meter = (name: string) =>
  name
    .replace(/^standard_/i, '')
    .replace(/_/g, ' ')
    .toLowerCase();

interface Row {
  name: string;
  price: string;
  price_column: 'ContractedUnitPrice' | 'ListUnitPrice';
  region: string | null;
  day: string;
}

export async function ownPrices(pool: pg.Pool, wants: PriceWants, o: { asOf: string; timeoutMs: number }): Promise<FoundPrices> {
  const names = [...new Set([...wants.instances, ...wants.accelerators])];
  const found = noPricesFound();
  if (names.length === 0) return found;
  const from = addDays(o.asOf, -OWN_PRICE_DAYS);
  const rows = await readOnly(
    pool,
    o.timeoutMs,
    async (client) =>
      (
        await client.query<Row>(
          `select distinct on (w.name) w.name,
                coalesce(nullif(l.contracted_unit_price, 0), l.list_unit_price)::text as price,
                case when nullif(l.contracted_unit_price, 0) is not null then 'ContractedUnitPrice' else 'ListUnitPrice' end as price_column,
                coalesce(l.region_id, l.region_name) as region,
                l.charge_period_start::date::text as day
           from unnest($1::text[], $2::text[], $3::text[]) as w(name, pattern, meter)
           join cost_lines l
             on lower(l.sku_price_details->>'InstanceType') = w.name
             or l.charge_description ~* w.pattern
             or lower(l.sku_meter) = w.meter
          where l.charge_period_start >= $4::date and l.charge_period_start < $5::date
            and l.charge_category = 'Usage'
            and l.pricing_unit ~* '(^|[^a-z])(hours?|hrs?)$'
            and coalesce(nullif(l.contracted_unit_price, 0), l.list_unit_price) > 0
          -- Linux first (other systems add a licence), then the latest.
          order by w.name, coalesce(l.charge_description ~* 'windows|rhel|red hat|suse|sql server', false), l.charge_period_start desc`,
          [names, names.map(pattern), names.map(meter), from, o.asOf],
        )
      ).rows,
  );
  for (const r of rows) {
    const price: Price = { hourly: Number(r.price), kind: 'own prices', source: `own FOCUS data, ${r.price_column}${r.region ? ` in ${r.region}` : ''}, ${r.day}` };
    if (wants.instances.has(r.name)) found.instances.set(r.name, price);
    if (wants.accelerators.has(r.name)) found.accelerators.set(r.name, price);
  }
  return found;
}
