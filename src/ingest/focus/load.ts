/**
 * Loads one FOCUS export file into `cost_lines` in a single transaction: rows stream through COPY,
 * bad rows go to `ingest_rejects` with their line, column and reason, and earlier loads of the same
 * billing periods are replaced. Any file-level failure rolls everything back, so a file is either
 * wholly visible or not at all.
 */
import fs from 'node:fs/promises';
import type pg from 'pg';
import { DEFAULT_ATTRIBUTION_KEYS, type AttributionKeys } from '../../schema/attribution.ts';
import { logger } from '../../log/logger.ts';
import { MonthCopy } from '../month-copy.ts';
import { copyRejects, describeError, FileFailure, noRowsReason, recordFailedLoad, sha256File } from '../load-common.ts';
import { ConversionError, type Conversion } from './convert-thread.ts';
import { splitFromBytes, SplitMisaligned, startConversions } from './convert-split.ts';
import type { DailySumsText } from '../../schema/daily-sums.ts';
import type { RollupBesideLoad } from '../../costs/rollup-beside-load.ts';
import { replaceEarlierLoads } from './periods.ts';
import type { RecordSource } from './readers.ts';

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
  /** The first and last ChargePeriodStart (ISO) of the rows this load stored or replaced. */
  touched?: { first: string; last: string };
  warnings: string[];
  loadId?: number;
  error?: string;
  /** The stored rows summed per day for the rollup refresh (see daily-sums.ts); left out of summaries. */
  dailySums?: DailySumsText;
  /** The rollup already holds this load (options.rollupBeside); left out of summaries. */
  rolledUp?: boolean;
}

export interface LoadOptions {
  strict?: boolean;
  /** Tag keys that fill team, feature, customer, environment and cost_center (default: the defaults). */
  attribution?: AttributionKeys;
  /** Called after each batch with the records read so far and the fraction of the file read. */
  onProgress?: (lines: number, fraction: number) => void;
  /** Loads of the other parts of this file's delivery (see deliveries.ts): kept, not replaced. */
  siblings?: readonly number[];
  /** The manifest delivery the file is a part of: stored with its load, so later calls' parts keep it. */
  delivery?: string;
  /** Plain CSV files of this many bytes or more are converted on two threads (default splitFromBytes()). */
  splitFrom?: number;
  /** Adds the load's daily sums to the rollup beside the load (the CLI passes startRollupBesideLoad). */
  rollupBeside?: (pool: pg.Pool, loadId: string, sums: Promise<DailySumsText>) => RollupBesideLoad;
}

/** Attempts at a load PostgreSQL chose as a deadlock's victim (see migration 014). */
const DEADLOCK_RETRIES = 3;

