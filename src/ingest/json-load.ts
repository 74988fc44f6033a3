/**
 * Loads one JSON/JSONL file of records (LLM usage, task outcomes, utilisation) in one transaction,
 * the way FOCUS files load: records are COPYed, a chunk at a time, into a temporary staging table,
 * bad ones go to ingest_rejects with their line, field and reason, and the kind's `store` moves
 * each staged chunk into place, skipping the records already stored (duplicates). Any file-level
 * failure rolls everything back and leaves a 'failed' row in ingest_loads, so a file is wholly
 * visible or not at all.
 *
 * Per file: rows + rejected + duplicates = lines, where `lines` counts records: a JSONL file's
 * non-empty lines (or each element of a line holding an array, each LLM span of an OTLP line), a
 * JSON document's records. In a document, `line` in ingest_rejects is the record's position.
 */
import fs from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { openJson, type JsonSource } from './json-source.ts';
import { copyRejects, describeError, FileFailure, noRowsReason, recordFailedLoad, rejectLine } from './load-common.ts';

/** Past this many bad records the file is almost surely not of this kind; fail it instead. */
export const MAX_REJECTS = 100_000;
/** Records staged and stored at a time: big enough to amortise the per-chunk statements. */
export const CHUNK_RECORDS = 50_000;

export interface RecordSink {
  /** Stages one record: its COPY text fields after `seq`, and the month partition it falls in. */
  row(copyText: string, month: string): void;
  reject(field: string | null, reason: string, record: unknown): void;
}

export interface JsonKind {
  kind: 'usage' | 'tasks' | 'metrics';
  /** Column definitions of the staging table after `seq bigint` (the record's position), in COPY order. */
  stageColumns: string;
  /** Month-partitioned target table (partition key `ts`), whose months are made before `store`. */
  partitioned?: string;
  /** Turns one JSON value into records, each staged or rejected through the sink. */
  convert(value: unknown, sink: RecordSink): void;
  /**
   * Moves the staged rows (temp table `stage`, one chunk of the file at a time; `seq` orders them
   * as in the file) into place, skipping those already stored; returns how many it stored.
   */
  store(client: pg.PoolClient, loadId: string): Promise<number>;
}

export interface JsonFileResult {
  file: string;
  status: 'loaded' | 'failed';
  format?: JsonSource['format'];
  lines: number;
  rows: number;
  rejected: number;
  duplicates: number;
  loadId?: number;
  error?: string;
}

export interface JsonLoadOptions {
  strict?: boolean;
  /** Records staged and stored at a time (default CHUNK_RECORDS). */
  chunkRecords?: number;
  /** Called after each batch with the records read so far and the fraction of the file read. */
  onProgress?: (lines: number, fraction: number) => void;
}

export async function loadJsonFile(pool: pg.Pool, file: string, kind: JsonKind, options: JsonLoadOptions = {}): Promise<JsonFileResult> {
  const result: JsonFileResult = { file, status: 'failed', lines: 0, rows: 0, rejected: 0, duplicates: 0 };
  let bytes: number | undefined;
  try {
    const stat = await fs.stat(file).catch((err: NodeJS.ErrnoException) => {
      throw new FileFailure(err.code === 'ENOENT' ? 'no such file' : `cannot read: ${err.message}`);
    });
    if (!stat.isFile()) throw new FileFailure('not a regular file');
    bytes = stat.size;
    const source = await openJson(file);
    try {
      return await load(pool, source, kind, options, result, bytes);
    } finally {
      await source.close();
    }
  } catch (err) {
    const error = err instanceof FileFailure ? err.message : describeError(err);
    Object.assign(result, { status: 'failed', error, rows: 0, rejected: 0, duplicates: 0 });
    await recordFailedLoad(pool, { kind: kind.kind, file, bytes, error });
    return result;
  }
}

