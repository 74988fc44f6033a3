/**
 * The cache hit rate per group ("cache hit rate by model", "which feature hits the cache least"):
 * cached input tokens over all input tokens, from two runs of one query matched on the row's
 * groups (paired-runs.ts). A group with no input tokens has no rate (n/a), not 0 %. Rows are ranked by rate, the
 * question's direction kept, and cut to the query's limit.
 */
import type { CostQuery } from '../../costs/query.ts';
import type { CostResult, CostRow } from '../../costs/run.ts';
import { dimensionName, formatValue, rangeText, scopeText } from './format.ts';
import { pairedRows } from './paired-runs.ts';

export const CACHE_RATE_COLUMN = 'cache_hit_rate';
const NAMED_ROWS = 5;

const num = (v: unknown) => (typeof v === 'number' ? v : 0);

/** `cached` and `input`: the same query (no limit) run for cached_tokens and for input_tokens. */
export function cacheRateRows(cached: CostResult, input: CostResult, query: CostQuery, period: string): { text: string; rows: CostRow[] } {
  const groupBy = query.groupBy;
  const rows = pairedRows(input, cached, groupBy, false).map((r): CostRow => {
    const { input_tokens: input, cached_tokens: cached, ...labels } = r;
    const [inputTokens, cachedTokens] = [num(input), num(cached)];
    return { ...labels, cached_tokens: cachedTokens, input_tokens: inputTokens, [CACHE_RATE_COLUMN]: inputTokens > 0 ? (cachedTokens / inputTokens) * 100 : null };
  });
  const sign = query.orderBy.direction === 'asc' ? -1 : 1;
  // Groups with no rate last, whichever way the rest are ranked.
  const rate = (r: CostRow) => (typeof r[CACHE_RATE_COLUMN] === 'number' ? (r[CACHE_RATE_COLUMN] as number) : null);
  rows.sort((a, b) => (rate(a) === null ? 1 : 0) - (rate(b) === null ? 1 : 0) || sign * ((rate(b) ?? 0) - (rate(a) ?? 0)));
  const kept = query.limit ? rows.slice(0, query.limit) : rows;
  const when = period ? `${period} (${rangeText(input.range)})` : rangeText(input.range);
  const label = (r: CostRow) => groupBy.map((d) => (r[d] === null || r[d] === undefined ? `(no ${dimensionName(d)})` : String(r[d]))).join(' / ');
  const said = kept.slice(0, NAMED_ROWS).map((r) => {
    const x = rate(r);
    return `${label(r)} ${x === null ? 'n/a' : `${x.toFixed(1)}%`} (${formatValue(num(r.cached_tokens), 'tokens')} of ${formatValue(num(r.input_tokens), 'tokens')})`;
  });
  const more = kept.length > NAMED_ROWS ? `, and ${kept.length - NAMED_ROWS} more` : '';
  const by = ` by ${groupBy.map(dimensionName).join(' and ')}`;
  return { text: `Cache hit rate${scopeText(query)}${by}, ${when}: ${said.join(', ')}${more} of input tokens read from the prompt cache.`, rows: kept };
}
