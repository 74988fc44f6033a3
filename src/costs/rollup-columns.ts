/** The daily rollup's key columns (besides day and dataset), in the order its statements list them. */
import { ROLLUP_DIMENSION_OF } from '../schema/dimensions.ts';

/**
 * The dataset is the rollup's key beside the day, written first; it is not one of these. The
 * billing period (a cloud row's UTC date of BillingPeriodStart) lets invoice questions read it.
 */
export const ROLLUP_KEY_COLUMNS: readonly string[] = [...ROLLUP_DIMENSION_OF.keys()].filter((c) => c !== 'dataset').concat('charge_kind', 'currency', 'billing_period');
