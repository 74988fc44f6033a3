/**
 * `npm run bench:scan`: the full scan suite (anomaly, waste, budget) over 10 million cost rows and
 * 10 million LLM calls on real PostgreSQL (the dataset of bench/big-dataset.ts, shared with
 * bench:ask), against the time of one aggregate scan of the same tables (daily sums of each), with
 * the Node process's peak RSS. Targets: ≤ 20 s, ≤ 3 × the aggregate scan, ≤ 300 MB RSS.
 */
import { setBudget } from '../src/budgets/store.ts';
import { runScans } from '../src/scans/run.ts';
import { BIG_AS_OF, openBigDataset } from './big-dataset.ts';

const seconds = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e9;

const db = await openBigDataset();
try {
  const counts = (await db.pool.query('select (select count(*) from cost_lines)::bigint as cost, (select count(*) from llm_usage)::bigint as usage')).rows[0];
  console.log(`dataset: ${Number(counts.cost).toLocaleString('en-US')} cost rows, ${Number(counts.usage).toLocaleString('en-US')} LLM calls; as of ${BIG_AS_OF}`);
  for (const team of ['search', 'platform', 'data']) await setBudget(db.pool, { scope: { team }, amount: '250000', tokenLimit: '50000000000' });
  const aggregate = async () => {
    const t0 = process.hrtime.bigint();
    await db.pool.query(`select (charge_period_start at time zone 'UTC')::date as day, sum(effective_cost) from cost_lines group by 1`);
    await db.pool.query(`select (ts at time zone 'UTC')::date as day, sum(cost) from llm_usage group by 1`);
    return seconds(t0);
  };
  await aggregate(); // warm the cache, as a scan run after ingest would find it
  const agg = await aggregate();
  const t0 = process.hrtime.bigint();
  const result = await runScans(db.pool, { kinds: ['anomaly', 'waste', 'budget'], asOf: BIG_AS_OF });
  const total = seconds(t0);
  const rssMb = process.resourceUsage().maxRSS / 1024;
  const byType = new Map<string, number>();
  for (const f of result.findings) byType.set(f.type, (byType.get(f.type) ?? 0) + 1);
  console.log(`findings: ${result.findings.length} (${[...byType].map(([k, v]) => `${k} ${v}`).join(', ')})`);
  const kinds = await db.pool.query(`select kind, duration_ms from scan_runs where started_at >= $1 order by started_at`, [new Date(Date.now() - total * 1000 - 1000)]);
  console.log(`full scan suite (anomaly + waste + budget): ${total.toFixed(2)} s (target <= 20 s): ${kinds.rows.map((r) => `${r.kind} ${(r.duration_ms / 1000).toFixed(2)} s`).join(', ')}`);
  console.log(`one aggregate scan (daily sum of cost_lines + llm_usage): ${agg.toFixed(2)} s`);
  console.log(`ratio suite / aggregate scan: ${(total / agg).toFixed(2)} (target <= 3)`);
  console.log(`Node max RSS: ${rssMb.toFixed(0)} MB (target <= 300 MB)`);
} finally {
  await db.close();
}
