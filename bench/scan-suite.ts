/**
 * The scan suite of the big-dataset benches (bench:scan, bench:scale): budgets for three teams,
 * then each scan kind (anomaly, waste, budget) timed on its own, beside the time of one aggregate
 * pass over the same tables (daily sums of cost_lines and llm_usage). A kind that fails is reported
 * with its error, not thrown, so a bench can still print the kinds that ran.
 */
import type pg from 'pg';
import { setBudget } from '../src/budgets/store.ts';
import type { ScanKind } from '../src/findings/finding.ts';
import { runScans } from '../src/scans/run.ts';

export const seconds = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e9;

/** The aggregate pass every scan reads at least once: daily sums of both large tables. */
export const AGGREGATE_SQL = [
  `select (charge_period_start at time zone 'UTC')::date as day, sum(effective_cost) from cost_lines group by 1`,
  `select (ts at time zone 'UTC')::date as day, sum(cost) from llm_usage group by 1`,
];

export interface KindTiming {
  kind: ScanKind;
  seconds: number;
  findings: number;
  error?: string;
}

export interface SuiteResult {
  /** One aggregate pass, on a warm cache. */
  aggregate: number;
  kinds: KindTiming[];
  /** Sum of the kinds' times. */
  total: number;
  findingsByType: Map<string, number>;
}

export async function countRows(pool: pg.Pool): Promise<{ cost: number; usage: number }> {
  const { rows } = await pool.query('select (select count(*) from cost_lines)::bigint as cost, (select count(*) from llm_usage)::bigint as usage');
  return { cost: Number(rows[0].cost), usage: Number(rows[0].usage) };
}

export async function timeAggregate(pool: pg.Pool): Promise<number> {
  const t0 = process.hrtime.bigint();
  for (const sql of AGGREGATE_SQL) await pool.query(sql);
  return seconds(t0);
}

export async function runScanSuite(pool: pg.Pool, asOf: string): Promise<SuiteResult> {
  for (const team of ['search', 'platform', 'data']) await setBudget(pool, { scope: { team }, amount: '250000', tokenLimit: '50000000000' });
  await timeAggregate(pool); // warm the cache, as a scan run after ingest would find it
  const aggregate = await timeAggregate(pool);
  const kinds: KindTiming[] = [];
  const findingsByType = new Map<string, number>();
  for (const kind of ['anomaly', 'waste', 'budget'] as const) {
    const t0 = process.hrtime.bigint();
    try {
      const result = await runScans(pool, { kinds: [kind], asOf });
      kinds.push({ kind, seconds: seconds(t0), findings: result.findings.length });
      for (const f of result.findings) findingsByType.set(f.type, (findingsByType.get(f.type) ?? 0) + 1);
    } catch (err) {
      kinds.push({ kind, seconds: seconds(t0), findings: 0, error: (err as Error).message });
    }
  }
  return { aggregate, kinds, total: kinds.reduce((s, k) => s + k.seconds, 0), findingsByType };
}
