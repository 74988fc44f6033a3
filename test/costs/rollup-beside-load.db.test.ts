/**
 * The rollup takes a FOCUS load's daily sums beside the load, on a second connection, and commits
 * right after it: the rollup then equals a recompute from the tables; a load that fails before its
 * commit leaves neither rows nor any change to the rollup; a merge lost between the two commits
 * leaves the rollup stale (questions read the raw tables and stay right) until the next refresh;
 * and the merge gives up whenever it could not be exact (a stale rollup, another refresh running, a
 * load that replaced rows), leaving the work to the refresh after the ingest.
 */
import { describe, expect, it } from 'vitest';
import { startRollupBesideLoad } from '../../src/costs/rollup-beside-load.ts';
import { refreshAfterLoads, refreshRollups, rollupFresh } from '../../src/costs/rollups.ts';
import { runCostQuery } from '../../src/costs/run.ts';
import { loadFocusFile } from '../../src/ingest/focus/load.ts';
import { fileDb } from '../support/file-db.ts';
import { monthlyDrift } from '../support/monthly-rollup.ts';
import { CORE_FOCUS_HEADER, writeCsv } from '../support/focus-sample.ts';

const f = fileDb();
const HEADER = [...CORE_FOCUS_HEADER, 'Tags'];
type Row = [day: string, hour: string, cost: string, team: string];
/** The billing period of a month of 2026 ('11', '12'), as exports write it. */
const periodOf = (month: string) => `2026-${month}-01T00:00:00Z`;

let n = 0;
/** An export of `acct` for a month of 2026: one row per [day, hour, cost, team]. */
const exportOf = (acct: string, rows: Row[], month = '11') =>
  writeCsv(
    f.dir,
    `export-${++n}.csv`,
    HEADER,
    rows.map(([day, hour, cost, team]) => [
      acct,
      'USD',
      periodOf(month),
      new Date(Date.UTC(2026, Number(month), 1)).toISOString(),
      `2026-${month}-${day}T${hour}:00:00Z`,
      `2026-${month}-${day}T${hour}:59:59Z`,
      'Usage',
      'AWS',
      'Amazon EC2',
      cost,
      cost,
      JSON.stringify({ team }),
    ]),
  );

const load = async (acct: string, rows: Row[], month?: string) => loadFocusFile(f.t.pool, await exportOf(acct, rows, month), { rollupBeside: startRollupBesideLoad });

/** The whole rollup and its recorded signature, as text in a fixed order. */
async function snapshot(): Promise<{ rows: string[][]; signature: string | null }> {
  const { rows } = await f.t.pool.query({ text: 'select r::text from cost_rollup_daily r order by 1', rowMode: 'array' });
  const state = await f.t.pool.query<{ loads_signature: string }>('select loads_signature from cost_rollup_state');
  return { rows: rows as string[][], signature: state.rows[0]?.loads_signature ?? null };
}

async function fresh(): Promise<boolean> {
  const client = await f.t.pool.connect();
  try {
    return await rollupFresh(client);
  } finally {
    client.release();
  }
}

/** The rollup as it stands is fresh and equals a recompute of everything from the tables; the monthly one is in step with it. */
async function expectExact(): Promise<void> {
  expect(await fresh()).toBe(true);
  const before = (await snapshot()).rows;
  expect((await monthlyDrift(f.t.pool)).drift).toBe(0);
  await refreshRollups(f.t.pool);
  expect((await snapshot()).rows).toEqual(before);
}

const BY_TEAM = { dataset: 'cloud', groupBy: ['team'], granularity: 'day', time: { from: '2026-11-01', to: '2026-12-01' } };
const ask = (rollups: boolean) => runCostQuery(f.t.pool, BY_TEAM, { viewer: { admin: true, teams: [] }, asOf: '2026-12-05', rollups });

