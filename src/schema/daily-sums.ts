/**
 * The daily sums a FOCUS load computes while parsing (src/ingest/focus/daily-sums.ts) and the
 * rollup refresh adds (src/costs/rollup-merge.ts): their COPY columns, and the charge kind's
 * inputs (the cost_lines columns CLOUD_CHARGE_KIND_SQL reads), which both sides key sums by.
 */
export const CHARGE_KIND_INPUTS = ['charge_class', 'charge_category', 'commitment_discount_status', 'publisher_name', 'service_provider_name', 'host_provider_name', 'provider_name'] as const;

/** The rollup's cloud columns a sum is keyed by besides day and charge kind, as cost_lines names them. */
export const DAILY_SUM_KEY_COLUMNS = ['provider_name', 'service_name', 'sub_account_id', 'region_id', 'billing_currency'] as const;

/**
 * The columns of the sums' COPY text: `day` and `billing_period` are the UTC dates of the rows'
 * ChargePeriodStart and BillingPeriodStart; `kind_ref` is the `ref` of a line of the load's charge
 * kind inputs.
 */
export const DAILY_SUM_COLUMNS = [
  'load_id',
  'day',
  'billing_period',
  'kind_ref',
  ...DAILY_SUM_KEY_COLUMNS,
  'team',
  'feature',
  'customer',
  'environment',
  'cost_center',
  'billed_cost',
  'effective_cost',
  'list_cost',
  'last_at',
] as const;
export const CHARGE_KIND_INPUT_COLUMNS = ['load_id', 'ref', ...CHARGE_KIND_INPUTS] as const;

/** A load's sums and the charge kind inputs they refer to, as COPY text (UTF-8) of the columns above. */
export interface DailySumsText {
  sums: Uint8Array;
  kindInputs: Uint8Array;
}
