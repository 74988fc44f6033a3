/**
 * `npm run bench:data -- --nab <NAB checkout> --ms <cloud-monitoring-dataset checkout>`: copies what
 * the benchmarks read of each public set, with its licence and README, into PENNY_BENCH_DATA
 * (default bench/data). Each option is a folder laid out as the set's repository is.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { BENCH_DATA, missing, PUBLIC_SETS } from './data.ts';

const program = new Command('bench:data').description("fill the benchmarks' data folder from checkouts of the public sets");
for (const set of PUBLIC_SETS) program.option(`--${set.option} <folder>`, `a checkout of ${set.repository}`);
const opts = program.parse().opts<Record<string, string | undefined>>();

let filled = 0;
for (const set of PUBLIC_SETS) {
  const from = opts[set.option];
  if (!from) continue;
  const gone = missing(set, from);
  if (gone.length > 0) {
    console.error(`bench:data: ${from} is not a checkout of ${set.repository} (missing ${gone.join(', ')})`);
    process.exit(1);
  }
  const to = path.join(BENCH_DATA, set.folder);
  fs.rmSync(to, { recursive: true, force: true });
  const extras = fs.readdirSync(from).filter((f) => /^(license|readme)/i.test(f));
  for (const p of [...set.needs, ...extras]) fs.cpSync(path.join(from, p), path.join(to, p), { recursive: true });
  console.log(`${set.name}: ${set.needs.join(', ')} copied to ${to}`);
  filled++;
}
if (filled === 0) {
  console.error(`bench:data: name at least one set: ${PUBLIC_SETS.map((s) => `--${s.option} <checkout of ${s.repository}>`).join(' ')}`);
  process.exit(1);
}
