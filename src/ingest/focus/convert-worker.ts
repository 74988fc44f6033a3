/**
 * Worker thread: reads and converts one export file (see convert.ts), posting COPY text chunks to
 * the main thread, which only pumps them into PostgreSQL. Parsing and checking rows is most of an
 * ingest's CPU; on its own thread it runs beside the COPY instead of taking turns with it.
 * The main thread hands out credits, so at most a few chunks are ever in flight.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Attributor } from '../attribution.ts';
import { FileConverter } from './convert.ts';
import { openRecords } from './readers.ts';
import type { FromWorker, ToWorker, WorkerInput } from './convert-thread.ts';

const port = parentPort!;
const input = workerData as WorkerInput;
let credits = 4;
let wake: (() => void) | undefined;
port.on('message', (m: ToWorker) => {
  credits += m.credits;
  wake?.();
});

const post = (m: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);

async function run(): Promise<void> {
  const source = await openRecords(input.file, input.part);
  try {
    const converter = new FileConverter(source, input.loadId, input.strict, new Attributor(input.attribution), input.refBase);
    post({ type: 'start', format: source.format, header: source.header, copyColumns: converter.copyColumns, warnings: converter.warnings });
    for await (const chunk of converter.chunks()) {
      while (credits <= 0) await new Promise<void>((r) => (wake = r));
      credits--;
      // Transferred, not copied: each part's bytes own their buffer.
      post(
        { type: 'chunk', chunk },
        chunk.parts.map((p) => p.text.buffer as ArrayBuffer),
      );
    }
    const end = { lines: source.linesRead?.() ?? 0, endsInQuotes: source.endsInQuotes?.() ?? false };
    post({ type: 'end', periods: [...converter.periods.values()], rejects: converter.rejects, ...end });
    // After the summary: the load builds its indexes while the sums are written out.
    const daily = converter.daily.toCopyText();
    post({ type: 'daily', daily }, [daily.sums.buffer as ArrayBuffer, daily.kindInputs.buffer as ArrayBuffer]);
  } finally {
    await source.close();
  }
}

run().catch((err: Error) => post({ type: 'fail', name: err.name, message: err.message, code: (err as NodeJS.ErrnoException).code }));
