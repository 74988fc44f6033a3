/**
 * Reads an export file as batches of records, never the whole file at once: CSV (plain or gzip,
 * told by its magic bytes, not its name) through papaparse (several times faster than csv-parse
 * on wide billing rows, which decides ingest speed), Parquet one row group at a time through
 * hyparquet. Each record carries its line number (CSV: the physical line it starts on, counting
 * blank lines and the newlines of quoted fields) or row number (Parquet) for rejects.
 */
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import Papa from 'papaparse';
import { lfLineEndings } from './line-endings.ts';
import { QuotedNewlines } from './quoted-newlines.ts';
import { utf8Text } from '../utf8.ts';
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects, parquetSchema } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import type { RawValue } from './row.ts';

/** Records and, at the same index, the line (CSV) or row (Parquet) each starts on. */
export interface RecordBatch {
  records: RawValue[][];
  lines: number[];
}

export interface RecordSource {
  file: string;
  format: 'csv' | 'csv.gz' | 'parquet';
  header: string[];
  batches: AsyncIterable<RecordBatch>;
  /** How far through the file (or the part of it) reading is, from 0 to 1. */
  progress(): number;
  /** Physical lines read so far (CSV; header and blank lines included). */
  linesRead?(): number;
  /** After the last batch: whether the text ended inside a quoted field (CSV). */
  endsInQuotes?(): boolean;
  close(): Promise<void>;
}

export async function sniffFormat(file: string): Promise<RecordSource['format']> {
  const handle = await fs.open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(4), 0, 4, 0);
    if (bytesRead >= 2 && buffer[0] === 0x1f && buffer[1] === 0x8b) return 'csv.gz';
    if (bytesRead === 4 && buffer.toString('latin1') === 'PAR1') return 'parquet';
    return 'csv';
  } finally {
    await handle.close();
  }
}

/**
 * A byte range [start, end) of a plain CSV file that starts and ends at a line boundary, read on
 * its own (see convert-split.ts); a part after the first has no header line and is given it.
 */
export interface CsvPart {
  start: number;
  end: number;
  header?: string[];
}

export async function openRecords(file: string, part?: CsvPart): Promise<RecordSource> {
  if (part) return openCsv(file, 'csv', part);
  const format = await sniffFormat(file);
  return format === 'parquet' ? openParquet(file) : openCsv(file, format);
}

const PARQUET_BATCH = 2_000;
/**
 * A CSV record is at most this many characters (billing rows are a few KB). Papaparse holds an
 * unfinished record and scans it again with every chunk, so an endless one (an open quote, a
 * gzip bomb of one line) would cost memory and quadratic time: it fails the file instead.
 */
const MAX_RECORD = 4 << 20;

