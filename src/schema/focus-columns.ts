/**
 * The FOCUS 1.0 to 1.3 columns as Penny stores them: the FOCUS name, its column in `cost_lines`, and how a
 * value is checked. `header` columns must be in a file's header; `row` columns must have a value
 * in every row. The spec makes more columns mandatory than this, but real exports leave some of
 * them empty (the FinOps sample has null ContractedCost), so those are kept as null, not rejected.
 */

export type FocusKind = 'text' | 'numeric' | 'timestamp' | 'json';

export interface FocusColumn {
  name: string;
  column: string;
  kind: FocusKind;
  header?: true;
  row?: true;
  /** A numeric column counting units rather than money, allowed up to MAX_QUANTITY. */
  quantity?: true;
}

export const FOCUS_COLUMNS: readonly FocusColumn[] = [
  { name: 'AvailabilityZone', column: 'availability_zone', kind: 'text' },
  { name: 'AllocatedMethodDetails', column: 'allocated_method_details', kind: 'json' },
  { name: 'AllocatedMethodId', column: 'allocated_method_id', kind: 'text' },
  { name: 'AllocatedResourceId', column: 'allocated_resource_id', kind: 'text' },
  { name: 'AllocatedResourceName', column: 'allocated_resource_name', kind: 'text' },
  { name: 'AllocatedTags', column: 'allocated_tags', kind: 'json' },
  { name: 'BilledCost', column: 'billed_cost', kind: 'numeric', header: true, row: true },
  { name: 'BillingAccountId', column: 'billing_account_id', kind: 'text', header: true, row: true },
  { name: 'BillingAccountName', column: 'billing_account_name', kind: 'text' },
  { name: 'BillingAccountType', column: 'billing_account_type', kind: 'text' },
  { name: 'BillingCurrency', column: 'billing_currency', kind: 'text', header: true, row: true },
  { name: 'BillingPeriodEnd', column: 'billing_period_end', kind: 'timestamp', header: true, row: true },
  { name: 'BillingPeriodStart', column: 'billing_period_start', kind: 'timestamp', header: true, row: true },
  { name: 'CapacityReservationId', column: 'capacity_reservation_id', kind: 'text' },
  { name: 'CapacityReservationStatus', column: 'capacity_reservation_status', kind: 'text' },
  { name: 'ChargeCategory', column: 'charge_category', kind: 'text', header: true, row: true },
  { name: 'ChargeClass', column: 'charge_class', kind: 'text' },
  { name: 'ChargeDescription', column: 'charge_description', kind: 'text' },
  { name: 'ChargeFrequency', column: 'charge_frequency', kind: 'text' },
  { name: 'ChargePeriodEnd', column: 'charge_period_end', kind: 'timestamp', header: true, row: true },
  { name: 'ChargePeriodStart', column: 'charge_period_start', kind: 'timestamp', header: true, row: true },
  { name: 'CommitmentDiscountCategory', column: 'commitment_discount_category', kind: 'text' },
  { name: 'CommitmentDiscountId', column: 'commitment_discount_id', kind: 'text' },
  { name: 'CommitmentDiscountName', column: 'commitment_discount_name', kind: 'text' },
  { name: 'CommitmentDiscountQuantity', column: 'commitment_discount_quantity', kind: 'numeric', quantity: true },
  { name: 'CommitmentDiscountStatus', column: 'commitment_discount_status', kind: 'text' },
  { name: 'CommitmentDiscountType', column: 'commitment_discount_type', kind: 'text' },
  { name: 'CommitmentDiscountUnit', column: 'commitment_discount_unit', kind: 'text' },
  { name: 'ConsumedQuantity', column: 'consumed_quantity', kind: 'numeric', quantity: true },
  { name: 'ConsumedUnit', column: 'consumed_unit', kind: 'text' },
  { name: 'ContractedCost', column: 'contracted_cost', kind: 'numeric' },
  { name: 'ContractedUnitPrice', column: 'contracted_unit_price', kind: 'numeric' },
  { name: 'ContractApplied', column: 'contract_applied', kind: 'json' },
  { name: 'EffectiveCost', column: 'effective_cost', kind: 'numeric', header: true, row: true },
  { name: 'HostProviderName', column: 'host_provider_name', kind: 'text' },
  { name: 'InvoiceId', column: 'invoice_id', kind: 'text' },
  { name: 'InvoiceIssuerName', column: 'invoice_issuer_name', kind: 'text' },
  { name: 'ListCost', column: 'list_cost', kind: 'numeric' },
  { name: 'ListUnitPrice', column: 'list_unit_price', kind: 'numeric' },
  { name: 'PricingCategory', column: 'pricing_category', kind: 'text' },
  { name: 'PricingCurrency', column: 'pricing_currency', kind: 'text' },
  { name: 'PricingCurrencyContractedUnitPrice', column: 'pricing_currency_contracted_unit_price', kind: 'numeric' },
  { name: 'PricingCurrencyEffectiveCost', column: 'pricing_currency_effective_cost', kind: 'numeric' },
  { name: 'PricingCurrencyListUnitPrice', column: 'pricing_currency_list_unit_price', kind: 'numeric' },
  { name: 'PricingQuantity', column: 'pricing_quantity', kind: 'numeric', quantity: true },
  { name: 'PricingUnit', column: 'pricing_unit', kind: 'text' },
  { name: 'ProviderName', column: 'provider_name', kind: 'text', header: true, row: true },
  { name: 'PublisherName', column: 'publisher_name', kind: 'text' },
  { name: 'RegionId', column: 'region_id', kind: 'text' },
  { name: 'RegionName', column: 'region_name', kind: 'text' },
  { name: 'ResourceId', column: 'resource_id', kind: 'text' },
  { name: 'ResourceName', column: 'resource_name', kind: 'text' },
  { name: 'ResourceType', column: 'resource_type', kind: 'text' },
  { name: 'ServiceCategory', column: 'service_category', kind: 'text' },
  { name: 'ServiceName', column: 'service_name', kind: 'text', header: true },
  { name: 'ServiceProviderName', column: 'service_provider_name', kind: 'text' },
  { name: 'ServiceSubcategory', column: 'service_subcategory', kind: 'text' },
  { name: 'SkuId', column: 'sku_id', kind: 'text' },
  { name: 'SkuMeter', column: 'sku_meter', kind: 'text' },
  { name: 'SkuPriceDetails', column: 'sku_price_details', kind: 'json' },
  { name: 'SkuPriceId', column: 'sku_price_id', kind: 'text' },
  { name: 'SubAccountId', column: 'sub_account_id', kind: 'text' },
  { name: 'SubAccountName', column: 'sub_account_name', kind: 'text' },
  { name: 'SubAccountType', column: 'sub_account_type', kind: 'text' },
  { name: 'Tags', column: 'tags', kind: 'json' },
];

