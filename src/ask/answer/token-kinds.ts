/**
 * Input beside output tokens ("input vs output tokens by model", "input and output tokens side by
 * side"): two runs of one query (paired-runs.ts), a column each, in total or per group, ranked by
 * all tokens of both kinds and cut to the query's limit.
 */
import type { CostQuery } from '../../costs/query.ts';
import type { CostResult, CostRow } from '../../costs/run.ts';
import { dimensionName, rangeText, scopeText } from './format.ts';
import { pairedRows } from './paired-runs.ts';

const NAMED_ROWS = 5;
const num = (v: unknown) => (typeof v === 'number' ? v : 0);
const count = (n: number) => Math.round(n).toLocaleString('en-US');
const both = (input: number, output: number) => `${count(input)} input and ${count(output)} output tokens`;

/** `input` and `output`: the same query (no limit) run for input_tokens and for output_tokens. */
export function tokenKinds(input: CostResult, output: CostResult, query: CostQuery, period: string): { text: string; rows: CostRow[] } {
  const groupBy = query.groupBy;
  const rows = pairedRows(input, output, groupBy, false);
  const sign = query.orderBy.direction === 'asc' ? -1 : 1;
  const all = (r: CostRow) => num(r.input_tokens) + num(r.output_tokens);
  rows.sort((a, b) => sign * (all(b) - all(a)));
  const kept = query.limit ? rows.slice(0, query.limit) : rows;
  const when = period ? `${period} (${rangeText(input.range)})` : rangeText(input.range);
  const head = `Input and output tokens${scopeText(query)}${groupBy.length ? ` by ${groupBy.map(dimensionName).join(' and ')}` : ''}, ${when}`;
  if (groupBy.length === 0) return { text: `${head}: ${both(num(kept[0]?.input_tokens), num(kept[0]?.output_tokens))}.`, rows: kept };
  const label = (r: CostRow) => groupBy.map((d) => (r[d] === null || r[d] === undefined ? `(no ${dimensionName(d)})` : String(r[d]))).join(' / ');
  const said = kept.slice(0, NAMED_ROWS).map((r) => `${label(r)} ${both(num(r.input_tokens), num(r.output_tokens))}`);
  const more = kept.length > NAMED_ROWS ? `, and ${kept.length - NAMED_ROWS} more` : '';
  return { text: `${head}: ${said.join('; ')}${more}.`, rows: kept };
}
