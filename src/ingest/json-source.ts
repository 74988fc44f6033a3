/**
 * Reads a JSONL or JSON file, plain or gzip (told by its magic bytes, not its name), as batches of
 * JSON values with where each came from.
 *
 * JSONL streams: one line at a time, never the whole file. A file whose first non-empty line is not
 * JSON by itself but starts with `{` or `[` is one JSON document (a pretty-printed OTLP/JSON export,
 * a JSON array of records). A document is a single JSON value, so it is read whole — hence the
 * size limit of one JavaScript string (~512 MB), checked before it is read (a gzip is inflated once
 * to count it, keeping nothing, so a gzip bomb costs time, not memory); bigger exports should be
 * written as JSONL. A JSONL line over the same limit is rejected; past the limit its pieces are
 * dropped as they come.
 * Arrays (a document, or a JSONL line) are spread into their elements; a value nested deeper than
 * MAX_NESTING is rejected (code after this reads values recursively, and so does jsonb).
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
import { nestsDeeperThan, pruneDeeperThan, TOO_DEEP } from './values.ts';

/** A JSON value, or a reject: its reason and what is kept of it for ingest_rejects. */
export type JsonItem = { line: number; value: unknown } | { line: number; reason: string; record: unknown };

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
const TOO_BIG = 'a JSON document over 512 MB cannot be read whole; write the records as JSON lines instead';
const LINE_TOO_LONG = 'a JSON line longer than 512 MB';
/** Characters of a bad line kept in its reject. */
const KEPT_TEXT = 1000;
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

function item(value: unknown, line: number): JsonItem {
  return nestsDeeperThan(value) ? { line, reason: TOO_DEEP, record: pruneDeeperThan(value) } : { line, value };
}

function spread(value: unknown, line: number, out: JsonItem[]): void {
  if (Array.isArray(value)) for (const v of value) out.push(item(v, line));
  else out.push(item(value, line));
}

function clip(text: string): string {
  return text.length > KEPT_TEXT ? `${text.slice(0, KEPT_TEXT)}…` : text;
}

/** Whether a gzip file inflates to more than `limit` bytes: counted as it streams, nothing kept. */
async function inflatesPast(file: string, limit: number): Promise<boolean> {
  const input = createReadStream(file, { highWaterMark: 1 << 20 });
  const gunzip = input.pipe(createGunzip({ chunkSize: 1 << 18 }));
  input.on('error', (err) => gunzip.destroy(err));
  let total = 0;
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > limit) return true;
    }
    return false;
  } finally {
    input.destroy();
    gunzip.destroy();
  }
}

export async function openJson(file: string): Promise<JsonSource> {
  const gzip = await isGzip(file);
  const size = (await fs.stat(file)).size || 1;
  const first = (await firstLine(file, gzip))?.replace(/^\uFEFF/, '').trim();
  if (first !== undefined && /^[[{]/.test(first) && !parses(first)) {
    const doc = await readDocument(file, gzip, size);
    if (typeof doc !== 'string') return doc;
    // Not one document either: perhaps JSON lines with a broken first line. If no line parses,
    // the document's own parse error is the better explanation.
    return openLines(file, gzip, size, `as one document: ${doc}`);
  }
  return openLines(file, gzip, size);
}

/** The whole file as one JSON value, or why it is not one (then it is read as JSONL). */
async function readDocument(file: string, gzip: boolean, size: number): Promise<JsonSource | string> {
  if (size > MAX_DOCUMENT) throw new FileFailure(TOO_BIG);
  if (gzip && (await inflatesPast(file, MAX_DOCUMENT))) throw new FileFailure(`inflates to more than 512 MB; ${TOO_BIG}`);
  const raw = await fs.readFile(file);
  // The cap holds should the file have grown since it was counted.
  const bytes = gzip ? gunzipSync(raw, { maxOutputLength: MAX_DOCUMENT }) : raw;
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
    let pendingLength = 0; // -1 once the line is over the limit: its further pieces are dropped
    let head = ''; // the start of a line over the limit, for its reject
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
        out.push({ line: lineNo, reason: `not JSON: ${bad}`, record: { text: clip(t) } });
        if (!parsedAny && lineNo >= NOT_JSON_AFTER) throw new FileFailure(`not JSON or JSON lines (${firstError})`);
      }
    };
    const add = (piece: string) => {
      if (pendingLength < 0) return;
      pendingLength += piece.length;
      pending.push(piece);
      if (pendingLength <= MAX_DOCUMENT) return;
      head = '';
      for (const p of pending) if ((head += p).length > KEPT_TEXT) break;
      pending = [];
      pendingLength = -1;
    };
    const endPending = (out: JsonItem[]) => {
      if (pendingLength < 0) out.push({ line: ++lineNo, reason: LINE_TOO_LONG, record: { text: clip(head) } });
      else take(pending.join(''), out);
      pending = [];
      pendingLength = 0;
    };
    for await (const chunk of text as AsyncIterable<string>) {
      const out: JsonItem[] = [];
      let start = 0;
      for (let nl = chunk.indexOf('\n'); nl !== -1; nl = chunk.indexOf('\n', start)) {
        const piece = chunk.slice(start, nl);
        if (pendingLength === 0) take(piece, out);
        else {
          add(piece);
          endPending(out);
        }
        start = nl + 1;
      }
      if (start < chunk.length) add(chunk.slice(start));
      if (out.length > 0) yield out;
    }
    const out: JsonItem[] = [];
    if (pendingLength !== 0) endPending(out);
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
