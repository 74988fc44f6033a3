/**
 * `npm run bench:ask`: on 10 million cost rows and 10 million LLM calls (bench/big-dataset.ts),
 * the latency of Penny's own work per question through the offline planner (p50/p95, model time
 * excluded: there is none), and on the agent path against a scripted OpenAI-compatible server,
 * model calls and prompt tokens per question; first, planning time by question length
 * (bench/question-length.ts). Targets: p95 ≤ 250 ms; ≤ 2 calls and ≤ 3,000 prompt tokens median;
 * planning a 40,000-character question < 100 ms.
 */
import { answerWithAgent } from '../src/ask/agent/answer.ts';
import { planQuestion } from '../src/ask/planner/plan.ts';
import pg from 'pg';
import { loadCatalog, readCatalog } from '../src/ask/planner/catalog.ts';
import { loadEnv } from '../src/config/env.ts';
import { startFakeOpenAI } from '../test/support/openai-server.ts';
import { QUESTIONS, pct, timeQuestions } from './ask-questions.ts';
import { BIG_AS_OF, openBigDataset } from './big-dataset.ts';
import { benchQuestionLength } from './question-length.ts';
import { benchCatalogAfterIngest } from './catalog-after-ingest.ts';
import { countRows } from './scan-suite.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const ms = (x: number) => `${x.toFixed(1)} ms`;

async function main(): Promise<void> {
  benchQuestionLength();
  const db = await openBigDataset();
  const pool = db.pool;
  const viewer = { admin: true, teams: [] };
  const counts = await countRows(pool);
  console.log(`dataset: ${counts.cost.toLocaleString('en-US')} cost rows, ${counts.usage.toLocaleString('en-US')} LLM calls; as of ${BIG_AS_OF}`);

  // The first question after an ingest reads the catalog from the data and stores it; the first
  // in a new process (each `penny ask` from the shell) takes the stored one.
  const t0 = performance.now();
  await readCatalog(pool, viewer, BIG_AS_OF);
  console.log(`catalog of stored names read from the data (first question after an ingest): ${ms(performance.now() - t0)}`);
  await loadCatalog(pool, viewer, BIG_AS_OF);
  const fresh = new pg.Pool({ connectionString: pool.options.connectionString, max: 1 });
  const t1 = performance.now();
  await loadCatalog(fresh, viewer, BIG_AS_OF);
  console.log(`catalog in a new process, stored under the same loads (first question after a start): ${ms(performance.now() - t1)}`);
  await fresh.end();
  await benchCatalogAfterIngest(pool, viewer, BIG_AS_OF);

  const { times, perQuestion, failures } = await timeQuestions(pool, BIG_AS_OF, ROUNDS);
  if (failures.length) throw new Error(failures.map((f) => `${f.question}: ${f.error}`).join('\n'));
  console.log(`\noffline planner, ${QUESTIONS.length} questions × ${ROUNDS} rounds:`);
  for (const [q, ts] of perQuestion) console.log(`  ${ms(pct(ts, 50)).padStart(9)}  ${q}`);
  console.log(`p50 ${ms(pct(times, 50))}, p95 ${ms(pct(times, 95))}, max ${ms(Math.max(...times))} (target p95 ≤ 250 ms)`);

  // The agent path: the scripted model asks for the query the planner would build, then words it.
  // Tool schemas as OpenAI's hosts read them (the scripted server is local, which would inline them).
  const fake = await startFakeOpenAI();
  const env = loadEnv({ ...process.env, OPENAI_API_KEY: 'sk-bench', OPENAI_BASE_URL: fake.baseURL, PENNY_MODEL: 'gpt-4o-mini', PENNY_TOOL_SCHEMA: 'refs', PENNY_LOG_LEVEL: 'warn' });
  const catalog = await loadCatalog(pool, viewer, BIG_AS_OF);
  const calls: number[] = [];
  const tokens: number[] = [];
  for (const q of QUESTIONS) {
    const plan = planQuestion(q, { asOf: BIG_AS_OF, catalog });
    if (!plan.ok) throw new Error(q);
    fake.script({ toolCalls: [{ name: 'run_cost_query', args: plan.query }] }, { text: 'Here is the answer.' });
    const a = await answerWithAgent(pool, env, q, { viewer, asOf: BIG_AS_OF });
    calls.push(a.llmCalls);
    tokens.push(a.promptTokens);
  }
  await fake.close();
  console.log(
    `\nagent path (scripted model, prompt tokens counted with o200k_base): model calls per question median ${pct(calls, 50)}, max ${Math.max(...calls)}; prompt tokens per question median ${pct(tokens, 50)}, p95 ${pct(tokens, 95)}, max ${Math.max(...tokens)} (targets ≤ 2 calls, ≤ 3,000 tokens median)`,
  );
  await db.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
