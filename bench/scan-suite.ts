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

/** What every scan run of the suite starts from: budgets for three teams, and a warm cache, as a scan run after ingest would find it. */
export async function prepareSuite(pool: pg.Pool): Promise<void> {
  for (const team of ['search', 'platform', 'data']) await setBudget(pool, { scope: { team }, amount: '250000', tokenLimit: '50000000000' });
  await timeAggregate(pool);
}

export const SCAN_KINDS = ['anomaly', 'waste', 'budget'] as const;

/** One scan kind, timed; its findings counted by type into `byType`. */
export async function timeKind(pool: pg.Pool, kind: ScanKind, asOf: string, byType: Map<string, number>): Promise<KindTiming> {
  const t0 = process.hrtime.bigint();
  try {
    const result = await runScans(pool, { kinds: [kind], asOf });
    for (const f of result.findings) byType.set(f.type, (byType.get(f.type) ?? 0) + 1);
    return { kind, seconds: seconds(t0), findings: result.findings.length };
  } catch (err) {
    return { kind, seconds: seconds(t0), findings: 0, error: (err as Error).message };
  }
}

export async function runScanSuite(pool: pg.Pool, asOf: string): Promise<SuiteResult> {
  await prepareSuite(pool);
  const aggregate = await timeAggregate(pool);
  const findingsByType = new Map<string, number>();
  const kinds: KindTiming[] = [];
  for (const kind of SCAN_KINDS) kinds.push(await timeKind(pool, kind, asOf, findingsByType));
  return { aggregate, kinds, total: kinds.reduce((s, k) => s + k.seconds, 0), findingsByType };
}
