/**
 * Savings against list price as rows: per group ("savings against list price by provider") and per
 * currency. List and effective cost come from two runs of one query (paired-runs.ts); each row's
 * savings is its list minus its effective cost, matched on the row's groups and currency, so amounts
 * in different currencies are never added. Rows are ranked by savings within each currency, the
 * data's main currency first, and cut to the query's limit.
 */
import type { CostQuery } from '../../costs/query.ts';
import type { CostResult, CostRow } from '../../costs/run.ts';
import { idWithName } from './account-names.ts';
import { pairedRows } from './paired-runs.ts';
import { dimensionName, formatValue, rangeText, scopeText } from './format.ts';

/** The rows' own column holding each row's figure. */
export const SAVINGS_COLUMN = 'savings';

/** How many rows the sentence names before "and N more". */
const NAMED_ROWS = 5;

const num = (v: unknown) => (typeof v === 'number' ? v : 0);

export interface SavingsRows {
  text: string;
  rows: CostRow[];
}

/** `list` and `effective`: the same query (no limit) run for list_cost and for effective_cost. */
export function savingsRows(list: CostResult, effective: CostResult, query: CostQuery, period: string): SavingsRows {
  const groupBy = query.groupBy;
  const rows = pairedRows(list, effective, groupBy, true).map((r): CostRow => ({ ...r, [SAVINGS_COLUMN]: num(r.list_cost) - num(r.effective_cost) }));
  // The data's main currency first (the run's order), then by savings as the question ranks them.
  const sign = query.orderBy.direction === 'asc' ? -1 : 1;
  const at = (r: CostRow) => list.currencies.indexOf(String(r.currency ?? ''));
  rows.sort((a, b) => at(a) - at(b) || sign * (num(b[SAVINGS_COLUMN]) - num(a[SAVINGS_COLUMN])));
  const kept = query.limit ? rows.slice(0, query.limit) : rows;
  const by = groupBy.length ? ` by ${groupBy.map(dimensionName).join(' and ')}` : '';
  // The planner's words for the period with its dates in brackets; the dates alone when there are none (the agent's).
  const when = period ? `${period} (${rangeText(list.range)})` : rangeText(list.range);
  const label = (r: CostRow) => groupBy.map((d) => (r[d] === null || r[d] === undefined ? `(no ${dimensionName(d)})` : idWithName(r, d))).join(' / ');
  const said = kept.slice(0, NAMED_ROWS).map((r) => {
    const unit = typeof r.currency === 'string' ? r.currency : list.unit;
    const listCost = num(r.list_cost);
    const below = listCost !== 0 ? ` (${((num(r[SAVINGS_COLUMN]) / listCost) * 100).toFixed(1)}% below list)` : '';
    return `${groupBy.length ? `${label(r)} ` : ''}${formatValue(num(r[SAVINGS_COLUMN]), unit)}${below}`;
  });
  const more = kept.length > NAMED_ROWS ? `, and ${kept.length - NAMED_ROWS} more` : '';
  const currencies = new Set(kept.map((r) => r.currency));
  const perCurrency = currencies.size > 1 ? ' (each row in its own currency; amounts in different currencies are not added)' : '';
  return { text: `Savings against list price${scopeText(query)}${by}, ${when}${perCurrency}: ${said.join(', ')}${more}.`, rows: kept };
}