async function openCsv(file: string, format: 'csv' | 'csv.gz', part?: CsvPart): Promise<RecordSource> {
  const size = (part ? part.end - part.start : (await fs.stat(file)).size) || 1;
  const input = createReadStream(file, { highWaterMark: 1 << 20, ...(part && { start: part.start, end: part.end - 1 }) });
  const bytes = format === 'csv.gz' ? input.pipe(createGunzip()) : input;
  const decoded = bytes.pipe(utf8Text());
  const text = decoded.pipe(lfLineEndings());

  // Papaparse pushes chunks of records; this turns them into a pull-based iterator. Backpressure
  // pauses the byte stream itself: papaparse's own pause() stops parsing but keeps queueing input.
  const queue: { records: string[][]; quotedNewlines: boolean }[] = [];
  let done = false;
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  const fail = (err: Error) => {
    failure ??= err;
    done = true;
    notify();
  };
  input.on('error', fail);
  bytes.on('error', fail);
  decoded.on('error', fail);
  text.on('error', fail);
  // The text handed to papaparse: the length of the record it holds unfinished, newlines in fields.
  const fed = new QuotedNewlines();
  let overlong = false;
  let inQuotes = false;
  text.on('data', (chunk: string) => fed.feed(chunk));
  Papa.parse<string[]>(text as unknown as Papa.LocalFile, {
    newline: '\n',
    // Blank lines come through as [''] and are skipped when lines are numbered (see batches).
    skipEmptyLines: false,
    chunk: (results) => {
      queue.push({ records: results.data, quotedNewlines: fed.mayHave(results.data.length, results.meta.cursor, results.errors.length > 0) });
      // Papaparse reports this only when the text ends before a quoted field does.
      if (results.errors.some((e) => e.code === 'MissingQuotes')) inQuotes = true;
      if (fed.unfinished(results.meta.cursor) > MAX_RECORD) {
        // The records before it still load (or are rejected) first, so the failure can name its line.
        overlong = true;
        done = true;
        text.pause();
        input.destroy();
      } else if (queue.length >= 2) text.pause();
      notify();
    },
    complete: () => {
      done = true;
      notify();
    },
    error: (err: Error) => fail(err),
  });

  async function nextChunk(): Promise<{ records: string[][]; quotedNewlines: boolean } | undefined> {
    for (;;) {
      if (failure) throw failure;
      const chunk = queue.shift();
      if (chunk) {
        if (queue.length < 2 && !done && text.isPaused()) text.resume();
        return chunk;
      }
      if (done) return undefined;
      await new Promise<void>((r) => (wake = r));
    }
  }

  // Physical lines read so far: a reject names the line its record starts on in the file.
  let line = 0;
  let pending = { records: [] as string[][], quotedNewlines: false };
  let first: string[] | undefined = part?.header;
  while (!first) {
    const chunk = await nextChunk();
    if (!chunk) throw new Error(overlong ? `line ${line + 1}: ${TOO_LONG}` : 'the file is empty (no header line)');
    const records = chunk.records;
    let i = 0;
    for (; i < records.length && isBlank(records[i]!); i++) line++;
    if (i === records.length) continue;
    first = records[i]!;
    line += 1 + newlinesIn(first);
    pending = { records: records.slice(i + 1), quotedNewlines: chunk.quotedNewlines };
  }
  const header = part?.header ?? first.map((h, i) => (i === 0 ? h.replace(/^\uFEFF/, '') : h));

  async function* batches(): AsyncGenerator<RecordBatch> {
    for (let next: typeof pending | undefined = pending; next; next = await nextChunk()) {
      const chunk = next.records;
      // Blank lines are dropped in place, without a copy of the chunk.
      const lines: number[] = new Array(chunk.length);
      let kept = 0;
      for (let i = 0; i < chunk.length; i++) {
        const record = chunk[i]!;
        line++;
        if (isBlank(record)) continue;
        chunk[kept] = record;
        lines[kept++] = line;
        // A quoted field may span lines; later records start that much further down.
        if (next.quotedNewlines) line += newlinesIn(record);
      }
      chunk.length = kept;
      lines.length = kept;
      if (kept > 0) yield { records: chunk, lines };
    }
    if (overlong) throw new Error(`line ${line + 1}: ${TOO_LONG}`);
  }
  return {
    file,
    format,
    header,
    batches: batches(),
    progress: () => input.bytesRead / size,
    linesRead: () => line,
    endsInQuotes: () => inQuotes,
    async close() {
      input.destroy();
    },
  };
}

const TOO_LONG = `a record longer than ${MAX_RECORD >> 20} MB; is this a CSV export?`;

/** An empty line: papaparse's one empty field. */
function isBlank(record: string[]): boolean {
  return record.length === 1 && record[0] === '';
}

/** Newlines inside a record's fields; almost always none, so the check is one pass of includes. */
function newlinesIn(values: string[]): number {
  let n = 0;
  for (const v of values) {
    if (v.length > 0 && v.includes('\n')) n += v.split('\n').length - 1;
  }
  return n;
}

async function openParquet(file: string): Promise<RecordSource> {
  const buffer = await asyncBufferFromFile(file);
  const metadata = await parquetMetadataAsync(buffer);
  const header = parquetSchema(metadata).children.map((c) => c.element.name);
  const total = Number(metadata.num_rows) || 1;
  let rowStart = 0;
  async function* batches(): AsyncGenerator<RecordBatch> {
    for (const group of metadata.row_groups) {
      const rowEnd = rowStart + Number(group.num_rows);
      const rows = await parquetReadObjects({ file: buffer, metadata, rowStart, rowEnd, compressors });
      for (let i = 0; i < rows.length; i += PARQUET_BATCH) {
        const slice = rows.slice(i, i + PARQUET_BATCH);
        yield { records: slice.map((row) => header.map((h) => row[h] as RawValue)), lines: slice.map((_, j) => rowStart + i + j + 1) };
      }
      rowStart = rowEnd;
    }
  }
  return { file, format: 'parquet', header, batches: batches(), progress: () => rowStart / total, close: async () => undefined };
}
