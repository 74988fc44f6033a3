/**
 * Reads an export file as batches of records, never the whole file at once: CSV (plain or gzip,
 * told by its magic bytes, not its name) through csv-records.ts (papaparse's records, for a
 * fraction of its CPU; parsing decides ingest speed), Parquet one row group at a time through
 * hyparquet. Each record carries its line number (CSV: the physical line it starts on, counting
 * blank lines and the newlines of quoted fields) or row number (Parquet) for rejects.
 */
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import { CsvRecords, guessDelimiter, type ScannedRecords } from './csv-records.ts';
import { lfLineEndings } from './line-endings.ts';
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
 * A CSV record is at most this many characters (billing rows are a few KB). The scanner holds an
 * unfinished record and scans it again with every piece, so an endless one (an open quote, a
 * gzip bomb of one line) would cost memory and quadratic time: it fails the file instead.
 */
const MAX_RECORD = 4 << 20;

async function openCsv(file: string, format: 'csv' | 'csv.gz', part?: CsvPart): Promise<RecordSource> {
  const size = (part ? part.end - part.start : (await fs.stat(file)).size) || 1;
  const input = createReadStream(file, { highWaterMark: 1 << 20, ...(part && { start: part.start, end: part.end - 1 }) });
  const bytes = format === 'csv.gz' ? input.pipe(createGunzip()) : input;
  const decoded = bytes.pipe(utf8Text());
  const text = decoded.pipe(lfLineEndings());

  // Pieces of text become batches of records as they come, pulled by the iterator below;
  // backpressure pauses the text stream while two batches wait.
  const queue: ScannedRecords[] = [];
  let scanner: CsvRecords | undefined;
  let done = false;
  let overlong = false;
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
  text.on('data', (piece: string) => {
    if (done) return;
    scanner ??= new CsvRecords(guessDelimiter(piece));
    queue.push(scanner.push(piece));
    if (scanner.unfinished() > MAX_RECORD) {
      // The records before it still load (or are rejected) first, so the failure can name its line.
      overlong = true;
      done = true;
      text.pause();
      input.destroy();
    } else if (queue.length >= 2) text.pause();
    notify();
  });
  text.on('end', () => {
    if (done) return;
    if (scanner) queue.push(scanner.end());
    done = true;
    notify();
  });

  async function nextChunk(): Promise<ScannedRecords | undefined> {
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

  const linesRead = () => scanner?.linesRead() ?? 0;
  let pending: ScannedRecords = { records: [], lines: [] };
  let first: string[] | undefined = part?.header;
  while (!first) {
    const chunk = await nextChunk();
    if (!chunk) throw new Error(overlong ? `line ${linesRead() + 1}: ${TOO_LONG}` : 'the file is empty (no header line)');
    const i = chunk.records.findIndex((r) => !isBlank(r));
    if (i < 0) continue;
    first = chunk.records[i]!;
    pending = { records: chunk.records.slice(i + 1), lines: chunk.lines.slice(i + 1) };
  }
  const header = part?.header ?? first.map((h, i) => (i === 0 ? h.replace(/^\uFEFF/, '') : h));

  async function* batches(): AsyncGenerator<RecordBatch> {
    for (let next: ScannedRecords | undefined = pending; next; next = await nextChunk()) {
      const { records, lines } = next;
      // Blank lines are dropped in place, without a copy of the chunk.
      let kept = 0;
      for (let i = 0; i < records.length; i++) {
        if (isBlank(records[i]!)) continue;
        records[kept] = records[i]!;
        lines[kept++] = lines[i]!;
      }
      records.length = kept;
      lines.length = kept;
      if (kept > 0) yield { records, lines };
    }
    if (overlong) throw new Error(`line ${linesRead() + 1}: ${TOO_LONG}`);
  }
  return {
    file,
    format,
    header,
    batches: batches(),
    progress: () => input.bytesRead / size,
    linesRead,
    endsInQuotes: () => scanner?.endsInQuotes() ?? false,
    async close() {
      input.destroy();
    },
  };
}

const TOO_LONG = `a record longer than ${MAX_RECORD >> 20} MB; is this a CSV export?`;

/** An empty line: one empty field. */
function isBlank(record: string[]): boolean {
  return record.length === 1 && record[0] === '';
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
