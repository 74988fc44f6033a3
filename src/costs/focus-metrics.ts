/**
 * The FOCUS metrics only cloud billing carries (CostQuery's FOCUS_METRICS): the extra columns a
 * cloud branch selects for them, and their aggregates. Quantities are summed as stored (the caller
 * groups by their unit); unit prices are cost over pricing quantity on the rows that have one; the
 * effective savings rate is FOCUS's 1 − EffectiveCost / ListCost over rows with a list cost above 0,
 * and the savings rate over contracted cost the same against ContractedCost. Effective cost in the
 * pricing currency is summed as a quantity is, within each pricing currency. Line items are the
 * billing rows themselves, counted: what a data engineer checks an export by.
 */
import type { Metric } from './query.ts';

/** The columns a cloud branch adds for `metric` (none for the other metrics). */
export function focusMeasures(metric: Metric): string[] {
  switch (metric) {
    case 'contracted_cost':
    case 'contracted_savings_rate':
      return ['contracted_cost as f_contracted'];
    case 'consumed_quantity':
      return ['consumed_quantity as f_qty'];
    case 'pricing_quantity':
      return ['pricing_quantity as f_qty'];
    case 'list_unit_price':
      return ['list_cost as f_cost', 'pricing_quantity as f_qty'];
    case 'contracted_unit_price':
      return ['contracted_cost as f_cost', 'pricing_quantity as f_qty'];
    case 'pricing_currency_effective_cost':
      return ['pricing_currency_effective_cost as f_qty'];
    case 'line_items':
      return ['1::bigint as f_rows'];
    default:
      return [];
  }
}

/**
 * The aggregate of a FOCUS metric over `s`, on rows matching `cond` when given; null for other
 * metrics. Unlike costs, a column no matching row carries sums to null, not 0: an export without
 * ContractedCost has no contracted cost, rather than a contracted cost of nothing.
 */
export function focusMetricSql(metric: Metric, cond: string | null): string | null {
  const where = (extra: string | null) => {
    const all = [cond, extra].filter((x): x is string => x !== null);
    return all.length ? ` filter (where ${all.join(' and ')})` : '';
  };
  const sum = (x: string, extra: string | null = null) => `sum(${x})${where(extra)}`;
  switch (metric) {
    case 'contracted_cost':
      return sum('s.f_contracted');
    case 'consumed_quantity':
    case 'pricing_quantity':
    case 'pricing_currency_effective_cost':
      return sum('s.f_qty');
    case 'list_unit_price':
    case 'contracted_unit_price':
      // Rows without a pricing quantity have no unit to divide by, so their cost is left out too.
      return `${sum('s.f_cost', 's.f_qty is not null')} / nullif(${sum('s.f_qty')}, 0)`;
    case 'line_items':
      // A count: no matching row is 0 rows, not an unknown.
      return `coalesce(${sum('s.f_rows')}, 0)`;
    case 'effective_savings_rate':
      return `1 - ${sum('s.effective', 's.list > 0')} / nullif(${sum('s.list', 's.list > 0')}, 0)`;
    case 'contracted_savings_rate':
      return `1 - ${sum('s.effective', 's.f_contracted > 0')} / nullif(${sum('s.f_contracted', 's.f_contracted > 0')}, 0)`;
    default:
      return null;
  }
}

type FocusMetric = Extract<
  Metric,
  | 'contracted_cost'
  | 'consumed_quantity'
  | 'pricing_quantity'
  | 'list_unit_price'
  | 'contracted_unit_price'
  | 'effective_savings_rate'
  | 'contracted_savings_rate'
  | 'pricing_currency_effective_cost'
  | 'line_items'
>;

/** How each FOCUS metric is named in answers and what it sums, for answers and the agent's explain tool. */
export const FOCUS_METRIC_TEXT: Record<FocusMetric, { name: string; basis: string }> = {
  contracted_cost: { name: 'contracted cost', basis: 'FOCUS ContractedCost: at negotiated (contracted) prices, before commitment discounts' },
  consumed_quantity: { name: 'consumed quantity', basis: "FOCUS ConsumedQuantity, in each row's ConsumedUnit; only quantities of one unit add up" },
  pricing_quantity: { name: 'pricing quantity', basis: "FOCUS PricingQuantity, in each row's PricingUnit; only quantities of one unit add up" },
  list_unit_price: { name: 'list unit price', basis: 'ListCost ÷ PricingQuantity over rows with a pricing quantity (the average list price per pricing unit)' },
  contracted_unit_price: { name: 'contracted unit price', basis: 'ContractedCost ÷ PricingQuantity over rows with a pricing quantity (the average contracted price per pricing unit)' },
  effective_savings_rate: { name: 'effective savings rate', basis: 'FOCUS effective savings rate, 1 − EffectiveCost ÷ ListCost over rows whose ListCost is above 0' },
  pricing_currency_effective_cost: {
    name: 'effective cost in pricing currency',
    basis: "FOCUS PricingCurrencyEffectiveCost, in each row's PricingCurrency; only amounts of one currency add up",
  },
  line_items: { name: 'line items', basis: 'the cost rows (FOCUS line items) of the billing exports, counted' },
  contracted_savings_rate: {
    name: 'savings rate over contracted cost',
    basis: 'the savings of commitments on negotiated prices, 1 − EffectiveCost ÷ ContractedCost over rows whose ContractedCost is above 0',
  },
};
