/**
 * `npm run bench:scale`: the same Penny on one PostgreSQL server and on a Citus cluster of a
 * coordinator and two workers, side by side, on the 10M cost rows + 10M LLM calls dataset of
 * bench/big-dataset.ts (BENCH_BIG_ROWS for a quicker run): the scan suite (bench/scan-suite.ts),
 * the question set of bench:ask (bench/ask-questions.ts), and how one aggregate pass divides across
 * the workers (bench/citus-shards.ts). One server: PENNY_BENCH_PLAIN_URL, else DATABASE_URL, else
 * the embedded server. Cluster: bench/citus-cluster.ts. Each side generates its data once and keeps
 * it. Here every node shares the same cores, so the targets are about overhead: the cluster's scan
 * suite within 1.5 × one server's, question p95 ≤ 250 ms.
 */
import os from 'node:os';
import { pct, QUESTIONS, timeQuestions, type QuestionTimes } from './ask-questions.ts';
import { BIG_AS_OF, BIG_ROWS, openBigDataset } from './big-dataset.ts';
import { citusSide } from './citus-cluster.ts';
import { shardFigures, type ShardFigures } from './citus-shards.ts';
import { countRows, runScanSuite, type SuiteResult } from './scan-suite.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

interface Side {
  counts: { cost: number; usage: number };
  /** The machine's 1-minute load average before and after: every node shares its cores with whatever else runs. */
  load: [number, number];
  suite: SuiteResult;
  questions: QuestionTimes;
  shards?: ShardFigures;
}

async function measure(url: string | undefined, citus: boolean): Promise<Side> {
  const db = await openBigDataset(url);
  const before = os.loadavg()[0]!;
  try {
    const counts = await countRows(db.pool);
    process.stderr.write(`  ${db.location}: scan suite…\n`);
    const suite = await runScanSuite(db.pool, BIG_AS_OF);
    process.stderr.write(`  ${db.location}: ${QUESTIONS.length} questions × ${ROUNDS}…\n`);
    const questions = await timeQuestions(db.pool, BIG_AS_OF, ROUNDS);
    const shards = citus ? await shardFigures(db.pool) : undefined;
    return { counts, load: [before, os.loadavg()[0]!], suite, questions, shards };
  } finally {
    await db.close();
  }
}

const secs = (x: number) => `${x.toFixed(2)} s`;
const ms = (x: number) => `${x.toFixed(1)} ms`;
const int = (x: number) => Math.round(x).toLocaleString('en-US');
const mb = (bytes: number) => `${int(bytes / 1048576)} MB`;