async function sameSizeLoaded(pool: pg.Pool, bytes: number): Promise<boolean> {
  const { rowCount } = await pool.query("select 1 from ingest_loads where kind = 'focus' and status = 'loaded' and bytes = $1 limit 1", [bytes]);
  return (rowCount ?? 0) > 0;
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
  const started = performance.now();
  const result: FocusFileResult = { file, status: 'failed', lines: 0, rows: 0, rejected: 0, replaced: 0, periods: [], warnings: [] };
  let digest: string | undefined;
  let bytes: number | undefined;
  try {
    const stat = await fs.stat(file).catch((err: NodeJS.ErrnoException) => {
      throw new FileFailure(err.code === 'ENOENT' ? 'no such file' : `cannot read: ${err.message}`);
    });
    if (!stat.isFile()) throw new FileFailure('not a regular file');
    bytes = stat.size;
    // A file no stored load has the size of cannot be unchanged: it loads while it is hashed, and
    // the load records the hash before it commits. Otherwise the hash decides first, so re-running
    // a folder of unchanged exports starts no workers.
    let splitFrom = options.splitFrom ?? splitFromBytes();
    let starting = (await sameSizeLoaded(pool, bytes)) ? undefined : startLoad(pool, file, options, splitFrom);
    starting?.catch(() => undefined);
    try {
      if (!starting) {
        digest = await sha256File(file);
        const previous = await findUnchanged(pool, digest);
        if (previous) {
          // The same bytes as a part of an earlier delivery: now a part of this one too.
          if (options.delivery) await pool.query('update ingest_loads set delivery = $2 where id = $1', [previous.id, options.delivery]);
          const rows = Number(previous.rows),
            rejected = Number(previous.rejected);
          return { ...result, status: 'unchanged', rows, rejected, lines: rows + rejected, loadId: Number(previous.id) };
        }
      }
      const hashing = digest !== undefined ? Promise.resolve(digest) : sha256File(file).then((d) => (digest = d));
      hashing.catch(() => undefined);
      for (let attempt = 1; ; attempt++) {
        const load = await (starting ?? startLoad(pool, file, options, splitFrom));
        starting = undefined;
        try {
          return await loadNew(pool, load, hashing, bytes, options, { ...result, warnings: [] }, started);
        } catch (err) {
          // Split in the middle of a quoted field: nothing was stored; once more, on one worker.
          if (err instanceof SplitMisaligned && splitFrom !== Infinity) {
            splitFrom = Infinity;
            continue;
          }
          // Two loads filling each other's new months: PostgreSQL aborted this one; the other goes on.
          if ((err as { code?: string }).code !== '40P01') throw err;
          if (attempt >= DEADLOCK_RETRIES)
            throw new FileFailure(`other loads kept filling the same new months at the same time (${DEADLOCK_RETRIES} attempts); nothing of this file was stored, load it again`);
        }
      }
    } finally {
      // Not handed to a load: an unchanged file, or hashing failed.
      if (starting)
        await starting.then(
          (load) => load.conversion.stop(),
          () => undefined,
        );
    }
  } catch (err) {
    const message = err instanceof FileFailure ? err.message : describeError(err);
    result.status = 'failed';
    result.error = message;
    result.rows = 0;
    result.rejected = 0;
    result.replaced = 0;
    result.periods = [];
    await recordFailedLoad(pool, { kind: 'focus', file, sha256: digest, bytes, error: message });
    return result;
  }
}

/**
 * A file with no row to store (every row rejected, or none after the header) failed: its load is
 * kept as failed with its rejects, so `penny ingest rejects` shows why, and nothing else is stored.
 */
async function failWithRejects(client: pg.PoolClient, loadId: string, sha256: string, result: FocusFileResult): Promise<FocusFileResult> {
  const error = await noRowsReason(client, loadId, result.lines, 'rows');
  await client.query("update ingest_loads set status = 'failed', error = $2, rejected = $3, sha256 = $4, finished_at = now() where id = $1", [loadId, error, result.rejected, sha256]);
  await client.query('commit');
  return { ...result, status: 'failed', error, loadId: Number(loadId) };
}

/** Worker failures arrive as messages; keep the ones written for people, explain the rest. */
function conversionFailure(err: unknown): unknown {
  if (!(err instanceof ConversionError)) return err;
  if (err.kind === 'HeaderError' || err.kind === 'BadRowFailure' || err.message.startsWith('the file is empty')) return new FileFailure(err.message);
  return new FileFailure(describeError(err));
}

interface StartedLoad {
  loadId: string;
  conversion: Conversion;
}

/** Takes the load's id first, because the worker writes it into every COPY line, and starts the worker. */
async function startLoad(pool: pg.Pool, file: string, options: LoadOptions, splitFrom: number): Promise<StartedLoad> {
  const { rows: ids } = await pool.query<{ id: string }>("select nextval(pg_get_serial_sequence('ingest_loads', 'id'))::text as id");
  const loadId = ids[0]!.id;
  const input = { file, loadId, strict: options.strict ?? false, attribution: options.attribution ?? DEFAULT_ATTRIBUTION_KEYS };
  const conversion = await startConversions(input, splitFrom).catch((err) => {
    throw conversionFailure(err);
  });
  return { loadId, conversion };
}

