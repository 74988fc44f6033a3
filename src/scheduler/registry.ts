/**
 * The jobs this Penny provides to workflows. The scan jobs run one scan kind through runScans with
 * the workflow's params as that kind's parameters (unknown keys rejected, so a typo in a workflow
 * file is an error, not a silently default threshold), then post the open findings to the
 * workflow's notify.channels. The Slack module provides that posting, the owner alerts and the
 * weekly digest.
 */
import type { z } from 'zod';
import { whatChangedFromEnv } from '../changes/from-env.ts';
import { loadEnv } from '../config/env.ts';
import type { ScanKind } from '../findings/finding.ts';
import { AnomalyParams, BudgetParams, WasteParams, type ScanParams } from '../scans/params.ts';
import { runScans } from '../scans/run.ts';
import { notifyWorkflowChannels, slackJobs } from '../slack/jobs.ts';
import { defineJob, type Job, type JobRegistry } from './jobs.ts';

function scanJob(kind: ScanKind, description: string, params: z.ZodType): Job {
  return defineJob(description, params, async (ctx) => {
    const { pool, params: kindParams } = ctx;
    const whatChanged = kind === 'anomaly' ? whatChangedFromEnv(loadEnv(), pool) : undefined;
    const r = await runScans(pool, { kinds: [kind], params: { [kind]: kindParams } as ScanParams, whatChanged });
    const notified = await notifyWorkflowChannels(ctx, r.findings);
    return { counts: { findings: r.findings.length, ...r.counts, ...(kind === 'anomaly' ? { tooYoung: r.tooYoung.length } : {}), ...notified } };
  });
}

export function defaultJobs(): JobRegistry {
  return {
    anomaly: scanJob('anomaly', 'anomaly scan: daily (and hourly AI) cost series against a weekly baseline, with root cause', AnomalyParams.strict()),
    waste: scanJob('waste', 'waste checks: idle and untagged cloud spend, unused commitments, AI model, caching and agent-loop waste', WasteParams.strict()),
    budget: scanJob('budget', 'budgets: actual and forecast against each budget, and cost per successful task', BudgetParams.strict()),
    ...slackJobs(),
  };
}
