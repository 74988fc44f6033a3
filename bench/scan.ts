/**
 * `npm run bench:scan`: the full scan suite (anomaly, waste, budget; bench/scan-suite.ts) over 10
 * million cost rows and 10 million LLM calls on real PostgreSQL (the dataset of
 * bench/big-dataset.ts, shared with bench:ask), against the time of one aggregate scan of the same
 * tables (daily sums of each), with the Node process's peak RSS. Targets: ≤ 20 s, ≤ 3 × the
 * aggregate scan, ≤ 300 MB RSS.
 */
import { BIG_AS_OF, openBigDataset } from './big-dataset.ts';
import { countRows, runScanSuite } from './scan-suite.ts';

const db = await openBigDataset();
try {
  const counts = await countRows(db.pool);
  console.log(`dataset: ${counts.cost.toLocaleString('en-US')} cost rows, ${counts.usage.toLocaleString('en-US')} LLM calls; as of ${BIG_AS_OF}`);
  const suite = await runScanSuite(db.pool, BIG_AS_OF);
  const rssMb = process.resourceUsage().maxRSS / 1024;
  const found = [...suite.findingsByType].map(([k, v]) => `${k} ${v}`).join(', ');
  console.log(`findings: ${[...suite.findingsByType.values()].reduce((s, n) => s + n, 0)} (${found})`);
  const kinds = suite.kinds.map((k) => `${k.kind} ${k.seconds.toFixed(2)} s${k.error ? ` (failed: ${k.error})` : ''}`).join(', ');
  console.log(`full scan suite (anomaly + waste + budget): ${suite.total.toFixed(2)} s (target <= 20 s): ${kinds}`);
  console.log(`one aggregate scan (daily sum of cost_lines + llm_usage): ${suite.aggregate.toFixed(2)} s`);
  console.log(`ratio suite / aggregate scan: ${(suite.total / suite.aggregate).toFixed(2)} (target <= 3)`);
  console.log(`Node max RSS: ${rssMb.toFixed(0)} MB (target <= 300 MB)`);
  if (suite.kinds.some((k) => k.error)) process.exitCode = 1;
} finally {
  await db.close();
}
