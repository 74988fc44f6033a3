/**
 * The large public data sets benchmarks score against. They are not in the repository: they live
 * in PENNY_BENCH_DATA (default bench/data), which `npm run bench:data` fills from checkouts of
 * their public repositories. A benchmark missing one says so in one line and how to get it.
 */
import fs from 'node:fs';
import path from 'node:path';

export const BENCH_DATA = path.resolve(process.env.PENNY_BENCH_DATA ?? path.join(import.meta.dirname, 'data'));

export interface PublicSet {
  /** The option of `npm run bench:data` that fills it. */
  option: 'nab' | 'ms';
  name: string;
  folder: string;
  /** Paths inside the set (as laid out in its repository) that benchmarks read. */
  needs: string[];
  repository: string;
}

export const NAB: PublicSet = {
  option: 'nab',
  name: 'the Numenta Anomaly Benchmark',
  folder: 'nab',
  needs: ['data/realAWSCloudwatch', 'labels/combined_windows.json'],
  repository: 'https://github.com/numenta/NAB',
};

export const MS_CLOUD_MONITORING: PublicSet = {
  option: 'ms',
  name: "Microsoft's cloud-monitoring data set",
  folder: 'ms-cloud-monitoring',
  needs: ['data'],
  repository: 'https://github.com/microsoft/cloud-monitoring-dataset',
};

export const PUBLIC_SETS = [NAB, MS_CLOUD_MONITORING];

/** What of `set` is missing under `root` (empty when it is all there). */
export function missing(set: PublicSet, root: string): string[] {
  return set.needs.filter((p) => !fs.existsSync(path.join(root, p)));
}

/** The set's folder; exits with one line naming what is missing and how to get it. */
export function requireSet(bench: string, set: PublicSet): string {
  const root = path.join(BENCH_DATA, set.folder);
  const gone = missing(set, root);
  if (gone.length > 0) {
    console.error(
      `${bench} needs ${set.name} in ${root} (missing ${gone.join(', ')}): ` +
        `git clone --depth 1 ${set.repository} /tmp/${set.folder} && npm run bench:data -- --${set.option} /tmp/${set.folder}` +
        ' (or set PENNY_BENCH_DATA to a folder that has it)',
    );
    process.exit(1);
  }
  return root;
}
