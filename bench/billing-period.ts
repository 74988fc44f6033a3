/**
 * `npm run bench:billing`: on bench:ask's dataset (bench/big-dataset.ts; BENCH_BIG_ROWS for
 * another size), the latency of invoice questions, which select by billing period, beside the same
 * questions on the charge basis. Both read the daily rollup, keyed by charge day and billing period
 * (migration 034); each line says which table answered. Each question through the offline planner,
 * BENCH_ROUNDS times. There is no target.
 */
import { answerOffline } from '../src/ask/answer/answer.ts';
import { pct } from './ask-questions.ts';
import { BIG_AS_OF, openBigDataset } from './big-dataset.ts';
import { countRows } from './scan-suite.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const month = BIG_AS_OF.slice(0, 7);
const last = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 2, 1)).toISOString().slice(0, 7);
const monthName = (m: string) => new Date(`${m}-01T00:00:00Z`).toLocaleString('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** [billing-basis question, its charge-basis counterpart]. */
const PAIRS: [string, string][] = [
  [`how much was the ${monthName(last)} invoice?`, 'total billed cost last month'],
  [`billed cost by service for the ${monthName(last)} billing period`, 'billed cost by service last month'],
  [`what's on our invoice for ${monthName(last)} by team?`, 'billed cost by team last month'],
];

async function main(): Promise<void> {
  const db = await openBigDataset();
  const counts = await countRows(db.pool);
  console.log(`dataset: ${counts.cost.toLocaleString('en-US')} cost rows; as of ${BIG_AS_OF}; ${ROUNDS} rounds`);
  const viewer = { admin: true, teams: [] };
  // The first answer also reads the planner's catalog of stored values (seconds at this size): not timed.
  await answerOffline(db.pool, PAIRS[0]![1], { viewer, asOf: BIG_AS_OF });
  const time = async (q: string): Promise<{ p50: number; p95: number; basis: string; read: string }> => {
    const ts: number[] = [];
    let basis = '';
    let read = '';
    for (let r = 0; r < ROUNDS; r++) {
      const s = performance.now();
      const a = await answerOffline(db.pool, q, { viewer, asOf: BIG_AS_OF });
      ts.push(performance.now() - s);
      if (!a.query) throw new Error(`${q}: the planner declined it: ${a.answer}`);
      basis = a.query.periodBasis;
      read = a.result?.rollup ? 'rollup' : 'raw';
    }
    return { p50: pct(ts, 50), p95: pct(ts, 95), basis, read };
  };
  for (const [billing, charge] of PAIRS) {
    for (const q of [billing, charge]) {
      const t = await time(q);
      console.log(`  p50 ${t.p50.toFixed(1).padStart(8)} ms  p95 ${t.p95.toFixed(1).padStart(8)} ms  ${t.basis.padEnd(7)}  ${t.read.padEnd(6)}  ${q}`);
    }
  }
  await db.close();
}

await main();
