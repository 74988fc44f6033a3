/** The daily rollup's key columns (besides day and dataset), in the order its statements list them. */
import { ROLLUP_DIMENSION_OF } from '../schema/dimensions.ts';

export const ROLLUP_KEY_COLUMNS: readonly string[] = [...ROLLUP_DIMENSION_OF.keys(), 'charge_kind', 'currency'];
