/**
 * `npm run bench:usage`: generates a deterministic flat-OTel usage JSONL (BENCH_ROWS calls, default
 * 200,000), loads it with `penny ingest usage` into a fresh database (on DATABASE_URL's server, else
 * an embedded one), then loads it again (every call a duplicate), and prints calls/s for both.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { buildPenny, PENNY_BIN } from './penny-bin.ts';
import { benchServer, freshDatabase } from './server.ts';
import { writeUsageJsonl } from './usage-generator.ts';

const ROWS = Number(process.env.BENCH_ROWS ?? 200_000);
const outDir = path.resolve(import.meta.dirname, 'out');
const file = path.join(outDir, `usage-${ROWS}.jsonl`);
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

buildPenny();
await fs.mkdir(outDir, { recursive: true });
if (!existsSync(file)) {
  const t0 = Date.now();
  await writeUsageJsonl(file, ROWS);
  console.log(`generated ${file} (${fmt(ROWS)} calls, ${((await fs.stat(file)).size / 1e6).toFixed(0)} MB) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

const { url: admin, stop } = await benchServer();
try {
  const url = await freshDatabase(admin, 'penny_bench_usage');
  for (const label of ['first load', 're-ingest (all duplicates)']) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [PENNY_BIN, 'ingest', 'usage', file, '--json'], {
      env: { ...process.env, DATABASE_URL: url },
      encoding: 'utf8',
      maxBuffer: 64 << 20,
    });
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    if (r.status !== 0) throw new Error(`penny ingest usage failed: ${r.stderr}`);
    const doc = JSON.parse(r.stdout) as { rows: number; duplicates: number; unpriced: number; rejected: number };
    console.log(
      `penny ingest usage, ${label}: ${fmt(ROWS)} calls in ${seconds.toFixed(2)} s = ${fmt(ROWS / seconds)} calls/s (stored ${fmt(doc.rows)}, duplicates ${fmt(doc.duplicates)}, unpriced ${fmt(doc.unpriced)}, rejected ${fmt(doc.rejected)})`,
    );
  }
} finally {
  await stop();
}
