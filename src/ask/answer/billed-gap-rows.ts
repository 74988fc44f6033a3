/**
 * Billed against effective cost over data in more than one currency: a row per currency, each
 * with its billed cost, effective cost and the gap between them, never one sum across currencies.
 * "how far apart are billed and effective cost in total" over USD and EUR rows is each currency's gap.
 */
import type { CostResult, CostRow } from '../../costs/run.ts';
import { formatValue } from './format.ts';

/** The rows' own column holding each row's figure. */
export const BILLED_GAP_COLUMN = 'billed_minus_effective';

const num = (v: unknown) => (typeof v === 'number' ? v : 0);

/** `billed` and `effective`: the same ungrouped query run for billed_cost and for effective_cost; `head`: the sentence's opening. */
export function billedGapRows(billed: CostResult, effective: CostResult, head: string): { text: string; rows: CostRow[] } {
  const eff = new Map(effective.rows.map((r) => [String(r.currency), num(r.effective_cost)]));
  const currencies = [...billed.currencies, ...effective.currencies.filter((c) => !billed.currencies.includes(c))];
  const rows = currencies.map((currency) => {
    const b = num(billed.rows.find((r) => r.currency === currency)?.billed_cost);
    const e = eff.get(currency) ?? 0;
    return { currency, billed_cost: b, effective_cost: e, [BILLED_GAP_COLUMN]: b - e };
  });
  const said = rows.map((r) => `${formatValue(r[BILLED_GAP_COLUMN], r.currency)} (billed ${formatValue(r.billed_cost, r.currency)}, effective ${formatValue(r.effective_cost, r.currency)})`);
  return { text: `${head}, each currency on its own (amounts in different currencies are not added): ${said.join('; ')}.`, rows };
}