async function load(pool: pg.Pool, source: JsonSource, kind: JsonKind, options: JsonLoadOptions, result: JsonFileResult, bytes: number): Promise<JsonFileResult> {
  result.format = source.format;
  const client = await pool.connect();
  let broken = false;
  let storing: Promise<number> | undefined;
  try {
    await client.query('begin');
    // `store` hashes a whole chunk: give it memory instead of disk. JIT compiling its one-off
    // statements costs more than it saves.
    await client.query("set local statement_timeout = 0; set local work_mem = '256MB'; set local jit = off");
    const { rows } = await client.query<{ id: string }>(`insert into ingest_loads (kind, file_path, bytes, status) values ($1, $2, $3, 'loaded') returning id`, [kind.kind, result.file, bytes]);
    const loadId = rows[0]!.id;
    // On Citus a month is created as a distributed partition, which waits for this transaction's
    // writes to the parent's shards: there it is made inside the load (nothing is attached).
    const partitioner = kind.partitioned && (await client.query<{ d: boolean }>('select penny_is_distributed($1) as d', [kind.partitioned])).rows[0]!.d ? client : pool;
    await client.query(`create temp table stage (seq bigint not null, ${kind.stageColumns}) on commit drop`);

    const ensured = new Set<string>();
    const months: string[] = [];
    const rejects: string[] = [];
    let chunk: string[] = [];
    let line = 0;
    const sink: RecordSink = {
      row(text, month) {
        result.lines++;
        chunk.push(`${result.lines}\t${text}\n`);
        if (!ensured.has(month)) {
          ensured.add(month);
          months.push(month);
        }
      },
      reject(field, reason, record) {
        result.lines++;
        const at = source.document ? result.lines : line;
        if (options.strict) throw new FileFailure(`${source.document ? 'record' : 'line'} ${at}${field ? `, field ${field}` : ''}: ${reason} (--strict stops at the first bad record)`);
        if (rejects.length >= MAX_REJECTS) throw new FileFailure(`more than ${MAX_REJECTS} bad records; is this ${kind.kind} data? First: ${rejects[0]?.split('\t').slice(3, 5).join(': ')}`);
        rejects.push(rejectLine(loadId, result.file, at, field, reason, record));
        result.rejected++;
      },
    };

    // Chunks are pipelined: while PostgreSQL stores one, the next is read and converted.
    const flush = async () => {
      if (storing) {
        result.rows += await storing;
        storing = undefined;
        await client.query('truncate stage');
      }
      if (chunk.length === 0) return;
      broken = true; // a COPY abandoned half-way leaves the connection mid-protocol: drop it
      const lines = chunk;
      chunk = [];
      await pipeline(async function* () {
        for (let i = 0; i < lines.length; i += 1000) yield lines.slice(i, i + 1000).join('');
      }, client.query(copyFrom('copy stage from stdin')));
      broken = false;
      // New months' partitions are made outside this transaction (another connection), so that
      // ATTACH's lock on the default partition is not held for the rest of the load.
      if (kind.partitioned) for (const m of months.splice(0)) await partitioner.query('select ensure_month_partition($1, $2, $3)', [kind.partitioned, 'ts', m]);
      storing = kind.store(client, loadId);
      storing.catch(() => undefined);
    };

    for await (const batch of source.batches) {
      for (const item of batch) {
        line = item.line;
        if ('reason' in item) sink.reject(null, item.reason, item.record);
        else kind.convert(item.value, sink);
      }
      if (chunk.length >= (options.chunkRecords ?? CHUNK_RECORDS)) await flush();
      options.onProgress?.(result.lines, source.progress());
    }
    await flush();
    if (storing) result.rows += await storing;

    await copyRejects(client, rejects);
    result.duplicates = result.lines - result.rejected - result.rows;
    if (result.rejected === result.lines) {
      // No record at all, or every one rejected: the file failed, and its rejects stay to be read.
      const error = await noRowsReason(client, loadId, result.lines, `${kind.kind} records`);
      await client.query("update ingest_loads set status = 'failed', error = $2, rejected = $3, sha256 = $4, finished_at = now() where id = $1", [loadId, error, result.rejected, source.digest()]);
      await client.query('commit');
      return Object.assign(result, { status: 'failed', error, loadId: Number(loadId) });
    }
    await client.query('update ingest_loads set rows = $2, rejected = $3, sha256 = $4, finished_at = now() where id = $1', [loadId, result.rows, result.rejected, source.digest()]);
    await client.query('commit');
    result.status = 'loaded';
    result.loadId = Number(loadId);
    return result;
  } catch (err) {
    // A query still running on the connection finishes (or fails) before the rollback runs.
    if (!broken) await client.query('rollback').catch(() => undefined);
    throw err;
  } finally {
    // Releasing with an error closes the connection, which also aborts its transaction.
    client.release(broken ? new Error('abandoned COPY') : undefined);
  }
}
