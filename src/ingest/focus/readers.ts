/**
 * Reads an export file as batches of records, never the whole file at once: CSV (plain or gzip,
 * told by its magic bytes, not its name) through csv-parse, Parquet one row group at a time through
 * hyparquet. Each record carries its line number (CSV) or row number (Parquet) for rejects.
 */
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import { parse, type CsvError } from 'csv-parse';
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects, parquetSchema } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import type { RawValue } from './row.ts';

export interface SourceRecord {
  line: number;
  values: RawValue[] | null;
  /** Set when the record could not even be split into fields. */
  error?: string;
}

export interface RecordSource {
  format: 'csv' | 'csv.gz' | 'parquet';
  header: string[];
  batches: AsyncIterable<SourceRecord[]>;
  /** How far through the file reading is, from 0 to 1. */
  progress(): number;
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

export async function openRecords(file: string): Promise<RecordSource> {
  const format = await sniffFormat(file);
  return format === 'parquet' ? openParquet(file) : openCsv(file, format);
}

const BATCH = 2_000;

async function openCsv(file: string, format: 'csv' | 'csv.gz'): Promise<RecordSource> {
  const size = (await fs.stat(file)).size || 1;
  const input = createReadStream(file, { highWaterMark: 1 << 20 });
  const skipped: SourceRecord[] = [];
  const parser = parse({
    bom: true,
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (err: CsvError | undefined) => {
      if (err) skipped.push({ line: Number((err as CsvError & { lines?: number }).lines ?? 0), values: null, error: err.message });
    },
  });
  const source = format === 'csv.gz' ? input.pipe(createGunzip()) : input;
  // Stream errors (unreadable file, truncated gzip) must reach the reader, not vanish.
  let failure: Error | undefined;
  const fail = (err: Error) => {
    failure ??= err;
    parser.destroy(err);
  };
  input.on('error', fail);
  if (source !== input) source.on('error', fail);
  source.pipe(parser);

  type Parsed = { record: string[]; info: { lines: number } };
  async function* records(): AsyncGenerator<Parsed> {
    for await (const item of parser as AsyncIterable<Parsed>) yield item;
    if (failure) throw failure;
  }
  const iterator = records();
  const first = await iterator.next();
  if (failure) throw failure;
  if (first.done) throw new Error('the file is empty (no header line)');
  const header = first.value.record;

  async function* batches(): AsyncGenerator<SourceRecord[]> {
    let batch: SourceRecord[] = [];
    for await (const { record, info } of { [Symbol.asyncIterator]: () => iterator }) {
      if (skipped.length > 0) batch.push(...skipped.splice(0));
      batch.push({ line: info.lines, values: record });
      if (batch.length >= BATCH) {
        yield batch;
        batch = [];
      }
    }
    if (skipped.length > 0) batch.push(...skipped.splice(0));
    if (batch.length > 0) yield batch;
  }
  return {
    format,
    header,
    batches: batches(),
    progress: () => input.bytesRead / size,
    async close() {
      input.destroy();
      parser.destroy();
    },
  };
}

async function openParquet(file: string): Promise<RecordSource> {
  const buffer = await asyncBufferFromFile(file);
  const metadata = await parquetMetadataAsync(buffer);
  const header = parquetSchema(metadata).children.map((c) => c.element.name);
  const total = Number(metadata.num_rows) || 1;
  let rowStart = 0;
  async function* batches(): AsyncGenerator<SourceRecord[]> {
    for (const group of metadata.row_groups) {
      const rowEnd = rowStart + Number(group.num_rows);
      const rows = await parquetReadObjects({ file: buffer, metadata, rowStart, rowEnd, compressors });
      for (let i = 0; i < rows.length; i += BATCH) {
        yield rows.slice(i, i + BATCH).map((row, j) => ({ line: rowStart + i + j + 1, values: header.map((h) => row[h] as RawValue) }));
      }
      rowStart = rowEnd;
    }
  }
  return { format: 'parquet', header, batches: batches(), progress: () => rowStart / total, close: async () => undefined };
}
