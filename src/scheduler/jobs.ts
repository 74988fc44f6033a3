/**
 * What the scheduler can run: a job is a typed function of the database, the slot it runs for,
 * the workflow, and the workflow's parameters (checked by the job's own zod schema when the file
 * loads). Capability modules provide jobs; a workflow naming a job nobody provides is reported
 * as a bad file rather than failing at 3 a.m.
 */
import type pg from 'pg';
import type { z } from 'zod';
import type { JobName, Workflow } from './workflow.ts';

export interface JobContext<P = unknown> {
  pool: pg.Pool;
  /** The scheduled instant this run is for (for a manual run, when it was asked for). */
  slot: Date;
  workflow: Workflow;
  params: P;
}

/** Named counts recorded on the run row, e.g. { findings: 3, new: 1, resolved: 2 }. */
export interface JobResult {
  counts: Record<string, number>;
}

export interface Job {
  /** Why a workflow would use it, for `penny workflows list`. */
  description: string;
  params: z.ZodType;
  run(ctx: JobContext): Promise<JobResult>;
}

export type JobRegistry = Partial<Record<JobName, Job>>;

/** A job whose run receives its parameters as its schema's output type. */
export function defineJob<S extends z.ZodType>(description: string, params: S, run: (ctx: JobContext<z.output<S>>) => Promise<JobResult>): Job {
  // The loader stores params only after `params` parsed them, so the narrowing holds.
  return { description, params, run: (ctx) => run(ctx as JobContext<z.output<S>>) };
}