function sideBySide(plain: Side, citus: Side | string): void {
  const c = typeof citus === 'string' ? undefined : citus;
  const rows: [string, string, string, string?][] = [];
  const row = (label: string, f: (s: Side) => string, note?: string) => rows.push([label, f(plain), c ? f(c) : '-', note]);
  row('cost rows / LLM calls', (s) => `${int(s.counts.cost)} / ${int(s.counts.usage)}`);
  for (const kind of plain.suite.kinds.map((k) => k.kind)) {
    row(`${kind} scan`, (s) => {
      const k = s.suite.kinds.find((x) => x.kind === kind)!;
      return k.error ? `FAILED (${secs(k.seconds)})` : `${secs(k.seconds)}, ${k.findings} findings`;
    });
  }
  const failed = (s: Side) => s.suite.kinds.some((k) => k.error);
  const ratio = c ? c.suite.total / plain.suite.total : NaN;
  row('scan suite total', (s) => `${secs(s.suite.total)}${failed(s) ? ' (incomplete)' : ''}`, c ? `cluster / one server ${ratio.toFixed(2)}x (target <= 1.5x)` : undefined);
  row('one aggregate pass', (s) => secs(s.suite.aggregate));
  row('questions answered', (s) => `${s.questions.perQuestion.size} of ${QUESTIONS.length}`);
  row('question p50', (s) => ms(pct(s.questions.times, 50)));
  row('question p95', (s) => ms(pct(s.questions.times, 95)), 'target <= 250 ms');
  row('question max', (s) => ms(Math.max(...s.questions.times)));
  row('slowest question (p50)', (s) => {
    const [q, ts] = [...s.questions.perQuestion].sort((a, b) => pct(b[1], 50) - pct(a[1], 50))[0]!;
    return `${ms(pct(ts, 50))}: ${q.slice(0, 18)}`;
  });
  row('load average before/after', (s) => s.load.map((x) => x.toFixed(1)).join(' / '), `${os.cpus().length} cores`);
  const w = [24, 28, 28];
  console.log(['', 'one server', 'Citus (coordinator + 2 workers)'].map((h, i) => h.padEnd(w[i]!)).join('  '));
  for (const [label, a, b, note] of rows) console.log(`${label.padEnd(w[0]!)}  ${a.padEnd(w[1]!)}  ${b.padEnd(w[2]!)}${note ? `  ${note}` : ''}`);
  if (typeof citus === 'string') console.log(`\nCitus column skipped: ${citus}`);
  for (const [name, s] of c
    ? ([
        ['one server', plain],
        ['Citus', c],
      ] as const)
    : ([['one server', plain]] as const)) {
    for (const k of s.suite.kinds.filter((x) => x.error)) console.log(`${name}: ${k.kind} scan failed: ${k.error}`);
    for (const f of s.questions.failures) console.log(`${name}: question failed: "${f.question}": ${f.error}`);
  }
  if (c) {
    const types = (s: Side) => JSON.stringify([...s.suite.findingsByType].sort());
    console.log(`findings by type ${types(plain) === types(c) ? 'are the same on both' : `differ: one server ${types(plain)}, Citus ${types(c)}`}`);
  }
}

function perShard(f: ShardFigures): void {
  console.log('\nCitus: how one aggregate pass (daily sums of cost_lines and llm_usage) divides, from EXPLAIN ANALYZE of every task:');
  if (f.local.length) console.log(`  not distributed, scanned by the coordinator alone: ${f.local.join(', ')}`);
  console.log(`  ${'worker'.padEnd(18)}${'shards'.padStart(8)}${'size'.padStart(10)}${'tasks'.padStart(8)}${'rows scanned'.padStart(14)}${'busy (tasks one at a time)'.padStart(28)}`);
  for (const x of f.workers)
    console.log(`  ${x.node.padEnd(18)}${String(x.shards).padStart(8)}${mb(x.bytes).padStart(10)}${String(x.tasks).padStart(8)}${int(x.rows).padStart(14)}${`${int(x.busyMs)} ms`.padStart(28)}`);
  const busy = f.workers.reduce((s, x) => s + x.busyMs, 0);
  const n = f.workers.length;
  console.log(`  coordinator: ${f.tasks} tasks sent; ${int(f.wallMs)} ms in all, ${int(f.mergeMs)} ms of it after the workers' partial aggregates were in (merging them)`);
  if (n > 0) {
    console.log(
      `  work per worker now: ${int(busy / n)} ms; with ${n + 1} workers on their own cores and the shards rebalanced: ~${int(busy / (n + 1))} ms each (${Math.round((1 - n / (n + 1)) * 100)} % less), the merge unchanged`,
    );
  }
}

async function main(): Promise<void> {
  console.log(`bench:scale on ${int(BIG_ROWS)} cost rows + ${int(BIG_ROWS)} LLM calls as of ${BIG_AS_OF}, ${ROUNDS} rounds of ${QUESTIONS.length} questions\n`);
  process.stderr.write('one server…\n');
  const plain = await measure(process.env.PENNY_BENCH_PLAIN_URL ?? process.env.DATABASE_URL, false);
  process.stderr.write('Citus…\n');
  const cluster = await citusSide(`penny_big_${BIG_ROWS}`);
  let citus: Side | string;
  if ('skipped' in cluster) citus = cluster.skipped;
  else {
    try {
      citus = await measure(cluster.url, true);
    } catch (err) {
      citus = `the run on the cluster failed: ${(err as Error).message}`;
    } finally {
      await cluster.stop();
    }
  }
  sideBySide(plain, citus);
  if (typeof citus !== 'string' && citus.shards) perShard(citus.shards);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
