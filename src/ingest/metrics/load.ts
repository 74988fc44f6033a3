/**
 * Loads resource utilisation — JSONL `{"resource_id", "timestamp", "metric": "cpu"|"gpu"|"memory",
 * "value"}`, value in percent (0–100), daily or finer — into `resource_utilisation`, for the scans
 * that look for idle resources. Other string fields are kept as tags. A sample already stored for
 * the same (resource, metric, time) is a duplicate.
 */
import type pg from 'pg';
import { z } from 'zod';
import { copyText } from '../copy-text.ts';
import { firstIssue, isObject, requiredInstant, requiredText } from '../json-fields.ts';
import { loadJsonFile, type JsonFileResult, type JsonKind, type JsonLoadOptions, type RecordSink } from '../json-load.ts';
import { isDecimal, toJsonb } from '../values.ts';

const METRICS = ['cpu', 'gpu', 'memory'] as const;

const metric = z
  .unknown()
  .optional()
  .transform((v, ctx) => {
    const m = typeof v === 'string' ? v.trim().toLowerCase() : undefined;
    if ((METRICS as readonly (string | undefined)[]).includes(m)) return m as (typeof METRICS)[number];
    ctx.addIssue({ code: 'custom', message: v === undefined || v === null || v === '' ? 'missing' : `expected one of ${METRICS.join(', ')}, got ${JSON.stringify(v)}` });
    return z.NEVER;
  });

/** A percentage as decimal text; 0.5 means half a percent, not half. */
const percent = z
  .unknown()
  .optional()
  .transform((v, ctx) => {
    const n = typeof v === 'number' ? v : typeof v === 'string' && isDecimal(v.trim()) ? Number(v) : NaN;
    if (Number.isFinite(n) && n >= 0 && n <= 100) return typeof v === 'string' ? v.trim() : String(n);
    ctx.addIssue({ code: 'custom', message: v === undefined || v === null || v === '' ? 'missing' : `expected a percentage from 0 to 100, got ${JSON.stringify(v)}` });
    return z.NEVER;
  });

const Sample = z.object({ resource_id: requiredText, timestamp: requiredInstant, metric, value: percent });
const CONSUMED = new Set(Object.keys(Sample.shape));

class MetricsKind implements JsonKind {
  readonly kind = 'metrics';
  readonly stageColumns = 'resource_id text not null, metric text not null, ts timestamptz not null, value numeric not null, tags jsonb not null';
  readonly partitioned = 'resource_utilisation';

  convert(value: unknown, sink: RecordSink): void {
    if (!isObject(value)) return sink.reject(null, 'not a JSON object', value);
    const parsed = Sample.safeParse(value);
    if (!parsed.success) {
      const issue = firstIssue(parsed.error);
      return sink.reject(issue.field, issue.reason, value);
    }
    const s = parsed.data;
    const tags: Record<string, string> = {};
    for (const [k, v] of Object.entries(value)) if (typeof v === 'string' && v !== '' && !CONSUMED.has(k)) tags[k] = v;
    sink.row([copyText(s.resource_id), s.metric, s.timestamp.iso, s.value, copyText(toJsonb(tags))].join('\t'), s.timestamp.month);
  }

  async store(client: pg.PoolClient, loadId: string): Promise<number> {
    // Counted from RETURNING: for INSERT ... SELECT ... ON CONFLICT, Citus reports the rows it
    // sent to the shards, not the rows stored.
    const { rows } = await client.query<{ n: number }>(
      `with stored as (
         insert into resource_utilisation (load_id, resource_id, metric, ts, value, tags)
         select $1, resource_id, metric, ts, value, tags from stage order by seq
         on conflict do nothing
         returning 1)
       select count(*)::int as n from stored`,
      [loadId],
    );
    return rows[0]!.n;
  }
}

export async function loadMetricsFile(pool: pg.Pool, file: string, options: JsonLoadOptions = {}): Promise<JsonFileResult> {
  return loadJsonFile(pool, file, new MetricsKind(), options);
}
