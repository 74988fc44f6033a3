/**
 * Reads a JSONL or JSON file, plain or gzip (told by its magic bytes, not its name), as batches of
 * JSON values with where each came from.
 *
 * JSONL streams: one line at a time, never the whole file. A file whose first non-empty line is not
 * JSON by itself but starts with `{` or `[` is one JSON document (a pretty-printed OTLP/JSON export,
 * a JSON array of records). A document is a single JSON value, so it is read whole — hence the
 * size limit of one JavaScript string (~512 MB); bigger exports should be written as JSONL.
 * Arrays (a document, or a JSONL line) are spread into their elements.
 *
 * `line` is the JSONL line a value came from; in a document, the loader numbers records instead.
 * A file in which no line parses as JSON fails as "not JSON" rather than rejecting every line.
 */
import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import { PassThrough, type Readable } from 'node:stream';
import { createGunzip, gunzipSync } from 'node:zlib';
import { FileFailure } from './load-common.ts';

export type JsonItem = { line: number; value: unknown } | { line: number; bad: string; text: string };

export interface JsonSource {
  format: 'jsonl' | 'jsonl.gz' | 'json' | 'json.gz';
  /** One JSON document rather than JSON lines. */
  document: boolean;
  batches: AsyncIterable<JsonItem[]>;
  /** How far through the file reading is, from 0 to 1. */
  progress(): number;
  /** The sha256 of the file's bytes; complete once every batch has been read. */
  digest(): string;
  close(): Promise<void>;
}

/** V8's longest string, in UTF-16 units: the largest document JSON.parse can take. */
const MAX_DOCUMENT = 0x1fff_ffe8;
/** Lines read without one parsing as JSON before the file is called not JSON. */
const NOT_JSON_AFTER = 1000;
const PEEK_LIMIT = 1 << 20;

async function isGzip(file: string): Promise<boolean> {
  const handle = await fs.open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(2), 0, 2, 0);
    return bytesRead === 2 && buffer[0] === 0x1f && buffer[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

function textStream(file: string, gzip: boolean, hash?: Hash): { input: ReturnType<typeof createReadStream>; text: Readable } {
  const input = createReadStream(file, { highWaterMark: 1 << 20 });
  if (hash) input.on('data', (chunk) => hash.update(chunk));
  // Decoding happens after the tee, so the hash sees the file's bytes, not re-encoded text.
  const text = input.pipe(gzip ? createGunzip({ chunkSize: 1 << 18 }) : new PassThrough({ highWaterMark: 1 << 20 })).setEncoding('utf8');
  input.on('error', (err) => text.destroy(err));
  // Readers see errors through iteration; this only keeps one raised after destroy() (zlib
  // finishing a truncated stream we stopped reading) from crashing the process.
  text.on('error', () => undefined);
  return { input, text };
}

/** The first non-empty line (up to PEEK_LIMIT characters), to tell JSONL from a document. */
async function firstLine(file: string, gzip: boolean): Promise<string | undefined> {
  const { input, text } = textStream(file, gzip);
  let seen = '';
  try {
    for await (const chunk of text as AsyncIterable<string>) {
      seen += chunk;
      const lines = seen.split('\n');
      const found = lines.slice(0, -1).find((l) => l.trim() !== '');
      if (found !== undefined) return found;
      if (seen.length > PEEK_LIMIT) return undefined;
    }
    return seen.trim() === '' ? undefined : seen;
  } finally {
    input.destroy();
    text.destroy();
  }
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function spread(value: unknown, line: number, out: JsonItem[]): void {
  if (Array.isArray(value)) for (const v of value) out.push({ line, value: v });
  else out.push({ line, value });
}

export async function openJson(file: string): Promise<JsonSource> {
  const gzip = await isGzip(file);
  const size = (await fs.stat(file)).size || 1;
  const first = (await firstLine(file, gzip))?.replace(/^\uFEFF/, '').trim();
  if (first !== undefined && /^[[{]/.test(first) && !parses(first)) {
    const doc = await readDocument(file, gzip);
    if (typeof doc !== 'string') return doc;
    // Not one document either: perhaps JSON lines with a broken first line. If no line parses,
    // the document's own parse error is the better explanation.
    return openLines(file, gzip, size, `as one document: ${doc}`);
  }
  return openLines(file, gzip, size);
}

/** The whole file as one JSON value, or why it is not one (then it is read as JSONL). */
async function readDocument(file: string, gzip: boolean): Promise<JsonSource | string> {
  const raw = await fs.readFile(file);
  const bytes = gzip ? gunzipSync(raw) : raw;
  if (bytes.length > MAX_DOCUMENT) throw new FileFailure(`a JSON document over 512 MB cannot be read whole; write the records as JSON lines instead`);
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));
  } catch (err) {
    return (err as Error).message;
  }
  const items: JsonItem[] = [];
  spread(value, 1, items);
  const digest = createHash('sha256').update(raw).digest('hex');
  return {
    format: gzip ? 'json.gz' : 'json',
    document: true,
    batches: (async function* () {
      for (let i = 0; i < items.length; i += 2000) yield items.slice(i, i + 2000);
    })(),
    progress: () => 1,
    digest: () => digest,
    close: async () => undefined,
  };
}

function openLines(file: string, gzip: boolean, size: number, documentError?: string): JsonSource {
  const hash = createHash('sha256');
  const { input, text } = textStream(file, gzip, hash);
  let digest: string | undefined;

  async function* batches(): AsyncGenerator<JsonItem[]> {
    let pending: string[] = []; // a line's start, kept as pieces: one line may span many chunks
    let lineNo = 0;
    let parsedAny = false;
    let firstError = documentError;
    const take = (raw: string, out: JsonItem[]) => {
      lineNo++;
      const t = (lineNo === 1 ? raw.replace(/^\uFEFF/, '') : raw).trim();
      if (t === '') return;
      try {
        spread(JSON.parse(t), lineNo, out);
        parsedAny = true;
      } catch (err) {
        const bad = (err as Error).message;
        firstError ??= `line ${lineNo}: ${bad}`;
        out.push({ line: lineNo, bad, text: t.length > 1000 ? `${t.slice(0, 1000)}…` : t });
        if (!parsedAny && lineNo >= NOT_JSON_AFTER) throw new FileFailure(`not JSON or JSON lines (${firstError})`);
      }
    };
    for await (const chunk of text as AsyncIterable<string>) {
      const out: JsonItem[] = [];
      let start = 0;
      for (let nl = chunk.indexOf('\n'); nl !== -1; nl = chunk.indexOf('\n', start)) {
        const piece = chunk.slice(start, nl);
        take(pending.length > 0 ? pending.join('') + piece : piece, out);
        pending = [];
        start = nl + 1;
      }
      if (start < chunk.length) pending.push(chunk.slice(start));
      if (out.length > 0) yield out;
    }
    const out: JsonItem[] = [];
    if (pending.length > 0) take(pending.join(''), out);
    if (!parsedAny && firstError) throw new FileFailure(`not JSON or JSON lines (${firstError})`);
    if (out.length > 0) yield out;
  }
  return {
    format: gzip ? 'jsonl.gz' : 'jsonl',
    document: false,
    batches: batches(),
    progress: () => input.bytesRead / size,
    digest: () => (digest ??= hash.digest('hex')),
    async close() {
      input.destroy();
      text.destroy();
    },
  };
}
