/**
 * What the prompt cache saved: each model's cached input tokens priced as ordinary input, less the
 * same tokens priced as cache reads, at the model's list prices in force on the period's first day
 * (src/prices, the pricing Penny prices calls with). Tokens are priced as an average call of the
 * model (cached tokens over its calls), so a price tier for long prompts applies as it would to
 * that call; a model the price list doesn't know is named and left out, never guessed.
 */
import type pg from 'pg';
import type { CostQuery } from '../../costs/query.ts';
import { runCostQuery, type CostRow, type Viewer } from '../../costs/run.ts';
import { priceCall } from '../../prices/price-call.ts';
import { formatValue, scopeText } from './format.ts';
import type { DerivedAnswer } from './derived.ts';
import { when as periodWhen } from './summary.ts';

const num = (row: CostRow | undefined, key: string) => (typeof row?.[key] === 'number' ? (row[key] as number) : 0);

/** USD for one call reading `cached` input tokens, from the cache or not; undefined when the model is not priced. */
function callPrice(model: string, provider: string | null, cached: number, fromCache: boolean, at: Date): number | undefined {
  const r = priceCall({ model, provider, timestamp: at, inputTokens: cached, outputTokens: 0, cacheReadTokens: fromCache ? cached : 0 });
  return r.status === 'priced' ? Number(r.cost) : undefined;
}

export async function answerCacheSavings(pool: pg.Pool, query: CostQuery, period: string, options: { viewer: Viewer; asOf: string; timeoutMs?: number }): Promise<DerivedAnswer> {
  const run = (metric: CostQuery['metric']) =>
    runCostQuery(
      pool,
      { ...query, dataset: 'ai', metric, groupBy: ['provider', 'model'], orderBy: { by: 'metric', direction: 'desc' } },
      { viewer: options.viewer, asOf: options.asOf, timeoutMs: options.timeoutMs },
    );
  const [cached, calls] = await Promise.all([run('cached_tokens'), run('requests')]);
  const at = new Date(`${cached.range.from}T00:00:00Z`);
  const rows: DerivedAnswer['rows'] = [];
  const unpriced: string[] = [];
  let saved = 0;
  let tokens = 0;
  for (const r of cached.rows) {
    const c = num(r, 'cached_tokens');
    if (c === 0) continue;
    const model = String(r.model);
    const n = num(
      calls.rows.find((x) => x.model === r.model && x.provider === r.provider),
      'requests',
    );
    const perCall = c / Math.max(n, 1);
    const provider = r.provider === null ? null : String(r.provider);
    const full = callPrice(model, provider, perCall, false, at);
    const read = callPrice(model, provider, perCall, true, at);
    if (full === undefined || read === undefined) {
      unpriced.push(model);
      continue;
    }
    const s = (full - read) * Math.max(n, 1);
    saved += s;
    tokens += c;
    rows.push({ provider, model, cached_tokens: c, calls: n, cache_savings: s });
  }
  const scope = scopeText(cached.query);
  const when = periodWhen(cached, period);
  const left = unpriced.length > 0 ? ` Not counted: ${unpriced.join(', ')}, which the price list doesn't know.` : '';
  return {
    text: `Saved by the prompt cache${scope}, ${when}: ${formatValue(saved, 'USD')} on ${formatValue(tokens, 'tokens')} read from the cache, against the same tokens at each model's input price.${left}`,
    value: saved,
    unit: 'USD',
    rows,
    result: cached,
  };
}
