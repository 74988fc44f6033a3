/**
 * Runs one workflow for one slot: claim it, run the job, record how it ended. A failing job or an
 * unreachable database does not throw out of here: the job is recorded as failed with its error,
 * everything is logged, and the scheduler carries on.
 */
import { performance } from 'node:perf_hooks';
import type pg from 'pg';
import { logger } from '../log/logger.ts';
import type { JobRegistry } from './jobs.ts';
import type { LoadedWorkflow } from './load.ts';
import { claimSlot, finishRun, type Trigger } from './runs.ts';

export type SlotOutcome =
  | { status: 'succeeded'; slot: Date; counts: Record<string, number>; durationMs: number }
  | { status: 'failed'; slot: Date; error: string; durationMs: number }
  /** Another process has the slot (taken) or is still running this workflow (busy); or the database could not be reached (error). */
  | { status: 'skipped'; slot: Date; reason: 'taken' | 'busy' | 'error'; error?: string };

// Enough of an error to act on, without letting one run store megabytes.
const MAX_ERROR_CHARS = 2000;

export async function runSlot(pool: pg.Pool, jobs: JobRegistry, workflow: LoadedWorkflow, slot: Date, trigger: Trigger): Promise<SlotOutcome> {
  const log = logger.child({ workflow: workflow.name, job: workflow.job, slot: slot.toISOString(), trigger });
  const job = jobs[workflow.job];
  if (!job) throw new Error(`workflow ${workflow.name}: no ${workflow.job} job registered`);
  let claim;
  try {
    claim = await claimSlot(pool, { workflow: workflow.name, job: workflow.job, slot, trigger });
  } catch (err) {
    const error = (err as Error).message;
    log.error({ err: error }, 'could not claim the slot; the database is unreachable or failing');
    return { status: 'skipped', slot, reason: 'error', error };
  }
  if (!claim.claimed) {
    if (claim.reason === 'busy') log.warn('skipped: the previous run of this workflow is still going');
    else log.debug('slot already claimed by another process');
    return { status: 'skipped', slot, reason: claim.reason };
  }
  const started = performance.now();
  log.info('run started');
  let outcome: Extract<SlotOutcome, { status: 'succeeded' | 'failed' }>;
  try {
    const result = await job.run({ pool, slot, workflow, params: workflow.params });
    outcome = { status: 'succeeded', slot, counts: result.counts, durationMs: performance.now() - started };
    log.info({ counts: result.counts, durationMs: Math.round(outcome.durationMs) }, 'run succeeded');
  } catch (err) {
    const error = ((err as Error).message ?? String(err)).slice(0, MAX_ERROR_CHARS);
    outcome = { status: 'failed', slot, error, durationMs: performance.now() - started };
    log.error({ err: error, durationMs: Math.round(outcome.durationMs) }, 'run failed');
  }
  try {
    await finishRun(pool, claim.claimed.id, outcome);
  } catch (err) {
    // The row stays 'running'; the next claim of this workflow closes it as abandoned.
    log.error({ err: (err as Error).message }, 'could not record how the run ended');
  } finally {
    await claim.claimed.release();
  }
  return outcome;
}