async function waitFor(sql: string): Promise<number> {
  for (let i = 0; i < 600; i++) {
    const { rows } = await f.t.pool.query<{ pid: number }>(sql);
    if (rows[0]) return rows[0].pid;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for: ${sql}`);
}

const THIS_DB = 'database = (select oid from pg_database where datname = current_database())';
/** The merge has written its rows and the signature, and waits for the load's outcome. */
const MERGE_READY = `select pid from pg_locks where ${THIS_DB} and relation = 'cost_rollup_state'::regclass and mode = 'RowExclusiveLock' and granted and pid <> pg_backend_pid()`;
/** The load, its new month's rows copied and indexed, waits for its billing period's lock. */
const LOAD_WAITING = `select pid from pg_locks where ${THIS_DB} and locktype = 'advisory' and not granted`;

/**
 * Loads `acct`'s rows while the test holds the lock of their billing period (periods.ts), which
 * the load takes after building its indexes and before its commit; `meanwhile` runs once the load
 * waits there and the merge beside it is ready, then the lock is let go.
 */
async function loadHeldBeforeCommit(acct: string, rows: Row[], month: string, meanwhile: (pids: { load: number; merge: number }) => Promise<void>) {
  const holder = await f.t.pool.connect();
  try {
    await holder.query("select pg_advisory_lock(hashtextextended('focus-period:' || $1 || '|' || $2 || '|' || $3, 0))", ['AWS', acct, periodOf(month)]);
    const loading = load(acct, rows, month);
    const pids = { load: await waitFor(LOAD_WAITING), merge: await waitFor(MERGE_READY) };
    await meanwhile(pids);
    await holder.query('select pg_advisory_unlock_all()');
    return await loading;
  } finally {
    holder.release();
  }
}

describe('the rollup beside a FOCUS load', () => {
  it("takes the load's sums and commits after it: fresh, equal to a recompute, nothing left for the refresh after", async () => {
    // The first load of a new database (nothing rolled up yet), a new month.
    const first = await load('acct-1', [
      ['03', '10', '1.25', 'search'],
      ['03', '11', '2.5', 'ml'],
      ['04', '00', '0.000001', 'search'],
    ]);
    expect(first).toMatchObject({ status: 'loaded', rolledUp: true });
    await expectExact();
    // Into the month that now exists, on days already rolled up and a new one.
    const second = await load('acct-2', [
      ['03', '10', '0.75', 'search'],
      ['05', '23', '1e-3', 'data'],
    ]);
    expect(second).toMatchObject({ status: 'loaded', rolledUp: true });
    expect(await refreshAfterLoads(f.t.pool, [first, second])).toEqual({ mode: 'none', rows: 0 });
    await expectExact();
    const answer = await ask(true);
    expect(answer.rollup).toBe(true);
    expect(answer.rows).toEqual((await ask(false)).rows);
  });

  it('gives up on a load that replaced rows, a stale rollup and a refresh under way; the refresh after the ingest does the work', async () => {
    await refreshRollups(f.t.pool);
    const restated = await load('acct-2', [['06', '00', '4', 'data']]);
    expect(restated).toMatchObject({ status: 'loaded', replaced: 2 });
    expect(restated.rolledUp).toBe(false);
    expect(await fresh()).toBe(false);
    expect((await refreshAfterLoads(f.t.pool, [restated])).recomputed).toEqual({ from: '2026-11-03', to: '2026-11-06' });
    await expectExact();

    // A load that nobody rolled up: the rollup is stale before the next one.
    const unrolled = await loadFocusFile(f.t.pool, await exportOf('acct-3', [['07', '00', '1', 'ml']]));
    const staleBefore = await snapshot();
    const next = await load('acct-4', [['08', '00', '2', 'ml']]);
    expect(next.rolledUp).toBe(false);
    expect(await snapshot()).toEqual(staleBefore);
    expect((await refreshAfterLoads(f.t.pool, [unrolled, next])).mode).toBe('range');
    await expectExact();

    // Another refresh holds the lock: the merge does not wait for it.
    const other = await f.t.pool.connect();
    try {
      await other.query("select pg_advisory_lock(hashtext('penny:cost_rollups'))");
      const locked = await load('acct-5', [['09', '00', '3', 'ml']]);
      expect(locked).toMatchObject({ status: 'loaded', rolledUp: false });
      await other.query("select pg_advisory_unlock(hashtext('penny:cost_rollups'))");
      expect((await refreshAfterLoads(f.t.pool, [locked])).mode).toBe('range');
    } finally {
      other.release();
    }
    await expectExact();
  });

  it('leaves neither rows nor a rollup change when the load fails after its indexes, before its commit', async () => {
    await refreshRollups(f.t.pool);
    const before = await snapshot();
    const { rows: count } = await f.t.pool.query('select count(*)::int as n from cost_lines');
    // December: a new month, whose table gets its indexes before the load waits.
    const failed = await loadHeldBeforeCommit('acct-6', [['10', '00', '5', 'ml']], '12', async ({ load, merge }) => {
      expect(load).not.toBe(merge);
      await f.t.pool.query('select pg_cancel_backend($1::int)', [load]);
    });
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/cancel/);
    expect((await f.t.pool.query('select count(*)::int as n from cost_lines')).rows).toEqual(count);
    expect((await f.t.pool.query("select to_regclass('cost_lines_2026_12') as part")).rows).toEqual([{ part: null }]);
    expect(await snapshot()).toEqual(before);
    expect(await fresh()).toBe(true);
    // The merge's connection was given back, its transaction and lock ended.
    const { rows: open } = await f.t.pool.query(`select count(*)::int as n from pg_stat_activity where datname = current_database() and state like 'idle in transaction%'`);
    expect(open[0].n).toBe(0);
    await expectExact();
  });

  it('leaves the rollup stale, answers right, when the merge is lost between the two commits', async () => {
    await refreshRollups(f.t.pool);
    const before = await snapshot();
    const loaded = await loadHeldBeforeCommit('acct-7', [['11', '00', '6.5', 'search']], '11', async ({ merge }) => {
      await f.t.pool.query('select pg_terminate_backend($1::int)', [merge]);
    });
    expect(loaded).toMatchObject({ status: 'loaded', rows: 1, rolledUp: false });
    expect(await snapshot()).toEqual(before);
    expect(await fresh()).toBe(false);
    const stale = await ask(true);
    expect(stale.rollup).toBe(false);
    expect(stale.rows).toContainEqual(expect.objectContaining({ period: '2026-11-11', team: 'search', effective_cost: 6.5 }));
    expect((await refreshAfterLoads(f.t.pool, [loaded])).mode).toBe('range');
    await expectExact();
    expect((await ask(true)).rows).toEqual(stale.rows);
  });
});
