import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setBudget } from '../../src/budgets/store.ts';
import { giveFeedback, listFindings, recordRun, setStatus, type DraftWithOwner } from '../../src/findings/store.ts';
import { loadFocusFile } from '../../src/ingest/focus/load.ts';
import type { WasteCheckName } from '../../src/scans/params.ts';
import { runScans } from '../../src/scans/run.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { FOCUS_SAMPLE } from '../support/focus-sample.ts';

let t: TestDb;
const AS_OF = '2024-10-01';
const count = async (sql: string) => Number((await t.pool.query(sql)).rows[0].n);

beforeAll(async () => {
  t = await createTestDb();
  expect((await loadFocusFile(t.pool, FOCUS_SAMPLE)).status).toBe('loaded');
  // A budget the sample's September spend crosses, so budget findings exist.
  const spend = Number((await t.pool.query("select sum(effective_cost) as s from cost_lines where provider_name = 'AWS'")).rows[0].s);
  await setBudget(t.pool, { scope: { provider_name: 'AWS' }, amount: (spend * 0.9).toFixed(2) });
});
afterAll(() => t.drop());

describe('findings store', () => {
  it('an interrupted run (backend terminated mid-write) leaves nothing, and the next run completes without duplicates', async () => {
    // Hold scan_runs so the run's transaction stops at its last insert, findings already written.
    const blocker = new pg.Client({ connectionString: t.url });
    await blocker.connect();
    await blocker.query('begin');
    await blocker.query('lock table scan_runs in share row exclusive mode');
    const run = runScans(t.pool, { kinds: ['waste', 'budget'], asOf: AS_OF }).then(
      () => null,
      (err: Error) => err,
    );
    let victim: number | undefined;
    for (let i = 0; i < 600 && victim === undefined; i++) {
      // From the pool, not the blocker: pg_stat_activity is a snapshot per transaction.
      const { rows } = await t.pool.query("select pid from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and query ilike 'insert into scan_runs%'");
      victim = rows[0]?.pid;
      if (victim === undefined) await new Promise((r) => setTimeout(r, 50));
    }
    expect(victim).toBeDefined();
    // Before the kill, the run's own transaction holds findings no one else can see.
    expect(Number((await blocker.query('select count(*) as n from findings')).rows[0].n)).toBe(0);
    await blocker.query('select pg_terminate_backend($1::int)', [victim]);
    await blocker.query('rollback');
    await blocker.end();
    const err = await run;
    expect(err?.message).toMatch(/scan failed: waste: .*terminat/i);
    // The waste run left nothing; the budget kind after it still ran and committed on its own.
    expect(await count("select count(*) as n from findings where kind = 'waste'")).toBe(0);
    expect(await count("select count(*) as n from scan_runs where status = 'ok' and kind = 'waste'")).toBe(0);
    expect(await count("select count(*) as n from scan_runs where status = 'failed' and kind = 'waste'")).toBe(1);
    const budgetFindings = await count("select count(*) as n from findings where kind = 'budget'");
    expect(await count("select count(*) as n from scan_runs where status = 'ok' and kind = 'budget'")).toBe(1);

    const next = await runScans(t.pool, { kinds: ['waste', 'budget'], asOf: AS_OF });
    const waste = next.findings.filter((f) => f.kind === 'waste').length;
    expect(waste).toBeGreaterThan(0);
    expect(next.counts).toEqual({ new: waste, updated: budgetFindings, resolved: 0 });
    expect(await count('select count(*) as n from findings')).toBe(next.findings.length);
    expect(await count('select count(distinct fingerprint) as n from findings')).toBe(next.findings.length);
    expect(await count("select count(*) as n from scan_runs where status = 'ok'")).toBe(3);
  });

  it('re-running updates, resolves what is gone, and keeps dismissed and snoozed findings so', async () => {
    const before = await listFindings(t.pool);
    const again = await runScans(t.pool, { kinds: ['waste', 'budget'], asOf: AS_OF });
    expect(again.counts).toEqual({ new: 0, updated: before.length, resolved: 0 });
    expect((await listFindings(t.pool)).map((f) => f.fingerprint).sort()).toEqual(before.map((f) => f.fingerprint).sort());

    const budget = before.filter((f) => f.type === 'budget_threshold');
    expect(budget.map((f) => f.evidence.threshold).sort()).toEqual([100, 75]);
    const untagged = before.filter((f) => f.type === 'untagged_spend');
    expect(untagged.length).toBeGreaterThanOrEqual(2);
    await setStatus(t.pool, untagged[0]!.fingerprint, 'dismissed');
    await setStatus(t.pool, untagged[1]!.fingerprint, 'snoozed', new Date(Date.now() + 86_400_000));
    await giveFeedback(t.pool, budget[0]!.fingerprint, 'planned', { note: 'migration month', by: 'U1' });

    // Raise the budget: the threshold findings of the period are no longer seen and resolve.
    await setBudget(t.pool, { scope: { provider_name: 'AWS' }, amount: '1000000' });
    const after = await runScans(t.pool, { kinds: ['waste', 'budget'], asOf: AS_OF });
    const byFp = new Map((await listFindings(t.pool)).map((f) => [f.fingerprint, f]));
    expect(byFp.get(budget[1]!.fingerprint)!.status).toBe('resolved');
    expect(byFp.get(budget[0]!.fingerprint)!).toMatchObject({ status: 'dismissed', feedback: 'planned' });
    expect(byFp.get(untagged[0]!.fingerprint)!.status).toBe('dismissed');
    expect(byFp.get(untagged[1]!.fingerprint)!.status).toBe('snoozed');
    expect(after.counts.resolved).toBe(1);

    // The threshold crossed again in the same period is the same finding, reopened, not a new row.
    await setBudget(t.pool, { scope: { provider_name: 'AWS' }, amount: '1' });
    const reopened = await runScans(t.pool, { kinds: ['budget'], asOf: AS_OF });
    expect(reopened.findings.find((f) => f.fingerprint === budget[1]!.fingerprint)?.status).toBe('open');
    expect(await count("select count(*) as n from findings where type = 'budget_threshold'")).toBe(2);
  });

  it('a run resolves only the findings it covers: its waste checks, its anomaly dimension sets', async () => {
    await runScans(t.pool, { kinds: ['waste'], asOf: AS_OF });
    const openWaste = await listFindings(t.pool, { kinds: ['waste'], statuses: ['open'] });
    expect(openWaste.length).toBeGreaterThan(0);
    const statusOf = async (kind: 'waste' | 'anomaly') => new Map((await listFindings(t.pool, { kinds: [kind] })).map((f) => [f.fingerprint, f.status]));
    // A workflow running other checks, with a threshold nothing reaches, leaves them open...
    const other = await runScans(t.pool, { kinds: ['waste'], asOf: AS_OF, params: { waste: { checks: ['premium_model', 'idle_compute'], minMonthly: 1e12 } } });
    expect(other.counts.resolved).toBe(0);
    for (const f of openWaste) expect((await statusOf('waste')).get(f.fingerprint)).toBe('open');
    // ...and one running their check resolves them.
    const same = await runScans(t.pool, { kinds: ['waste'], asOf: AS_OF, params: { waste: { checks: [...new Set(openWaste.map((f) => f.type))] as WasteCheckName[], minMonthly: 1e12 } } });
    expect(same.counts.resolved).toBe(openWaste.length);

    const draft = (scope: Record<string, string>): DraftWithOwner => ({
      type: 'cost_anomaly',
      scope,
      key: '2024-09-30',
      title: `spike in ${JSON.stringify(scope)}`,
      expected: 10,
      actual: 90,
      unit: 'USD/day',
      impactMonthly: 2400,
      currency: 'USD',
      evidence: {},
      remediation: 'look',
      ownerHint: null,
    });
    const run = (covers: { type: string; scopeKeys?: string[] }[], drafts: DraftWithOwner[]) => recordRun(t.pool, { kind: 'anomaly', asOf: AS_OF, startedAt: new Date(), covers }, drafts);
    const seeded = await run([], [draft({ team: 'search' }), draft({ service_name: 'Amazon EC2', sub_account_id: '123' })]);
    const [byTeam, byService] = seeded.findings.map((f) => f.fingerprint);
    // Keys in any order name the same dimension set; other sets' findings stay open.
    const hourlyOnly = await run([{ type: 'cost_anomaly_hourly', scopeKeys: ['team', 'feature'] }], []);
    expect(hourlyOnly.counts.resolved).toBe(0);
    const serviceSet = await run([{ type: 'cost_anomaly', scopeKeys: ['sub_account_id', 'service_name'] }], []);
    expect(serviceSet.counts.resolved).toBe(1);
    const status = await statusOf('anomaly');
    expect(status.get(byService!)).toBe('resolved');
    expect(status.get(byTeam!)).toBe('open');
  });

  it('rejects bad options with the field named', async () => {
    await expect(runScans(t.pool, { kinds: ['waste'], asOf: '2024-13-01' })).rejects.toThrow(/asOf/);
    await expect(runScans(t.pool, { kinds: [], asOf: AS_OF })).rejects.toThrow(/kinds/);
    await expect(runScans(t.pool, { kinds: ['waste'], params: { waste: { windowDays: 2 } } })).rejects.toThrow(/params\.waste\.windowDays/);
  });
});
