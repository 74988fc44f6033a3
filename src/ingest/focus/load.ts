/**
 * Loads one FOCUS export file into `cost_lines` in a single transaction: rows stream through COPY,
 * bad rows go to `ingest_rejects` with their line, column and reason, and earlier loads of the same
 * billing periods are replaced. Any file-level failure rolls everything back, so a file is either
 * wholly visible or not at all.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { COPY_NULL, copyText } from '../copy-text.ts';
import { HeaderError, planHeader } from './header.ts';
import { replaceEarlierLoads, type PeriodStats } from './periods.ts';
import { openRecords, type RecordSource } from './readers.ts';
import { RowConverter, type RawValue } from './row.ts';

/** Past this many bad rows the file is almost surely not a FOCUS export; fail it instead. */
export const MAX_REJECTS = 100_000;

export interface FocusFileResult {
  file: string;
  status: 'loaded' | 'unchanged' | 'failed';
  format?: RecordSource['format'];
  /** Records in the file (header excluded); rows + rejected = lines once loaded. */
  lines: number;
  rows: number;
  rejected: number;
  /** Rows of earlier loads of the same billing periods that this load replaced. */
  replaced: number;
  periods: { provider: string; billingAccountId: string; billingPeriodStart: string; rows: number }[];
  warnings: string[];
  loadId?: number;
  error?: string;
}

export interface LoadOptions {
  strict?: boolean;
  /** Called after each batch with the records read so far and the fraction of the file read. */
  onProgress?: (lines: number, fraction: number) => void;
}

class FileFailure extends Error {}

async function sha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file, { highWaterMark: 1 << 20 }), hash);
  return hash.digest('hex');
}

async function findUnchanged(pool: pg.Pool, digest: string) {
  const { rows } = await pool.query<{ id: string; rows: string; rejected: string }>(
    `select l.id, l.rows, l.rejected from ingest_loads l
      where l.kind = 'focus' and l.sha256 = $1 and l.status = 'loaded'
        and not exists (select 1 from ingest_load_periods p where p.load_id = l.id and p.superseded_by is not null)
      order by l.id desc limit 1`,
    [digest],
  );
  return rows[0];
}

export async function loadFocusFile(pool: pg.Pool, file: string, options: LoadOptions = {}): Promise<FocusFileResult> {
  const result: FocusFileResult = { file, status: 'failed', lines: 0, rows: 0, rejected: 0, replaced: 0, periods: [], warnings: [] };
  let digest: string | undefined;
  let bytes: number | undefined;
  try {
    const stat = await fs.stat(file).catch((err: NodeJS.ErrnoException) => {
      throw new FileFailure(err.code === 'ENOENT' ? 'no such file' : `cannot read: ${err.message}`);
    });
    if (!stat.isFile()) throw new FileFailure('not a regular file');
    bytes = stat.size;
    digest = await sha256(file);
    const previous = await findUnchanged(pool, digest);
    if (previous) {
      const rows = Number(previous.rows), rejected = Number(previous.rejected);
      return { ...result, status: 'unchanged', rows, rejected, lines: rows + rejected, loadId: Number(previous.id) };
    }
    return await loadNew(pool, file, digest, bytes, options, result);
  } catch (err) {
    const message = err instanceof FileFailure || err instanceof HeaderError ? err.message : describeError(err);
    result.status = 'failed';
    result.error = message;
    result.rows = 0;
    result.rejected = 0;
    result.replaced = 0;
    result.periods = [];
    await pool
      .query(`insert into ingest_loads (kind, file_path, sha256, bytes, status, error, finished_at) values ('focus', $1, $2, $3, 'failed', $4, now())`, [file, digest ?? null, bytes ?? null, message])
      .catch(() => undefined);
    return result;
  }
}

function describeError(err: unknown): string {
  const e = err as NodeJS.ErrnoException & { code?: string };
  if (e?.code === 'Z_BUF_ERROR' || /unexpected end of file/i.test(e?.message ?? '')) return 'truncated or corrupt gzip data';
  if (e?.code === 'Z_DATA_ERROR') return `corrupt gzip data (${e.message})`;
  return e?.message ?? String(err);
}

