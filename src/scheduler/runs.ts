/**
 * The workflow_runs table: claiming a slot, recording how a run ended, and reading the latest runs.
 *
 * A claim happens under a session advisory lock on the workflow, held on one connection for as long
 * as the run lasts. Inside it, `insert … on conflict (workflow, slot) do nothing` lets exactly one
 * process have a slot; holding the lock through the run keeps two runs of one workflow from
 * overlapping across replicas; and because Postgres drops the lock with the session, a run still
 * marked running while its lock is free belonged to a process that died, and is closed as failed.
 */
import { hostname } from 'node:os';
import type pg from 'pg';

export type Trigger = 'schedule' | 'catch-up' | 'manual';

const RUNNER = `${hostname()}/${process.pid}`;

export interface Claim {
  id: string;
  /** Ends the claim: releases the workflow's lock and the connection that holds it. */
  release(): Promise<void>;
}

export type ClaimResult = { claimed: Claim } | { claimed: null; reason: 'taken' | 'busy' };

// Per-workflow lock keys hash their own names (see db/locks.ts for whole-job keys).
const LOCK_KEY = "hashtextextended('penny.workflow-run:' || $1, 0)";

export async function claimSlot(pool: pg.Pool, run: { workflow: string; job: string; slot: Date; trigger: Trigger }): Promise<ClaimResult> {
  const client = await pool.connect();
  let locked = false;
  try {
    locked = (await client.query<{ ok: boolean }>(`select pg_try_advisory_lock(${LOCK_KEY}) as ok`, [run.workflow])).rows[0]!.ok;
    if (!locked) {
      // Busy when a run of another slot is going; else the holder is claiming this very slot.
      const going = await client.query("select 1 from workflow_runs where workflow = $1 and slot <> $2 and status = 'running'", [run.workflow, run.slot]);
      client.release();
      return { claimed: null, reason: going.rowCount ? 'busy' : 'taken' };
    }
    await client.query(
      `update workflow_runs set status = 'failed', finished_at = now(), error = 'abandoned: the process running it (' || runner || ') stopped before it finished'
        where workflow = $1 and status = 'running'`,
      [run.workflow],
    );
    const inserted = await client.query<{ id: string }>(
      `insert into workflow_runs (workflow, slot, job, trigger, runner) values ($1, $2, $3, $4, $5)
       on conflict (workflow, slot) do nothing returning id`,
      [run.workflow, run.slot, run.job, run.trigger, RUNNER],
    );
    const release = async () => {
      await client.query(`select pg_advisory_unlock(${LOCK_KEY})`, [run.workflow]).catch(() => undefined);
      client.release();
    };
    const id = inserted.rows[0]?.id;
    if (id === undefined) {
      await release();
      return { claimed: null, reason: 'taken' };
    }
    return { claimed: { id, release } };
  } catch (err) {
    // A broken connection must not go back to the pool still holding the lock.
    client.release(locked ? (err as Error) : undefined);
    throw err;
  }
}

export async function finishRun(
  pool: pg.Pool,
  id: string,
  outcome: { status: 'succeeded'; counts: Record<string, number>; durationMs: number } | { status: 'failed'; error: string; durationMs: number },
): Promise<void> {
  await pool.query('update workflow_runs set status = $2, finished_at = now(), duration_ms = $3, counts = $4, error = $5 where id = $1', [
    id,
    outcome.status,
    Math.round(outcome.durationMs),
    outcome.status === 'succeeded' ? JSON.stringify(outcome.counts) : null,
    outcome.status === 'failed' ? outcome.error : null,
  ]);
}

/**
 * Records the workflow's current schedule and returns since when it has had it: slots before that
 * were never due, so they are not caught up.
 */
export async function scheduledSince(pool: pg.Pool, w: { name: string; schedule: string; timezone: string }): Promise<Date> {
  const { rows } = await pool.query<{ since: Date }>(
    `insert into workflow_schedules as s (workflow, expression, timezone) values ($1, $2, $3)
     on conflict (workflow) do update set expression = excluded.expression, timezone = excluded.timezone,
       since = case when (s.expression, s.timezone) is distinct from (excluded.expression, excluded.timezone) then now() else s.since end
     returning since`,
    [w.name, w.schedule, w.timezone],
  );
  return rows[0]!.since;
}

export interface RunRow {
  workflow: string;
  slot: Date;
  job: string;
  trigger: Trigger;
  status: 'running' | 'succeeded' | 'failed';
  runner: string;
  startedAt: Date;
  finishedAt: Date | null;
  durationMs: number | null;
  counts: Record<string, number> | null;
  error: string | null;
}

/** The latest run of each named workflow. */
export async function latestRuns(pool: pg.Pool, workflows: string[]): Promise<Map<string, RunRow>> {
  const { rows } = await pool.query<RunRow>(
    `select distinct on (workflow) workflow, slot, job, trigger, status, runner, started_at as "startedAt", finished_at as "finishedAt",
            duration_ms as "durationMs", counts, error
       from workflow_runs where workflow = any($1) order by workflow, slot desc`,
    [workflows],
  );
  return new Map(rows.map((r) => [r.workflow, r]));
}
