/**
 * Converts a large plain CSV file on two worker threads, each over about half of its bytes, since
 * one worker is slower than PostgreSQL's COPY of what it writes. The first part ends, and the
 * second begins, after the first newline past the middle. Rows are a set, so the COPY takes the
 * parts' chunks as they come; their rejects (the second's lines counted on from the first's),
 * billing periods and daily sums are merged at the end. The split is a guess checked afterwards:
 * when that newline was inside a quoted field, the first part ends in quotes, and the conversion
 * fails with SplitMisaligned for the load to be done again on one worker. The limit of bad rows
 * (MAX_REJECTS) is the file's, not each part's: the main thread counts the parts' rejects together
 * as their chunks come.
 */
import fs from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { MAX_REJECTS, tooManyBadRows, type Chunk } from './convert.ts';
import { ConversionError, startConversion, type Conversion, type FromWorker, type WorkerInput } from './convert-thread.ts';
import type { PeriodStats } from './periods.ts';
import { sniffFormat } from './readers.ts';

/**
 * Below this size a second worker costs more than it saves. With fewer than three cores, always:
 * two workers use two fifths more CPU than one (1M rows: 13.9 s against 9.8 s) and the server's
 * COPY needs a core too, so the load was no faster on two.
 */
export function splitFromBytes(cores = availableParallelism()): number {
  return cores >= 3 ? 32 << 20 : Infinity;
}
/** How far past the middle the first newline is looked for; a longer line is not split at. */
const LOOK_AHEAD = 1 << 20;
/** The second part's charge kind refs start here, far above the distinct sets of inputs of any file. */
const SECOND_REF_BASE = 1 << 24;

export class SplitMisaligned extends Error {
  override name = 'SplitMisaligned';
}

/** The byte after the first newline past the middle of a plain CSV file of `from` bytes or more; undefined when not splitting. */
async function splitPoint(file: string, from: number): Promise<{ at: number; size: number } | undefined> {
  const { size } = await fs.stat(file);
  if (size < from || (await sniffFormat(file)) !== 'csv') return undefined;
  const middle = Math.floor(size / 2);
  const handle = await fs.open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(LOOK_AHEAD), 0, LOOK_AHEAD, middle);
    const newline = buffer.subarray(0, bytesRead).indexOf(0x0a);
    const at = middle + newline + 1;
    return newline < 0 || at >= size ? undefined : { at, size };
  } finally {
    await handle.close();
  }
}

/**
 * Starts the conversion of `input.file`: on two workers when it is a plain CSV file of `splitFrom`
 * bytes or more, else on one. Not with `strict`, which must stop at the file's first bad row.
 */
export async function startConversions(input: WorkerInput, splitFrom: number): Promise<Conversion> {
  const point = input.strict ? undefined : await splitPoint(input.file, splitFrom);
  if (!point) return startConversion(input);
  const first = await startConversion({ ...input, part: { start: 0, end: point.at } });
  const second = await startConversion({ ...input, part: { start: point.at, end: point.size, header: first.start.header }, refBase: SECOND_REF_BASE }).catch(async (err) => {
    await first.stop();
    throw err;
  });
  return {
    start: first.start,
    chunks: merged(first, second),
    end: () => mergedEnd(first.end(), second.end()),
    daily: async () => {
      const [a, b] = await Promise.all([first.daily(), second.daily()]);
      return { sums: concat(a.sums, b.sums), kindInputs: concat(a.kindInputs, b.kindInputs) };
    },
    stop: async () => {
      await Promise.all([first.stop(), second.stop()]);
    },
  };
}

/** Both parts' chunks as they come, with the progress of the two together. */
async function* merged(first: Conversion, second: Conversion): AsyncGenerator<Chunk> {
  const parts = [first.chunks, second.chunks];
  const progress = [0, 0];
  let rejected = 0;
  const pending = new Map<number, Promise<{ i: number; next: IteratorResult<Chunk> }>>();
  const pull = (i: number) => {
    const promise = parts[i]!.next().then((next) => ({ i, next }));
    // The race below reports a failure; this keeps the other part's from going unhandled.
    promise.catch(() => undefined);
    pending.set(i, promise);
  };
  pull(0);
  pull(1);
  while (pending.size > 0) {
    const { i, next } = await Promise.race(pending.values()).catch((err) => unlessMisaligned(first, pending.get(0), () => err));
    if (next.done) {
      pending.delete(i);
      continue;
    }
    pull(i);
    progress[i] = next.value.progress;
    rejected += next.value.rejected;
    if (rejected > MAX_REJECTS) await unlessMisaligned(first, pending.get(0), tooManyRejects);
    yield { ...next.value, progress: (progress[0]! + progress[1]!) / 2 };
  }
  if (first.end().endsInQuotes) throw new SplitMisaligned('the middle of the file is inside a quoted field');
}

type End = Extract<FromWorker, { type: 'end' }>;

/**
 * A part failed, or the parts' bad rows together are past the limit. The second part may have
 * started inside a quoted field (the field's lines read as records, bad rows): the first part, read
 * to its end, tells, and the failure is SplitMisaligned; else `failure`, given the first part's
 * summary when it got to its end. `reading`: the first part's chunk being read, unless that part
 * was done.
 */
async function unlessMisaligned(first: Conversion, reading: Promise<unknown> | undefined, failure: (firstEnd?: End) => unknown): Promise<never> {
  const firstFailed =
    reading !== undefined &&
    (await reading.then(
      () => false,
      () => true,
    ));
  if (firstFailed) throw failure();
  try {
    while (!(await first.chunks.next()).done);
  } catch {
    throw failure();
  }
  const end = first.end();
  if (end.endsInQuotes) throw new SplitMisaligned('the middle of the file is inside a quoted field');
  throw failure(end);
}

/** The file's failure past the limit as a worker reports it, naming the file's first bad row when the first part has it. */
function tooManyRejects(firstEnd?: End): ConversionError {
  const failure = tooManyBadRows(firstEnd?.rejects ?? []);
  return new ConversionError(failure.name, failure.message);
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.byteLength + b.byteLength);
  out.set(a);
  out.set(b, a.byteLength);
  return out;
}

/** One summary of the two parts: the second's reject lines moved down by the first's lines. */
function mergedEnd(first: End, second: End): End {
  const periods = new Map<string, PeriodStats>();
  for (const p of [...first.periods, ...second.periods]) {
    const key = `${p.provider}\u0001${p.billingAccountId}\u0001${p.billingPeriodStart}`;
    const seen = periods.get(key);
    if (!seen) periods.set(key, { ...p });
    else {
      seen.rows += p.rows;
      seen.firstChargeMs = Math.min(seen.firstChargeMs, p.firstChargeMs);
      seen.lastChargeMs = Math.max(seen.lastChargeMs, p.lastChargeMs);
    }
  }
  const moved = second.rejects.map((line) => {
    const fields = line.split('\t');
    fields[2] = String(Number(fields[2]) + first.lines);
    return fields.join('\t');
  });
  return {
    type: 'end',
    periods: [...periods.values()],
    rejects: [...first.rejects, ...moved],
    lines: first.lines + second.lines,
    endsInQuotes: second.endsInQuotes,
  };
}