async function loadNew(pool: pg.Pool, file: string, digest: string, bytes: number, options: LoadOptions, result: FocusFileResult): Promise<FocusFileResult> {
  const source = await openRecords(file).catch((err: Error) => {
    throw new FileFailure(err.message.startsWith('the file is empty') ? err.message : `not a readable CSV or Parquet file: ${describeError(err)}`);
  });
  result.format = source.format;
  const client = await pool.connect();
  let broken = false;
  try {
    const plan = planHeader(source.header);
    if (plan.missingMandatory.length > 0) result.warnings.push(`no ${plan.missingMandatory.join(', ')} column: stored as null`);
    await client.query('begin');
    await client.query('set local statement_timeout = 0');
    const load = await client.query<{ id: string }>(
      `insert into ingest_loads (kind, file_path, sha256, bytes, status) values ('focus', $1, $2, $3, 'loaded') returning id`,
      [file, digest, bytes],
    );
    const loadId = load.rows[0]!.id;
    const converter = new RowConverter(plan, loadId);
    const periods = new Map<string, PeriodStats>();
    const months = new Set<string>();
    const rejects: string[] = [];

    const iterator = source.batches[Symbol.asyncIterator]();
    let pending = await iterator.next();
    // Partitions for the months the file starts with are made before COPY, outside the load's
    // transaction; months met later land in the default partition and are moved at the end.
    if (!pending.done) {
      const early = new Set<string>();
      for (const record of pending.value.records) {
        if (typeof converter.convert(record) === 'string') early.add(converter.chargePeriodStart.month);
      }
      for (const m of early) await pool.query('select ensure_cost_partition($1)', [m]);
    }

    const copy = client.query(copyFrom(`copy cost_lines (${converter.copyColumns.join(', ')}) from stdin`));
    const copyDone = new Promise<void>((resolve, reject) => {
      copy.on('finish', resolve);
      copy.on('error', reject);
    });
    copyDone.catch(() => undefined);
    // A COPY abandoned half-way leaves the connection mid-protocol: drop it rather than reuse it.
    broken = true;
    const reject = (line: number, record: RawValue[], column: string | null, reason: string) => {
      if (options.strict) throw new FileFailure(`line ${line}${column ? `, column ${column}` : ''}: ${reason} (--strict stops at the first bad row)`);
      if (rejects.length >= MAX_REJECTS) throw new FileFailure(`more than ${MAX_REJECTS} bad rows; is this a FOCUS export? First: ${rejects[0]?.split('\t').slice(2, 4).join(': ')}`);
      const fields = Object.fromEntries(source.header.map((h, i) => [h, record[i] ?? null]));
      rejects.push([loadId, copyText(file), String(line), column === null ? COPY_NULL : copyText(column), copyText(reason), copyText(JSON.stringify(fields).replace(/\\u0000/g, ''))].join('\t'));
      result.rejected++;
    };

    let stats: PeriodStats | undefined;
    while (!pending.done) {
      const { records, lines: lineNumbers } = pending.value;
      const out: string[] = [];
      for (let i = 0; i < records.length; i++) {
        const record = records[i]!;
        result.lines++;
        if (record.length !== source.header.length) {
          reject(lineNumbers[i]!, record, null, `expected ${source.header.length} fields, found ${record.length}`);
          continue;
        }
        const line = converter.convert(record);
        if (typeof line !== 'string') {
          reject(lineNumbers[i]!, record, line.column, line.reason);
          continue;
        }
        out.push(line);
        const charge = converter.chargePeriodStart;
        months.add(charge.month);
        // Rows of one period come in runs: look the period up only when it changes.
        if (!stats || stats.provider !== converter.provider || stats.billingAccountId !== converter.billingAccountId || stats.billingPeriodStart !== converter.billingPeriodStart.iso) {
          const key = `${converter.provider}\u0001${converter.billingAccountId}\u0001${converter.billingPeriodStart.epochMs}`;
          stats = periods.get(key);
          if (!stats) {
            stats = { provider: converter.provider, billingAccountId: converter.billingAccountId, billingPeriodStart: converter.billingPeriodStart.iso, rows: 0, firstChargeMs: charge.epochMs, lastChargeMs: charge.epochMs };
            periods.set(key, stats);
          }
        }
        stats.rows++;
        if (charge.epochMs < stats.firstChargeMs) stats.firstChargeMs = charge.epochMs;
        if (charge.epochMs > stats.lastChargeMs) stats.lastChargeMs = charge.epochMs;
      }
      result.rows += out.length;
      if (out.length > 0 && !copy.write(out.join('\n') + '\n')) await new Promise((r) => copy.once('drain', r));
      options.onProgress?.(result.lines, source.progress());
      pending = await iterator.next();
    }
    copy.end();
    await copyDone;
    broken = false;

    if (rejects.length > 0) {
      const rejectCopy = client.query(copyFrom('copy ingest_rejects (load_id, file_path, line, column_name, reason, record) from stdin'));
      await pipeline(async function* () {
        for (let i = 0; i < rejects.length; i += 1000) yield rejects.slice(i, i + 1000).join('\n') + '\n';
      }, rejectCopy);
    }
    for (const m of months) await client.query('select ensure_cost_partition($1)', [m]);
    result.replaced = await replaceEarlierLoads(client, loadId, [...periods.values()]);
    await client.query('update ingest_loads set rows = $2, rejected = $3, finished_at = now() where id = $1', [loadId, result.rows, result.rejected]);
    await client.query('commit');
    result.status = 'loaded';
    result.loadId = Number(loadId);
    result.periods = [...periods.values()].map((p) => ({ provider: p.provider, billingAccountId: p.billingAccountId, billingPeriodStart: p.billingPeriodStart.slice(0, 10), rows: p.rows }));
    return result;
  } catch (err) {
    if (!broken) await client.query('rollback').catch(() => undefined);
    throw err;
  } finally {
    // Releasing with an error closes the connection, which also aborts its transaction.
    client.release(broken ? new Error('abandoned COPY') : undefined);
    await source.close();
  }
}