/** Names used by FOCUS 0.5 for columns that 1.0 names otherwise. */
export const FOCUS_ALIASES: Readonly<Record<string, string>> = {
  invoiceissuer: 'InvoiceIssuerName',
  provider: 'ProviderName',
  publisher: 'PublisherName',
};

/**
 * FOCUS 1.3 deprecates a column in favour of a new one and files carry both: where the new one is
 * present, Penny reads the old column's meaning from it (and stores it under its own name too).
 */
export const FOCUS_SUCCESSORS: Readonly<Record<string, string>> = {
  ProviderName: 'ServiceProviderName',
};

/** Canonical spellings of enumerated values, so `Usage-based` and `Usage-Based` are one value. */
export const FOCUS_ENUMS: Readonly<Record<string, readonly string[]>> = {
  ChargeCategory: ['Usage', 'Purchase', 'Tax', 'Credit', 'Adjustment'],
  ChargeClass: ['Correction'],
  ChargeFrequency: ['One-Time', 'Recurring', 'Usage-Based'],
  PricingCategory: ['Standard', 'Dynamic', 'Committed', 'Other'],
  CommitmentDiscountCategory: ['Spend', 'Usage'],
  CommitmentDiscountStatus: ['Used', 'Unused'],
  CapacityReservationStatus: ['Used', 'Unused'],
  ServiceCategory: [
    'AI and Machine Learning',
    'Analytics',
    'Business Applications',
    'Compute',
    'Databases',
    'Developer Tools',
    'Multicloud',
    'Identity',
    'Integration',
    'Internet of Things',
    'Management and Governance',
    'Media',
    'Migration',
    'Mobile',
    'Networking',
    'Security',
    'Storage',
    'Web',
    'Other',
  ],
};

/** Header names compare case-insensitively and without separators: `billed_cost` = `BilledCost`. */
export function normaliseHeaderName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

const byNormalisedName = new Map<string, FocusColumn>(FOCUS_COLUMNS.map((c) => [normaliseHeaderName(c.name), c]));

export function focusColumnFor(header: string): FocusColumn | undefined {
  const key = normaliseHeaderName(header);
  const alias = FOCUS_ALIASES[key];
  return byNormalisedName.get(alias ? normaliseHeaderName(alias) : key);
}
