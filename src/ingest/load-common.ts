/**
 * What every file loader shares: the file-level failure written for people, the sha256 of a file,
 * the `failed` row in ingest_loads, and the COPY of buffered rejects into ingest_rejects.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { COPY_NULL, copyText } from './copy-text.ts';
import { toJsonb } from './values.ts';

export type LoadKind = 'focus' | 'usage' | 'tasks' | 'metrics';

/** A reason the whole file is refused, already phrased for the one line the user sees. */
export class FileFailure extends Error {
  override name = 'FileFailure';
}

export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file, { highWaterMark: 1 << 20 }), hash);
  return hash.digest('hex');
}

/** Turns low-level read errors (zlib's above all) into words. */
export function describeError(err: unknown): string {
  const e = err as NodeJS.ErrnoException & { code?: string };
  if (e?.code === 'Z_BUF_ERROR' || /unexpected end of file/i.test(e?.message ?? '')) return 'truncated or corrupt gzip data';
  if (e?.code === 'Z_DATA_ERROR') return `corrupt gzip data (${e.message})`;
  return e?.message ?? String(err);
}

/** Records a file that failed, so the load history shows it; never throws. */
export async function recordFailedLoad(pool: pg.Pool, load: { kind: LoadKind; file: string; sha256?: string; bytes?: number; error: string }): Promise<void> {
  await pool
    .query(`insert into ingest_loads (kind, file_path, sha256, bytes, status, error, finished_at) values ($1, $2, $3, $4, 'failed', $5, now())`, [
      load.kind,
      load.file,
      load.sha256 ?? null,
      load.bytes ?? null,
      load.error,
    ])
    .catch(() => undefined);
}

/** One ingest_rejects row as a COPY text line; `record` is any JSON value (kept as jsonb). */
export function rejectLine(loadId: string, file: string, line: number, column: string | null, reason: string, record: unknown): string {
  return [loadId, copyText(file), String(line), column === null ? COPY_NULL : copyText(column), copyText(reason), copyText(toJsonb(record))].join('\t');
}

/** COPYs reject lines (see rejectLine) into ingest_rejects on the load's connection. */
export async function copyRejects(client: pg.PoolClient, rejects: string[]): Promise<void> {
  if (rejects.length === 0) return;
  const copy = client.query(copyFrom('copy ingest_rejects (load_id, file_path, line, column_name, reason, record) from stdin'));
  await pipeline(async function* () {
    for (let i = 0; i < rejects.length; i += 1000) yield rejects.slice(i, i + 1000).join('\n') + '\n';
  }, copy);
}

/**
 * Why a file stored nothing, in one line: no record at all, or every record rejected with the
 * first reject's line, field and reason, and where to see the rest.
 */
export async function noRowsReason(client: pg.PoolClient, loadId: string, records: number, noun: string): Promise<string> {
  if (records === 0) return `no ${noun} in the file`;
  const { rows } = await client.query<{ line: string; column_name: string | null; reason: string }>('select line, column_name, reason from ingest_rejects where load_id = $1 order by line limit 1', [
    loadId,
  ]);
  const first = rows[0];
  const where = first ? `; the first, line ${first.line}${first.column_name ? `, ${first.column_name}` : ''}: ${first.reason}` : '';
  return `every one of its ${records} ${noun} was rejected${where} (all of them: penny ingest rejects --load ${loadId})`;
}
