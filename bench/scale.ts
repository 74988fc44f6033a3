/**
 * `npm run bench:scale`: the same Penny on one PostgreSQL server and on a Citus cluster of a
 * coordinator and two workers, side by side, on the 10M cost rows + 10M LLM calls dataset of
 * bench/big-dataset.ts (BENCH_BIG_ROWS for a quicker run): the scan suite (bench/scan-suite.ts),
 * the question set of bench:ask (bench/ask-questions.ts), and how one aggregate pass divides across
 * the workers (bench/citus-shards.ts). One server: PENNY_BENCH_PLAIN_URL, else DATABASE_URL, else
 * the embedded server. Cluster: bench/citus-cluster.ts. Each side generates its data once and keeps
 * it. The two sides run back to back, scan kind by scan kind and question by question, and each
 * question's ratio is printed. Here every node shares the same cores, so the targets are about overhead: the cluster's scan
 * suite within 1.5 × one server's, question p95 ≤ 250 ms.
 */
import os from 'node:os';
import type pg from 'pg';
import { pct, QUESTIONS, timeQuestion, type QuestionTimes } from './ask-questions.ts';
import { BIG_AS_OF, BIG_ROWS, openBigDataset } from './big-dataset.ts';
import { citusSide } from './citus-cluster.ts';
import { shardFigures, type ShardFigures } from './citus-shards.ts';
import { countRows, prepareSuite, SCAN_KINDS, timeAggregate, timeKind, type SuiteResult } from './scan-suite.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

interface Side {
  counts: { cost: number; usage: number };
  /** The machine's 1-minute load average before and after: every node shares its cores with whatever else runs. */
  load: [number, number];
  suite: SuiteResult;
  questions: QuestionTimes;
  shards?: ShardFigures;
}

/**
 * Measures the sides back to back: each scan kind and each question runs on one side, then at once
 * on the next, so a change in the load of the shared machine falls on both alike.
 */
async function measure(pools: pg.Pool[]): Promise<Side[]> {
  const before = os.loadavg()[0]!;
  const sides = await Promise.all(
    pools.map(async (pool) => ({
      counts: await countRows(pool),
      suite: { aggregate: 0, kinds: [], total: 0, findingsByType: new Map() } as SuiteResult,
      questions: { times: [], perQuestion: new Map(), failures: [] } as QuestionTimes,
    })),
  );
  process.stderr.write('  scan suite…\n');
  for (const pool of pools) await prepareSuite(pool);
  for (const [i, pool] of pools.entries()) sides[i]!.suite.aggregate = await timeAggregate(pool);
  for (const kind of SCAN_KINDS) {
    for (const [i, pool] of pools.entries()) sides[i]!.suite.kinds.push(await timeKind(pool, kind, BIG_AS_OF, sides[i]!.suite.findingsByType));
  }
  for (const side of sides) side.suite.total = side.suite.kinds.reduce((s, k) => s + k.seconds, 0);
  process.stderr.write(`  ${QUESTIONS.length} questions × ${ROUNDS}…\n`);
  for (let round = 0; round < ROUNDS; round++) {
    for (const q of QUESTIONS) {
      for (const [i, pool] of pools.entries()) {
        const t = sides[i]!.questions;
        if (t.failures.some((f) => f.question === q)) continue;
        try {
          const took = await timeQuestion(pool, q, BIG_AS_OF);
          t.times.push(took);
          t.perQuestion.set(q, [...(t.perQuestion.get(q) ?? []), took]);
        } catch (err) {
          t.failures.push({ question: q, error: (err as Error).message });
        }
      }
    }
  }
  const load: [number, number] = [before, os.loadavg()[0]!];
  return sides.map((s) => ({ ...s, load }));
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

function perQuestion(plain: Side, citus: Side): void {
  console.log('\nper question, p50 of the rounds, measured back to back:');
  console.log(`  ${'one server'.padStart(11)}${'Citus'.padStart(11)}${'ratio'.padStart(8)}  question`);
  for (const q of QUESTIONS) {
    const [a, b] = [plain, citus].map((s) => s.questions.perQuestion.get(q));
    if (!a || !b) continue;
    console.log(`  ${ms(pct(a, 50)).padStart(11)}${ms(pct(b, 50)).padStart(11)}${`${(pct(b, 50) / pct(a, 50)).toFixed(1)}x`.padStart(8)}  ${q}`);
  }
}

async function main(): Promise<void> {
  console.log(`bench:scale on ${int(BIG_ROWS)} cost rows + ${int(BIG_ROWS)} LLM calls as of ${BIG_AS_OF}, ${ROUNDS} rounds of ${QUESTIONS.length} questions\n`);
  process.stderr.write('one server…\n');
  const plainDb = await openBigDataset(process.env.PENNY_BENCH_PLAIN_URL ?? process.env.DATABASE_URL);
  process.stderr.write('Citus…\n');
  const cluster = await citusSide(`penny_big_${BIG_ROWS}`);
  try {
    if ('skipped' in cluster) {
      sideBySide((await measure([plainDb.pool]))[0]!, cluster.skipped);
      return;
    }
    let citus: Side | string;
    try {
      const citusDb = await openBigDataset(cluster.url);
      try {
        const [plain, c] = await measure([plainDb.pool, citusDb.pool]);
        citus = { ...c!, shards: await shardFigures(citusDb.pool) };
        sideBySide(plain!, citus);
        perQuestion(plain!, citus);
        if (citus.shards) perShard(citus.shards);
      } finally {
        await citusDb.close();
      }
    } catch (err) {
      citus = `the run on the cluster failed: ${(err as Error).message}`;
      sideBySide((await measure([plainDb.pool]))[0]!, citus);
    } finally {
      await cluster.stop();
    }
  } finally {
    await plainDb.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
