import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineJob, type JobRegistry } from '../../src/scheduler/jobs.ts';
import { parseWorkflowFile, type LoadedWorkflow } from '../../src/scheduler/load.ts';
import { runSlot } from '../../src/scheduler/run-slot.ts';
import { Scheduler } from '../../src/scheduler/scheduler.ts';
import { previousSlot } from '../../src/scheduler/slots.ts';
import { createTestDb, type TestDb } from '../support/db.ts';

let t: TestDb;
/** A second pool on the same database: another Penny process as far as Postgres can tell. */
let other: pg.Pool;

beforeAll(async () => {
  t = await createTestDb();
  other = new pg.Pool({ connectionString: t.url, max: 4 });
});
afterAll(async () => {
  await other.end();
  await t.drop();
});

function workflow(yaml: string, jobs: JobRegistry): LoadedWorkflow {
  const { workflow, problems } = parseWorkflowFile('workflows/test.yaml', yaml, jobs);
  expect(problems).toEqual([]);
  return workflow!;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface RunRecord {
  slot: Date;
  trigger: string;
  status: string;
  error: string | null;
  counts: Record<string, number> | null;
  duration_ms: number | null;
}

async function runsOf(name: string): Promise<RunRecord[]> {
  const { rows } = await t.pool.query<RunRecord>('select slot, trigger, status, error, counts, duration_ms from workflow_runs where workflow = $1 order by slot', [name]);
  return rows;
}

/** A job that records who ran which slot. */
function recordingJobs(label: string, ran: { slot: string; by: string }[], ms = 150): JobRegistry {
  return {
    anomaly: defineJob('records its runs', z.strictObject({}), async ({ slot }) => {
      ran.push({ slot: slot.toISOString(), by: label });
      await sleep(ms);
      return { counts: { findings: 1 } };
    }),
  };
}

describe('two schedulers on one database', () => {
  it('run each slot once', { timeout: 20_000 }, async () => {
    const ran: { slot: string; by: string }[] = [];
    const yaml = 'name: every-second\nschedule: "* * * * * *"\ntimezone: Europe/Berlin\njob: anomaly\n';
    const a = new Scheduler(t.pool, [workflow(yaml, recordingJobs('a', ran))], recordingJobs('a', ran));
    const b = new Scheduler(other, [workflow(yaml, recordingJobs('b', ran))], recordingJobs('b', ran));
    await Promise.all([a.start(), b.start()]);
    await sleep(4_200);
    await Promise.all([a.stop(), b.stop()]);

    const rows = await runsOf('every-second');
    expect(rows.length).toBeGreaterThanOrEqual(3);
    const slots = ran.map((r) => r.slot);
    expect(new Set(slots).size).toBe(slots.length);
    expect(slots.sort()).toEqual(rows.map((r) => r.slot.toISOString()).sort());
    for (const r of rows) {
      expect(r.status).toBe('succeeded');
      expect(r.counts).toEqual({ findings: 1 });
      expect(r.duration_ms).toBeGreaterThanOrEqual(140);
      // The key is the instant the cron expression names, not when a process happened to wake.
      expect(r.slot.getMilliseconds()).toBe(0);
    }
  });
});

it('records a job that throws as failed, with its error, and keeps firing', { timeout: 20_000 }, async () => {
  let calls = 0;
  const jobs: JobRegistry = {
    waste: defineJob('fails once', z.strictObject({}), async () => {
      calls++;
      if (calls === 1) throw new Error('relation "cost_lines" is locked');
      return { counts: { findings: 0 } };
    }),
  };
  const s = new Scheduler(t.pool, [workflow('name: flaky\nschedule: "* * * * * *"\njob: waste\n', jobs)], jobs);
  await s.start();
  await sleep(2_600);
  await s.stop();
  const rows = await runsOf('flaky');
  expect(rows.length).toBeGreaterThanOrEqual(2);
  expect(rows[0]).toMatchObject({ status: 'failed', error: 'relation "cost_lines" is locked', counts: null });
  expect(rows.slice(1).every((r) => r.status === 'succeeded')).toBe(true);
});

it('still runs a slot whose beat came late because the event loop was busy', { timeout: 20_000 }, async () => {
  const ran: { slot: string; by: string }[] = [];
  const jobs = recordingJobs('a', ran, 0);
  const s = new Scheduler(t.pool, [workflow('name: late\nschedule: "*/5 * * * * *"\njob: anomaly\n', jobs)], jobs);
  await s.start();
  let slot = Math.ceil(Date.now() / 5000) * 5000;
  if (slot - Date.now() < 500) slot += 5000;
  await sleep(slot - Date.now() - 200);
  // Block the event loop from just before the slot to 2.5 s after it (node-cron alone drops a slot over 1 s late).
  while (Date.now() < slot + 2500);
  await sleep(300);
  await s.stop();
  // A slot may have fired while the scheduler started, before the one this test blocks.
  const late = new Date(slot).toISOString();
  expect(ran.map((r) => r.slot).filter((s) => s >= late)).toEqual([late]);
});

describe('a slot missed while Penny was down', () => {
  const yaml = 'name: nightly\nschedule: "0 3 * * *"\ntimezone: America/New_York\njob: anomaly\n';

  it('runs once at start, however many processes start', async () => {
    const ran: { slot: string; by: string }[] = [];
    const w = workflow(yaml, recordingJobs('a', ran));
    // Penny has run this workflow on this schedule for three days, then was down over its last slot.
    await t.pool.query("insert into workflow_schedules (workflow, expression, timezone, since) values ($1, $2, $3, now() - interval '3 days')", [w.name, w.schedule, w.timezone]);
    const missed = previousSlot({ expression: w.schedule, timezone: w.timezone }, new Date())!;

    const a = new Scheduler(t.pool, [w], recordingJobs('a', ran));
    const b = new Scheduler(other, [w], recordingJobs('b', ran));
    const [started] = await Promise.all([a.start(), b.start()]);
    await Promise.all([a.stop(), b.stop()]);
    expect(started[0]!.catchUp).toEqual(missed);
    expect(ran.map((r) => r.slot)).toEqual([missed.toISOString()]);
    expect(await runsOf('nightly')).toMatchObject([{ slot: missed, trigger: 'catch-up', status: 'succeeded' }]);

    // Started again later: the slot has its run, so nothing more happens.
    const c = new Scheduler(t.pool, [w], recordingJobs('c', ran));
    await c.start();
    await c.stop();
    expect(ran).toHaveLength(1);
  });

  it('is not caught up for a new workflow, or one whose schedule just changed', async () => {
    const ran: { slot: string; by: string }[] = [];
    const fresh = workflow(yaml.replace('nightly', 'fresh'), recordingJobs('a', ran));
    const moved = workflow(yaml.replace('nightly', 'moved'), recordingJobs('a', ran));
    await t.pool.query("insert into workflow_schedules (workflow, expression, timezone, since) values ('moved', '0 4 * * *', $1, now() - interval '3 days')", [moved.timezone]);
    const s = new Scheduler(t.pool, [fresh, moved], recordingJobs('a', ran));
    const started = await s.start();
    await s.stop();
    expect(started.map((x) => x.catchUp)).toEqual([null, null]);
    expect(ran).toEqual([]);
    const { rows } = await t.pool.query<{ expression: string; recent: boolean }>("select expression, since > now() - interval '1 minute' as recent from workflow_schedules where workflow = 'moved'");
    expect(rows).toEqual([{ expression: '0 3 * * *', recent: true }]);
  });
});

describe('runSlot', () => {
  it('does not overlap two runs of one workflow across processes, and closes runs abandoned by a dead process', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const jobs: JobRegistry = {
      budget: defineJob('waits for the test', z.strictObject({}), async () => {
        await gate;
        return { counts: { checked: 2 } };
      }),
    };
    const w = workflow('name: slow\nschedule: "*/5 * * * *"\njob: budget\n', jobs);
    const first = runSlot(t.pool, jobs, w, new Date('2026-11-23T10:00:00Z'), 'schedule');
    await sleep(200);
    // The next slot comes while the first run is still going, in another process.
    expect(await runSlot(other, jobs, w, new Date('2026-11-23T10:05:00Z'), 'schedule')).toEqual({ status: 'skipped', slot: new Date('2026-11-23T10:05:00Z'), reason: 'busy' });
    // The same slot again: already taken.
    expect(await runSlot(other, jobs, w, new Date('2026-11-23T10:00:00Z'), 'schedule')).toMatchObject({ status: 'skipped', reason: 'taken' });
    release();
    expect(await first).toMatchObject({ status: 'succeeded', counts: { checked: 2 } });

    // A process died mid-run: its row says running but nobody holds the workflow's lock.
    await t.pool.query("insert into workflow_runs (workflow, slot, job, trigger, runner) values ('slow', '2026-11-23T10:10:00Z', 'budget', 'schedule', 'gone/42')");
    expect(await runSlot(other, jobs, w, new Date('2026-11-23T10:15:00Z'), 'schedule')).toMatchObject({ status: 'succeeded' });
    const rows = await runsOf('slow');
    expect(rows.map((r) => [r.slot.toISOString(), r.status])).toEqual([
      ['2026-11-23T10:00:00.000Z', 'succeeded'],
      ['2026-11-23T10:10:00.000Z', 'failed'],
      ['2026-11-23T10:15:00.000Z', 'succeeded'],
    ]);
    expect(rows[1]!.error).toBe('abandoned: the process running it (gone/42) stopped before it finished');
  });
});
