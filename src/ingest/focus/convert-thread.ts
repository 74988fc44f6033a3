/**
 * The main thread's side of convert-worker: starts the worker for one file and turns its messages
 * into a start header, an async stream of chunks, the closing summary, and then the daily sums:
 * those take the worker a while to write out, and the load builds its indexes meanwhile.
 */
import { Worker } from 'node:worker_threads';
import type { AttributionKeys } from '../../schema/attribution.ts';
import type { Chunk } from './convert.ts';
import type { DailySumsText } from '../../schema/daily-sums.ts';
import type { PeriodStats } from './periods.ts';
import type { CsvPart, RecordSource } from './readers.ts';

/**
 * The worker makes a few short-lived strings per field of every row: with V8's default young
 * generation it spends a fifth of its time collecting them; a larger one collects far less often.
 */
const YOUNG_GENERATION_MB = 192;

export interface WorkerInput {
  file: string;
  loadId: string;
  strict: boolean;
  /** Plain data, so it crosses to the worker, which builds its own Attributor from it. */
  attribution: AttributionKeys;
  /** Only this part of a plain CSV file (see convert-split.ts), its charge kind refs from `refBase`. */
  part?: CsvPart;
  refBase?: number;
}

export type FromWorker =
  | { type: 'start'; format: RecordSource['format']; header: string[]; copyColumns: string[]; warnings: string[] }
  | { type: 'chunk'; chunk: Chunk }
  | { type: 'end'; periods: PeriodStats[]; rejects: string[]; lines: number; endsInQuotes: boolean }
  | { type: 'daily'; daily: DailySumsText }
  | { type: 'fail'; name: string; message: string; code?: string };

export interface ToWorker {
  credits: number;
}

/** A failure the worker reported, keeping the original error's name and code for callers. */
export class ConversionError extends Error {
  constructor(
    readonly kind: string,
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

export interface Conversion {
  start: Extract<FromWorker, { type: 'start' }>;
  chunks: AsyncGenerator<Chunk>;
  /** Resolves after the last chunk has been consumed. */
  end(): Extract<FromWorker, { type: 'end' }>;
  /** The rows summed per day, which the worker sends after the summary. */
  daily(): Promise<DailySumsText>;
  stop(): Promise<void>;
}

export async function startConversion(input: WorkerInput): Promise<Conversion> {
  // From dist/ the compiled worker; from src/ (tests) the shim that loads convert-worker.ts through tsx.
  const worker = new Worker(new URL('./convert-worker.js', import.meta.url), { workerData: input, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
  const inbox: FromWorker[] = [];
  let wake: (() => void) | undefined;
  worker.on('message', (m: FromWorker) => {
    inbox.push(m);
    wake?.();
  });
  worker.on('error', (err) => {
    inbox.push({ type: 'fail', name: err.name, message: err.message });
    wake?.();
  });

  async function next(): Promise<FromWorker> {
    while (inbox.length === 0) await new Promise<void>((r) => (wake = r));
    const m = inbox.shift()!;
    if (m.type === 'fail') throw new ConversionError(m.name, m.message, m.code);
    return m;
  }

  const first = await next().catch(async (err) => {
    await worker.terminate();
    throw err;
  });
  if (first.type !== 'start') throw new Error(`convert worker: expected start, got ${first.type}`);
  let end: Extract<FromWorker, { type: 'end' }> | undefined;
  let daily: Promise<DailySumsText> | undefined;
  async function* chunks(): AsyncGenerator<Chunk> {
    for (;;) {
      const m = await next();
      if (m.type === 'end') {
        end = m;
        return;
      }
      if (m.type !== 'chunk') throw new Error(`convert worker: unexpected ${m.type}`);
      worker.postMessage({ credits: 1 } satisfies ToWorker);
      yield m.chunk;
    }
  }
  return {
    start: first,
    chunks: chunks(),
    end: () => {
      if (!end) throw new Error('convert worker: summary read before the last chunk');
      return end;
    },
    daily: () => {
      if (!end) throw new Error('convert worker: daily sums read before the last chunk');
      daily ??= next().then((m) => {
        if (m.type !== 'daily') throw new Error(`convert worker: expected daily sums, got ${m.type}`);
        return m.daily;
      });
      return daily;
    },
    stop: async () => {
      await worker.terminate();
    },
  };
}
