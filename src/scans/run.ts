/**
 * `runScans`: the one entry point the CLI and the scheduler call. Each requested kind (anomaly,
 * waste, budget) computes its findings from the store, then writes them and its scan_runs row in
 * one transaction (src/findings/store.ts). A kind that fails records a failed run and the error
 * is thrown after the other kinds have run, so one broken check does not silence the rest.
 * Anomaly findings get what changed on GitHub in their window when the caller passes `whatChanged`.
 */
import type pg from 'pg';
import { z } from 'zod';
import { FindingDraftSchema, SCAN_KINDS, type Finding, type FindingDraft, type ScanKind } from '../findings/finding.ts';
import { canonicalScope } from '../findings/fingerprint.ts';
import { ownerHinter } from '../findings/owner-hint.ts';
import { recordFailedRun, recordRun, type Coverage, type RunCounts } from '../findings/store.ts';
import { todayUtc } from '../costs/time.ts';
import { logger } from '../log/logger.ts';
import { anomalyCoverage, scanAnomalies, type YoungSeries } from './anomaly/scan.ts';
import { recordSuppressed, type SuppressedAnomaly } from './anomaly/suppressed.ts';
import { scanBudgets } from './budget/scan.ts';
import { ScanParams, type ResolvedParams } from './params.ts';
import { scanWaste } from './waste/scan.ts';

export type { ScanParams } from './params.ts';
export type { Finding } from '../findings/finding.ts';

export interface ScanOptions {
  kinds: ScanKind[];
  /** Evaluate as if today were this date (YYYY-MM-DD): data on or after it is ignored. */
  asOf?: string;
  params?: ScanParams;
  /** Adds what changed on GitHub to anomaly findings (src/changes); it never throws. */
  whatChanged?: (drafts: FindingDraft[]) => Promise<FindingDraft[]>;
}

export interface ScanResult {
  findings: Finding[];
  /** Anomaly series not judged yet for want of history (minHistoryDays), oldest first. */
  tooYoung: YoungSeries[];
  counts: RunCounts;
  durationMs: number;
}

const Options = z.object({
  kinds: z.array(z.enum(SCAN_KINDS)).min(1),
  asOf: z.iso.date().optional(),
  params: ScanParams.optional(),
});

/** What each kind's run covers, so it resolves only findings it could have seen again. */
const COVERAGE: Record<ScanKind, (p: ResolvedParams) => Coverage[] | undefined> = {
  anomaly: (p) => anomalyCoverage(p.anomaly),
  // Each waste check's findings carry its name as their type.
  waste: (p) => p.waste.checks.map((type) => ({ type })),
  budget: () => undefined,
};

/** The findings a run of `kind` with `params` covers; undefined: every finding of the kind. */
export function coverageOf(kind: ScanKind, params: ScanParams = {}): Coverage[] | undefined {
  return COVERAGE[kind](ScanParams.parse(params));
}

type Scanned = { drafts: FindingDraft[]; tooYoung?: YoungSeries[]; suppressed?: SuppressedAnomaly[] };
const SCANNERS: Record<ScanKind, (pool: pg.Pool, asOf: string, p: ResolvedParams) => Promise<Scanned>> = {
  anomaly: (pool, asOf, p) => scanAnomalies(pool, asOf, p.anomaly),
  waste: async (pool, asOf, p) => ({ drafts: await scanWaste(pool, asOf, p.waste) }),
  budget: async (pool, asOf, p) => ({ drafts: await scanBudgets(pool, asOf, p.budget) }),
};

export class ScanError extends Error {
  override name = 'ScanError';
}

export async function runScans(pool: pg.Pool, opts: ScanOptions): Promise<ScanResult> {
  const t0 = Date.now();
  const parsed = Options.safeParse(opts);
  if (!parsed.success) {
    throw new ScanError(parsed.error.issues.map((i) => `${i.path.join('.') || 'options'}: ${i.message}`).join('; '));
  }
  const { kinds, asOf = todayUtc() } = parsed.data;
  const params = ScanParams.parse(parsed.data.params ?? {});
  const hint = await ownerHinter(pool);
  const findings: Finding[] = [];
  const tooYoung: YoungSeries[] = [];
  const counts: RunCounts = { new: 0, updated: 0, resolved: 0 };
  const failures: string[] = [];
  for (const kind of [...new Set(kinds)]) {
    const run = { kind, asOf, startedAt: new Date(), covers: COVERAGE[kind](params) };
    try {
      const scanned = await SCANNERS[kind](pool, asOf, params);
      const parsed = scanned.drafts.map((d) => FindingDraftSchema.parse(d));
      const drafts = kind === 'anomaly' && opts.whatChanged ? await opts.whatChanged(parsed) : parsed;
      const withOwners = [];
      for (const d of drafts) withOwners.push({ ...d, ownerHint: await hint({ ...d.scope, ...d.ownerScope }) });
      const result = await recordRun(pool, run, withOwners);
      // After the run's findings: a failure here loses no finding, and the next run records them again.
      await recordSuppressed(pool, asOf, scanned.suppressed ?? []);
      findings.push(...result.findings);
      tooYoung.push(...(scanned.tooYoung ?? []));
      counts.new += result.counts.new;
      counts.updated += result.counts.updated;
      counts.resolved += result.counts.resolved;
    } catch (err) {
      logger.error({ err, kind, asOf }, 'scan failed');
      await recordFailedRun(pool, run, err as Error);
      failures.push(`${kind}: ${(err as Error).message}`);
    }
  }
  if (failures.length) throw new ScanError(`scan failed: ${failures.join('; ')}`);
  findings.sort((a, b) => b.impactMonthly - a.impactMonthly || (a.fingerprint < b.fingerprint ? -1 : 1));
  tooYoung.sort((a, b) => a.since.localeCompare(b.since) || canonicalScope(a.scope).localeCompare(canonicalScope(b.scope)));
  return { findings, tooYoung, counts, durationMs: Date.now() - t0 };
}
