/**
 * The last 30 days of real LLM usage per feature and model, the basis of every "history" estimate.
 * "Last 30 days" ends the day before asOf (docs/design.md), so `--as-of` replays a past review exactly.
 * One grouped, parameterised query in a read-only transaction with a statement timeout.
 */
import type pg from 'pg';
import { readOnly } from '../costs/run.ts';
import { resolveTime } from '../costs/time.ts';

export const HISTORY_DAYS = 30;

export interface ModelUsage {
  provider: string | null;
  model: string;
  calls: number;
  inputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  outputTokens: number;
}

export interface UsageHistory {
  from: string;
  /** Exclusive. */
  to: string;
  /** Feature tag → its calls per model in the window, most calls first. */
  features: Map<string, ModelUsage[]>;
}

export async function loadHistory(pool: pg.Pool, asOf: string, timeoutMs: number): Promise<UsageHistory> {
  const { from, to } = resolveTime({ last_n_days: HISTORY_DAYS }, asOf);
  const rows = await readOnly(
    pool,
    timeoutMs,
    async (client) =>
      (
        await client.query<{ feature: string; provider: string | null; model: string; calls: string; input: string; cache_read: string; cache_write: string; output: string }>(
          `select feature, provider, coalesce(model, response_model) as model, sum(requests) as calls,
                sum(input_tokens) as input, sum(cache_read_tokens) as cache_read,
                sum(cache_write_tokens) as cache_write, sum(output_tokens) as output
           from llm_usage
          where ts >= $1::date and ts < $2::date and feature is not null and coalesce(model, response_model) is not null
          group by 1, 2, 3
         having sum(requests) > 0
          order by 1, 4 desc`,
          [from, to],
        )
      ).rows,
  );
  const features = new Map<string, ModelUsage[]>();
  for (const r of rows) {
    const list = features.get(r.feature) ?? [];
    list.push({
      provider: r.provider,
      model: r.model,
      calls: Number(r.calls),
      inputTokens: Number(r.input),
      cacheReadTokens: Number(r.cache_read),
      cacheWriteTokens: Number(r.cache_write),
      outputTokens: Number(r.output),
    });
    features.set(r.feature, list);
  }
  return { from, to, features };
}

export function emptyHistory(asOf: string): UsageHistory {
  const { from, to } = resolveTime({ last_n_days: HISTORY_DAYS }, asOf);
  return { from, to, features: new Map() };
}
