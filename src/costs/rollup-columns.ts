/** The daily rollup's key columns (besides day and dataset), in the order its statements list them. */
export const ROLLUP_KEY_COLUMNS = ['provider', 'service', 'sub_account', 'region', 'team', 'feature', 'model', 'customer', 'environment', 'cost_center', 'charge_kind', 'currency'] as const;