/** Loads a file the worker is converting; stops the worker whatever happens. */
async function loadNew(
  pool: pg.Pool,
  { loadId, conversion }: StartedLoad,
  digest: Promise<string>,
  bytes: number,
  options: LoadOptions,
  result: FocusFileResult,
  started: number,
): Promise<FocusFileResult> {
  const file = result.file;
  const client = await pool.connect().catch(async (err) => {
    await conversion.stop();
    throw err;
  });
  const chunks = conversion.chunks[Symbol.asyncIterator]();
  let copy: MonthCopy | undefined;
  let beside: RollupBesideLoad | undefined;
  try {
    result.format = conversion.start.format;
    result.warnings.push(...conversion.start.warnings);
    await client.query('begin');
    await client.query('set local statement_timeout = 0');
    await client.query(`insert into ingest_loads (id, kind, file_path, bytes, status, delivery) values ($1, 'focus', $2, $3, 'loaded', $4)`, [loadId, file, bytes, options.delivery ?? null]);
    const copying = performance.now();
    copy = new MonthCopy(client, 'cost_lines', 'charge_period_start', conversion.start.copyColumns);
    for (;;) {
      const next = await chunks.next().catch((err) => {
        throw conversionFailure(err);
      });
      if (next.done) break;
      const chunk = next.value;
      result.lines += chunk.lines;
      result.rows += chunk.rows;
      result.rejected += chunk.rejected;
      for (const part of chunk.parts) await copy.write(part.month, part.text);
      options.onProgress?.(result.lines, chunk.progress);
    }
    const attaching = performance.now();
    // The worker sends its sums while the indexes are built: the rollup takes them meanwhile.
    beside = options.rollupBeside?.(pool, loadId, conversion.daily());
    await copy.finish();
    const attached = performance.now();

    const { periods, rejects } = conversion.end();
    await copyRejects(client, rejects);
    if (result.rows === 0) return await failWithRejects(client, loadId, await digest, result);
    result.replaced = await replaceEarlierLoads(client, loadId, periods, options.siblings, options.delivery);
    // What the rollups must recompute: this load's charges and those of the rows it replaced.
    const { rows: spans } = await client.query<{ first: Date | null; last: Date | null }>(
      'select min(first_charge) as first, max(last_charge) as last from ingest_load_periods where load_id = $1 or superseded_by = $1',
      [loadId],
    );
    await client.query('update ingest_loads set rows = $2, rejected = $3, sha256 = $4, finished_at = now() where id = $1', [loadId, result.rows, result.rejected, await digest]);
    // Written out by the worker while the indexes were built; a failure still fails the load.
    const daily = await conversion.daily().catch((err) => {
      throw conversionFailure(err);
    });
    await beside?.started();
    const committing = performance.now();
    await client.query('commit');
    const committed = performance.now();
    // Rows it replaced are in the rollup: their days are read back from the tables after the ingest.
    if (beside) result.rolledUp = result.replaced === 0 ? await beside.commit() : await beside.abandon().then(() => false);
    beside = undefined;
    // Where a load's time goes, for `PENNY_LOG_LEVEL=debug` (bench:ingest prints it).
    const ms = (from: number, to = performance.now()) => Math.round(to - from);
    logger.debug(
      {
        file,
        rows: result.rows,
        ms: {
          start: ms(started, copying),
          copy: ms(copying, attaching),
          partitions: ms(attaching, attached),
          restate: ms(attached, committing),
          commit: ms(committing, committed),
          rollup: ms(committed),
        },
      },
      'focus file loaded',
    );
    result.status = 'loaded';
    result.loadId = Number(loadId);
    result.dailySums = daily;
    result.periods = periods.map((p) => ({ provider: p.provider, billingAccountId: p.billingAccountId, billingPeriodStart: p.billingPeriodStart.slice(0, 10), rows: p.rows }));
    const span = spans[0];
    if (span?.first && span.last) result.touched = { first: span.first.toISOString(), last: span.last.toISOString() };
    return result;
  } catch (err) {
    if (!copy?.busy) await client.query('rollback').catch(() => undefined);
    throw err;
  } finally {
    // A COPY abandoned half-way leaves the connection mid-protocol: close it rather than reuse it,
    // which also aborts its transaction.
    client.release(copy?.busy ? new Error('abandoned COPY') : undefined);
    // Not committed with the load: undone (a failed load, or one that stored no row).
    await beside?.abandon();
    await conversion.stop();
  }
}
