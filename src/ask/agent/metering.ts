/**
 * Penny meters itself: each of its own model calls is stored as AI usage (feature `penny`), priced
 * like any other call, so "what does Penny cost us?" is an ordinary question. One ingest load per
 * day holds the day's calls; the day's rollup is refreshed after, when the rollup was fresh.
 */
import type pg from 'pg';
import { LOADS_SIGNATURE_SQL, refreshRollups } from '../../costs/rollups.ts';
import { priceCall } from '../../prices/price-call.ts';
import { logger } from '../../log/logger.ts';
import { addDays, isoDay } from '../../schema/days.ts';

export interface OwnCall {
  id: string;
  model: string;
  responseModel: string | null;
  at: Date;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  threadId: string | null;
}

const LOAD_SQL = `with existing as (select id from ingest_loads where kind = 'usage' and sha256 = $1),
  made as (insert into ingest_loads (kind, file_path, sha256, status) select 'usage', $2, $1, 'loaded' where not exists (select 1 from existing) returning id)
  select id from existing union all select id from made`;

export async function meterCall(pool: pg.Pool, call: OwnCall): Promise<void> {
  const day = isoDay(call.at);
  const price = priceCall({ provider: 'openai', model: call.model, timestamp: call.at, inputTokens: call.inputTokens, outputTokens: call.outputTokens, cacheReadTokens: call.cacheReadTokens });
  await pool.query(`select ensure_month_partition('llm_usage', 'ts', $1)`, [call.at]);
  const client = await pool.connect();
  let refresh = false;
  try {
    await client.query('begin');
    // Serialises the day's load row and keeps the rollup check and the insert in one step.
    await client.query("select pg_advisory_xact_lock(hashtext('penny:meter'))");
    const fresh = await client.query<{ fresh: boolean }>(`select coalesce((select loads_signature from cost_rollup_state) = ${LOADS_SIGNATURE_SQL}, false) as fresh`);
    const { rows } = await client.query<{ id: string }>(LOAD_SQL, [`penny-self:${day}`, `penny://self/${day}`]);
    const loadId = rows[0]!.id;
    const inserted = await client.query('insert into llm_usage_ids (event_id, ts) values ($1, $2) on conflict do nothing', [call.id, call.at]);
    if (inserted.rowCount === 1) {
      await client.query(
        // A call metered here returned its usage: Penny knows it succeeded.
        `insert into llm_usage (load_id, event_id, ts, source_format, provider, model, response_model, operation, input_tokens, output_tokens, cache_read_tokens, cost, cost_source, feature, session_id, status)
         values ($1, $2, $3, 'otel', 'openai', $4, $5, 'chat', $6, $7, $8, $9, $10, 'penny', $11, 'ok')`,
        [
          loadId,
          call.id,
          call.at,
          call.model,
          call.responseModel,
          call.inputTokens,
          call.outputTokens,
          call.cacheReadTokens,
          price.status === 'priced' ? price.cost : null,
          price.status,
          call.threadId,
        ],
      );
      await client.query('update ingest_loads set rows = rows + 1, finished_at = now() where id = $1', [loadId]);
    }
    await client.query('commit');
    refresh = fresh.rows[0]!.fresh;
  } catch (err) {
    await client.query('rollback').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
  if (refresh) {
    const next = addDays(day, 1);
    await refreshRollups(pool, { from: day, to: next }).catch((err) => logger.warn({ err }, 'rollup refresh after metering failed'));
  }
}
