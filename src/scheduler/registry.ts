/**
 * The jobs this Penny provides to workflows. The scan jobs run one scan kind through runScans with
 * the workflow's params as that kind's parameters (unknown keys rejected, so a typo in a workflow
 * file is an error, not a silently default threshold), then tell the workflow's notify (its
 * owners, its channels). The jobs that tell people deliver through the channel `connect` opens:
 * the scheduler knows no channel; `penny start` and `penny workflows` pass the connected one
 * (src/server/jobs.ts).
 */
import type { z } from 'zod';
import { whatChangedFromEnv } from '../changes/from-env.ts';
import { loadEnv } from '../config/env.ts';
import type { ScanKind } from '../findings/finding.ts';
import type { Connect } from '../notifications/deliverer.ts';
import { AnomalyParams, BudgetParams, WasteParams, type ScanParams } from '../scans/params.ts';
import { runScans } from '../scans/run.ts';
import { deliveryJobs, notifyWorkflow } from './delivery-jobs.ts';
import { defineJob, type Job, type JobRegistry } from './jobs.ts';

function scanJob(kind: ScanKind, description: string, params: z.ZodType, connect: Connect): Job {
  return defineJob(description, params, async (ctx) => {
    const { pool, params: kindParams } = ctx;
    const whatChanged = kind === 'anomaly' ? whatChangedFromEnv(loadEnv(), pool) : undefined;
    const r = await runScans(pool, { kinds: [kind], params: { [kind]: kindParams } as ScanParams, whatChanged });
    const notified = await notifyWorkflow(ctx, connect, r.findings);
    return { counts: { findings: r.findings.length, ...r.counts, ...(kind === 'anomaly' ? { tooYoung: r.tooYoung.length } : {}), ...notified } };
  });
}

/** No channel connected: jobs run and record `notConnected` instead of sending. */
const NONE: Connect = async () => null;

export function defaultJobs(connect: Connect = NONE): JobRegistry {
  return {
    anomaly: scanJob('anomaly', 'anomaly scan: daily (and hourly AI) cost series against a weekly baseline, with root cause', AnomalyParams.strict(), connect),
    waste: scanJob('waste', 'waste checks: idle and untagged cloud spend, unused commitments, AI model, caching and agent-loop waste', WasteParams.strict(), connect),
    budget: scanJob('budget', 'budgets: actual and forecast against each budget, and cost per successful task', BudgetParams.strict(), connect),
    ...deliveryJobs(connect),
  };
}
