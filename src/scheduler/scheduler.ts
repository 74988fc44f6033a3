/**
 * The scheduler of `penny start`: one node-cron task per enabled workflow, firing in the
 * workflow's time zone with the slot it fired for. Every process runs the same tasks; the runs
 * table decides which one runs each slot. At start, a workflow's latest slot that nobody ran
 * (Penny was down) is run once, if it fell after the workflow got its current schedule.
 */
import cron, { type ScheduledTask } from 'node-cron';
import type pg from 'pg';
import { logger } from '../log/logger.ts';
import type { JobRegistry } from './jobs.ts';
import type { LoadedWorkflow } from './load.ts';
import { runSlot, type SlotOutcome } from './run-slot.ts';
import { scheduledSince } from './runs.ts';
import { nextSlots, previousSlot } from './slots.ts';

export interface ScheduledWorkflow {
  workflow: LoadedWorkflow;
  next: Date | null;
  /** The missed slot being caught up at start, if any. */
  catchUp: Date | null;
}

// node-cron reports missed beats through its own logger; send them to ours.
const cronLog = logger.child({ module: 'node-cron' });
const cronLogger = {
  info: (m: string) => cronLog.info(m),
  warn: (m: string) => cronLog.warn(m),
  error: (m: string | Error, err?: Error) => cronLog.error({ err: err?.message }, String(m)),
  debug: (m: string | Error) => cronLog.debug(String(m)),
};

// node-cron drops a slot whose beat comes over a second late (event loop busy, machine asleep);
// a scan a few minutes late is still worth running, and the slot key still makes it run once.
const LATE_TOLERANCE_MS = 5 * 60_000;

export class Scheduler {
  private readonly tasks: ScheduledTask[] = [];
  private readonly inFlight = new Set<Promise<SlotOutcome>>();

  constructor(
    private readonly pool: pg.Pool,
    private readonly workflows: LoadedWorkflow[],
    private readonly jobs: JobRegistry,
  ) {}

  /** Starts the cron tasks and any catch-up runs (which go on in the background). */
  async start(now: Date = new Date()): Promise<ScheduledWorkflow[]> {
    const out: ScheduledWorkflow[] = [];
    for (const workflow of this.workflows) {
      if (!workflow.enabled) {
        out.push({ workflow, next: null, catchUp: null });
        continue;
      }
      const since = await scheduledSince(this.pool, workflow);
      const spec = { expression: workflow.schedule, timezone: workflow.timezone };
      this.tasks.push(
        cron.schedule(workflow.schedule, (ctx) => this.track(runSlot(this.pool, this.jobs, workflow, ctx.date, 'schedule')), {
          timezone: workflow.timezone,
          name: `penny:${workflow.name}`,
          logger: cronLogger,
          missedExecutionTolerance: LATE_TOLERANCE_MS,
        }),
      );
      const missed = previousSlot(spec, now);
      const catchUp = missed && missed > since ? missed : null;
      if (catchUp) this.track(runSlot(this.pool, this.jobs, workflow, catchUp, 'catch-up'));
      out.push({ workflow, next: nextSlots(spec, 1)[0] ?? null, catchUp });
    }
    logger.info({ workflows: out.filter((s) => s.workflow.enabled).map((s) => s.workflow.name) }, 'scheduler started');
    return out;
  }

  private track(run: Promise<SlotOutcome>): void {
    this.inFlight.add(run);
    void run.finally(() => this.inFlight.delete(run));
  }

  /** Resolves when the runs under way have ended. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /** Stops firing new slots and waits for the runs under way to be recorded. */
  async stop(): Promise<void> {
    for (const task of this.tasks.splice(0)) await task.destroy();
    await this.idle();
  }
}
