/**
 * `npm run bench:convert`: the FOCUS convert worker alone (parse, check, COPY text, daily sums) on
 * bench:ingest's CSV, without a database: the process's CPU time (all threads; the main thread
 * only receives chunks) and wall time per run. The worker's CPU is what a new month's ingest waits
 * on, and CPU time holds still on a loaded machine where wall time does not.
 *
 * `--hash` also prints a SHA-256 of what the worker produced (the COPY text of each month, the
 * rejects, the daily sums in sorted order and the charge kind inputs), so a change to the worker can
 * be checked to produce the same bytes; hashing adds main-thread CPU, so CPU figures are then off.
 * BENCH_ROWS picks the file (default 300,000), BENCH_RUNS the runs (default 3).
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_ATTRIBUTION_KEYS } from '../src/schema/attribution.ts';
import { startConversion } from '../src/ingest/focus/convert-thread.ts';
import { writeFocusCsv } from './focus-generator.ts';

const ROWS = Number(process.env.BENCH_ROWS ?? 300_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const hash = process.argv.includes('--hash');
const file = path.resolve(import.meta.dirname, 'out', `focus-${ROWS}.csv`);
if (!existsSync(file)) await writeFocusCsv(file, ROWS);

const text = new TextDecoder();
const sortedLines = (bytes: Uint8Array) => text.decode(bytes).split('\n').sort().join('\n');

async function convertOnce(): Promise<{ rows: number; cpu: number; wall: number; digest: string }> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const conversion = await startConversion({ file, loadId: '1', strict: false, attribution: DEFAULT_ATTRIBUTION_KEYS });
  const byMonth = new Map<string, ReturnType<typeof createHash>>();
  let rows = 0;
  for await (const chunk of conversion.chunks) {
    rows += chunk.rows;
    if (!hash) continue;
    for (const part of chunk.parts) {
      let h = byMonth.get(part.month);
      if (!h) byMonth.set(part.month, (h = createHash('sha256')));
      h.update(part.text);
    }
  }
  const end = conversion.end();
  const daily = await conversion.daily();
  await conversion.stop();
  const cpu = process.cpuUsage(cpu0);
  const wall = performance.now() - t0;
  let digest = '';
  if (hash) {
    const all = createHash('sha256');
    for (const [month, h] of [...byMonth].sort()) all.update(`${month}\n${h.digest('hex')}\n`);
    all.update(end.rejects.join('\n')).update(sortedLines(daily.sums)).update(sortedLines(daily.kindInputs));
    digest = all.digest('hex');
  }
  return { rows, cpu: (cpu.user + cpu.system) / 1000, wall, digest };
}

console.log(
  `convert worker on ${path.basename(file)}, load average ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
for (let run = 1; run <= RUNS; run++) {
  const r = await convertOnce();
  const per100k = (ms: number) => ((ms * 100_000) / r.rows / 1000).toFixed(2);
  console.log(`run ${run}: ${r.rows} rows, CPU ${(r.cpu / 1000).toFixed(2)} s (${per100k(r.cpu)} s per 100k rows), wall ${(r.wall / 1000).toFixed(2)} s${hash ? `, sha256 ${r.digest}` : ''}`);
}
