/**
 * `npm run bench:start`: how long a `penny` command takes from the shell, as users run it (the
 * compiled dist/, built first): `penny --help`, `penny ingest --help`, `penny start --help` (which
 * must not load Bolt or LangChain), and `penny ask` on the demo
 * company with the database already up, each the median of BENCH_RUNS runs (default 7). Targets:
 * ≤ 0.3 s for each help, ≤ 1 s for a question.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildPenny, PENNY_BIN } from './penny-bin.ts';
import { benchServer, freshDatabase } from './server.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 7);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Median wall time of `node <args>` in seconds; throws on a failed run, so a broken command is not timed. */
function timed(args: string[], env: NodeJS.ProcessEnv = process.env): number {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    const r = spawnSync(process.execPath, args, { cwd: ROOT, env, encoding: 'utf8' });
    times.push((performance.now() - started) / 1000);
    if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited with ${r.status}: ${r.stderr}`);
  }
  return median(times);
}

function line(what: string, seconds: number, target?: number): void {
  const verdict = target === undefined ? '' : seconds <= target ? `  (target ≤ ${target} s: met)` : `  (target ≤ ${target} s: MISSED)`;
  console.log(`${what.padEnd(48)} ${seconds.toFixed(3)} s${verdict}`);
}

async function main(): Promise<void> {
  buildPenny();
  console.log(`median of ${RUNS} runs each, on ${os.cpus().length} cores (load average ${os.loadavg()[0]!.toFixed(2)})`);
  line('penny --help (dist)', timed([PENNY_BIN, '--help']), 0.3);
  line('penny ingest --help (dist)', timed([PENNY_BIN, 'ingest', '--help']), 0.3);
  line('penny start --help (dist)', timed([PENNY_BIN, 'start', '--help']), 0.3);

  const server = await benchServer();
  const home = await fs.mkdtemp(path.join(os.tmpdir(), 'penny-bench-start-'));
  try {
    const env = { ...process.env, DATABASE_URL: await freshDatabase(server.url, 'penny_bench_start'), PENNY_HOME: home, OPENAI_API_KEY: '' };
    execFileSync(process.execPath, [PENNY_BIN, 'demo'], { cwd: ROOT, env, stdio: 'ignore' });
    line('penny ask "what did we spend last month?"', timed([PENNY_BIN, 'ask', 'what did we spend last month?'], env), 1);
    line('penny ask "top 5 services last month" (chart)', timed([PENNY_BIN, 'ask', 'top 5 services last month'], env), 1);
  } finally {
    await fs.rm(home, { recursive: true, force: true });
    await server.stop();
  }
}

await main();
