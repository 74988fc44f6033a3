/**
 * Names of different kinds listed together ("NAT gateways and VPC"): the query was grouped by each
 * kind named (src/ask/planner/lists.ts). Each name's row sums the groups it matches, and the total
 * sums the groups any name matches, so spend two names share (NAT gateways are billed under VPC)
 * is counted once and the answer says so.
 */
import type { CostResult } from '../../costs/run.ts';
import type { ListItem } from '../planner/lists.ts';
import { formatValue, metricName, scopeText } from './format.ts';
import { capital, when, type Summary } from './summary.ts';

export interface MixedList extends Summary {
  rows: Array<Record<string, string | number>>;
  /** The groups some name matched: what the table and chart show, not every group of the query. */
  matched: CostResult['rows'];
}

/** The list's rows and total from the grouped result; a refusal's text when the rows can't give them. */
export function mixedList(result: CostResult, items: readonly ListItem[], period: string): MixedList | { refusal: string } {
  if (result.truncated) return { refusal: 'Those names together cover more groups than I can add up in one answer; ask about each on its own.' };
  if (result.currencies.length > 1) return { refusal: 'That spend is in several currencies, which I do not add up; ask about each name on its own.' };
  const m = result.metric;
  const amount = (row: CostResult['rows'][number]) => (typeof row[m] === 'number' ? (row[m] as number) : 0);
  const matches = (row: CostResult['rows'][number], item: ListItem) => item.values.includes(String(row[item.dimension]));
  const each = items.map((item) => ({ item, v: result.rows.filter((r) => matches(r, item)).reduce((s, r) => s + amount(r), 0) }));
  const matched = result.rows.filter((r) => items.some((i) => matches(r, i)));
  const total = matched.reduce((s, r) => s + amount(r), 0);
  const shared = each.reduce((s, e) => s + e.v, 0) - total > 0.005;
  const parts = each.map((e) => `${e.item.label} ${formatValue(e.v, result.unit)}`).join(', ');
  const note = shared ? ' (they overlap: spend under more than one is counted once in the total)' : '';
  return {
    text: `${capital(metricName(m))}${scopeText(result.query)}, ${when(result, period)}: ${formatValue(total, result.unit)} in all; ${parts}${note}.`,
    value: total,
    matched,
    rows: each.map((e) => ({ item: e.item.label, [m]: e.v, ...(result.currencies[0] ? { currency: result.currencies[0] } : {}) })),
  };
}
