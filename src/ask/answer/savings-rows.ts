/**
 * Savings against list price as rows: per group ("savings against list price by provider") and per
 * currency. List and effective cost come from two runs of one query; each row's savings is its list
 * minus its effective cost, matched on the row's groups and currency, so amounts in different
 * currencies are never added. Rows are ranked by savings within each currency, the data's main currency
 * first, and cut to the query's limit.
 */
import type { CostQuery } from '../../costs/query.ts';
import type { CostResult, CostRow } from '../../costs/run.ts';
import { dimensionName, formatValue, rangeText, scopeText } from './format.ts';

/** The rows' own column holding each row's figure. */
export const SAVINGS_COLUMN = 'savings';

/** How many rows the sentence names before "and N more". */
const NAMED_ROWS = 5;

const num = (v: unknown) => (typeof v === 'number' ? v : 0);

/** A row's groups and currency, as one key: the same group in two currencies is two rows. */
function keyOf(row: CostRow, groupBy: readonly string[]): string {
  return JSON.stringify([...groupBy.map((d) => row[d] ?? null), row.currency ?? null]);
}

export interface SavingsRows {
  text: string;
  rows: CostRow[];
}

/** `list` and `effective`: the same query (no limit) run for list_cost and for effective_cost. */
export function savingsRows(list: CostResult, effective: CostResult, query: CostQuery, period: string): SavingsRows {
  const groupBy = query.groupBy;
  const eff = new Map(effective.rows.map((r) => [keyOf(r, groupBy), num(r.effective_cost)]));
  const seen = new Set<string>();
  const rows: CostRow[] = [];
  const add = (r: CostRow, key: string, listCost: number) => {
    seen.add(key);
    const effectiveCost = eff.get(key) ?? 0;
    const labels = Object.fromEntries(Object.entries(r).filter(([k]) => k !== 'list_cost' && k !== 'effective_cost'));
    rows.push({ ...labels, list_cost: listCost, effective_cost: effectiveCost, [SAVINGS_COLUMN]: listCost - effectiveCost });
  };
  for (const r of list.rows) add(r, keyOf(r, groupBy), num(r.list_cost));
  // A group with effective cost and no list cost still has a row: its savings are negative.
  for (const r of effective.rows) if (!seen.has(keyOf(r, groupBy))) add(r, keyOf(r, groupBy), 0);
  // The data's main currency first (the run's order), then by savings as the question ranks them.
  const sign = query.orderBy.direction === 'asc' ? -1 : 1;
  const at = (r: CostRow) => list.currencies.indexOf(String(r.currency ?? ''));
  rows.sort((a, b) => at(a) - at(b) || sign * (num(b[SAVINGS_COLUMN]) - num(a[SAVINGS_COLUMN])));
  const kept = query.limit ? rows.slice(0, query.limit) : rows;
  const by = groupBy.length ? ` by ${groupBy.map(dimensionName).join(' and ')}` : '';
  // The planner's words for the period with its dates in brackets; the dates alone when there are none (the agent's).
  const when = period ? `${period} (${rangeText(list.range)})` : rangeText(list.range);
  const label = (r: CostRow) => [...groupBy.map((d) => String(r[d] ?? `(no ${dimensionName(d)})`))].join(' / ');
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
