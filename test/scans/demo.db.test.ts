/**
 * The scans on the demo company (src/demo/company.ts PLANTED): every planted situation is found
 * with a sane estimate, nothing else is found beyond the non-production resources that really do
 * run around the clock (see the check's module), and re-running updates rather than duplicates.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshRollups } from '../../src/costs/rollups.ts';
import { AGENT_LOOP, IDLE_GPU, SPIKE } from '../../src/demo/company.ts';
import { seedDemo } from '../../src/demo/seed.ts';
import type { Finding } from '../../src/findings/finding.ts';
import { listFindings } from '../../src/findings/store.ts';
import { recordFeedback } from '../../src/scans/feedback.ts';
import { runScans, type ScanResult } from '../../src/scans/run.ts';
import { createTestDb, type TestDb } from '../support/db.ts';

let t: TestDb;
let first: ScanResult;
const END = '2026-11-22';
const AS_OF = '2026-11-23';
const one = async (sql: string, params: unknown[] = []) => (await t.pool.query(sql, params)).rows[0];
const ofType = (type: string) => first.findings.filter((f) => f.type === type);
const only = (type: string): Finding => {
  const found = ofType(type);
  expect(found, type).toHaveLength(1);
  return found[0]!;
};

beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.pool, { endDate: END });
  first = await runScans(t.pool, { kinds: ['anomaly', 'waste', 'budget'], asOf: AS_OF });
}, 240_000);
afterAll(() => t.drop());

describe('scans on the demo company', () => {
  it('finds the spend spike on its first day, with its root cause and a monthly impact from its size', async () => {
    const f = only('cost_anomaly');
    expect(f.scope).toEqual({ service_name: SPIKE.service, sub_account_id: '111122223333' });
    const firstDay = new Date(Date.parse(`${END}T00:00:00Z`) - SPIKE.daysBeforeEnd * 86_400_000).toISOString().slice(0, 10);
    expect(f.evidence).toMatchObject({ start: firstDay, direction: 'spike', ongoing: true });
    expect(f.evidence.mainCause).toMatchObject({ dimension: 'resource_id', value: SPIKE.resourceId });
    const usual = Number((await one('select avg(effective_cost) as c from cost_lines where resource_id = $1 and charge_period_start < $2::date - 3', [SPIKE.resourceId, END])).c);
    // (factor − 1) × the usual day, for a month.
    expect(f.impactMonthly / ((SPIKE.factor - 1) * usual * 30.4)).toBeGreaterThan(0.7);
    expect(f.impactMonthly / ((SPIKE.factor - 1) * usual * 30.4)).toBeLessThan(1.3);
    expect(f.ownerHint).toBe('U04PLAT001');
  });

  it('finds the idle GPU instance, saving its run rate, and tells its named owner', async () => {
    const f = only('idle_compute');
    expect(f.scope).toEqual({ resource_id: IDLE_GPU });
    expect(f.impactMonthly).toBeGreaterThan(136 * 30 * 0.85);
    expect(f.impactMonthly).toBeLessThan(136 * 31 * 1.15);
    expect(f.ownerHint).toBe('priya.raman@northwind.example');
  });

  it('finds the premium model on classification calls, priced against gpt-4o-mini', async () => {
    const f = only('premium_model');
    expect(f.scope).toMatchObject({ feature: 'fraud-triage', model: 'gpt-4o' });
    expect(f.evidence.alternative).toBe('gpt-4o-mini');
    const spend = Number((await one("select sum(cost) / 30 * 30.4167 as m from llm_usage where feature = 'fraud-triage' and ts >= $1::date - 30 and ts < $1::date", [AS_OF])).m);
    // gpt-4o-mini's list prices are 6 % of gpt-4o's: most of the spend is saved, never more than all of it.
    expect(f.impactMonthly).toBeGreaterThan(spend * 0.85);
    expect(f.impactMonthly).toBeLessThan(spend);
  });

  it('finds the repeated prompt prefix without caching, with a saving below the prefix spend', async () => {
    const f = only('prompt_caching');
    expect(f.scope).toMatchObject({ feature: 'report-builder', model: 'claude-sonnet-4-5' });
    expect(f.evidence.prefixTokens as number).toBeGreaterThan(7000);
    expect(f.evidence.prefixTokens as number).toBeLessThan(9000);
    const spend = Number((await one("select sum(cost) / 30 * 30.4167 as m from llm_usage where feature = 'report-builder' and ts >= $1::date - 30 and ts < $1::date", [AS_OF])).m);
    expect(f.impactMonthly).toBeGreaterThan(0);
    expect(f.impactMonthly).toBeLessThan(spend * 0.9);
  });

  it('finds the agent loop and the margin erosion it causes', async () => {
    const loop = only('agent_loop');
    expect(loop.scope).toEqual({ feature: AGENT_LOOP.feature, team: 'support' });
    expect(loop.evidence.maxCalls as number).toBeGreaterThanOrEqual(AGENT_LOOP.calls);
    expect(loop.evidence.failedLoopingTasks).toBe(loop.evidence.loopingTasks);
    const loopCost = Number(
      (
        await one(
          `select sum(u.cost) as c from llm_usage u where u.feature = $1 and u.task_id in (
         select task_id from llm_usage where feature = $1 and ts >= $2::date - 7 and ts < $2::date group by task_id having count(*) >= $3)`,
          [AGENT_LOOP.feature, AS_OF, AGENT_LOOP.calls],
        )
      ).c,
    );
    expect(loop.evidence.loopCost as number).toBeCloseTo(loopCost, 1);
    expect(loop.impactMonthly).toBeLessThan((loopCost / 7) * 30.42);
    const erosion = only('unit_cost_rise');
    expect(erosion.scope).toEqual({ feature: AGENT_LOOP.feature, team: 'support' });
    expect(erosion.actual! / erosion.expected!).toBeGreaterThan(1.5);
  });

  it('finds the team over 75 % of its budget, and its forecast over the budget, once each', async () => {
    const threshold = only('budget_threshold');
    expect(threshold.scope).toEqual({ team: 'support' });
    expect(threshold.evidence).toMatchObject({ threshold: 75, period: '2026-11' });
    expect(threshold.evidence.usedShare as number).toBeCloseTo(0.82, 2);
    const forecast = only('budget_forecast');
    expect(forecast.scope).toEqual({ team: 'support' });
    // 82 % used in 22 of 30 days: a weekday run rate ends the month near 82 % × 30 / 22.
    expect(forecast.evidence.forecastShare as number).toBeGreaterThan(1.0);
    expect(forecast.evidence.forecastShare as number).toBeLessThan(1.3);
  });

  it('finds the untagged spend with a likely owner', async () => {
    const found = ofType('untagged_spend');
    const resources = found.flatMap((f) => (f.evidence.resources as { resourceId: string }[]).map((r) => r.resourceId.split(/[/:]/).pop()));
    expect(resources.sort()).toEqual(['erpbackups', 'i-0dev-sandbox', 'northwind-misc-uploads', 'report-api']);
    for (const f of found) expect(f.evidence.likelyOwner).toEqual(expect.any(String));
    expect(found.find((f) => f.scope.service_name === 'Cloud Run')!.evidence.likelyOwner).toBe('data');
  });

  it('finds nothing else but the non-production resources that run 24/7', () => {
    const planted = ['cost_anomaly', 'idle_compute', 'premium_model', 'prompt_caching', 'agent_loop', 'unit_cost_rise', 'budget_threshold', 'budget_forecast', 'untagged_spend'];
    const others = first.findings.filter((f) => !planted.includes(f.type));
    expect(others.map((f) => f.type)).toEqual(others.map(() => 'nonprod_always_on'));
    expect(others.map((f) => f.scope.resource_id!.split(/[/:]/).pop()).sort()).toEqual(['i-0dev-sandbox', 'i-0search-stg', 'metadata-pg']);
    for (const f of others) expect(f.impactMonthly / (f.evidence.runRateMonthly as number)).toBeCloseTo(1 - 60 / 168, 3);
  });

  it('re-running updates the same findings instead of adding new ones', async () => {
    const again = await runScans(t.pool, { kinds: ['anomaly', 'waste', 'budget'], asOf: AS_OF });
    expect(again.counts).toEqual({ new: 0, updated: first.findings.length, resolved: 0 });
    expect(again.findings.map((f) => f.fingerprint).sort()).toEqual(first.findings.map((f) => f.fingerprint).sort());
    expect(Number((await one('select count(*) as n from findings')).n)).toBe(first.findings.length);
  });

  it('reads the daily rollup while it is fresh and finds the same, with the same figures, from the raw tables', async () => {
    const figures = (r: ScanResult) => r.findings.map((f) => [f.fingerprint, f.impactMonthly.toFixed(2), f.actual?.toFixed(2), f.expected?.toFixed(2)]).sort();
    expect(await one('select count(*)::int as n from cost_rollup_state')).toEqual({ n: 1 });
    const fromRollup = await runScans(t.pool, { kinds: ['anomaly', 'budget'], asOf: AS_OF });
    // A stale rollup (as after a load nobody refreshed yet) is not read.
    await t.pool.query('delete from cost_rollup_state');
    try {
      const fromRaw = await runScans(t.pool, { kinds: ['anomaly', 'budget'], asOf: AS_OF });
      expect(figures(fromRaw)).toEqual(figures(fromRollup));
      expect(fromRollup.findings.filter((f) => f.kind === 'anomaly').length).toBeGreaterThan(0);
      // And the fresh rollup really is what is read: doubled there, the budgets' spend doubles.
      await refreshRollups(t.pool);
      await t.pool.query('update cost_rollup_daily set effective_cost = effective_cost * 2');
      const doubled = await runScans(t.pool, { kinds: ['budget'], asOf: AS_OF });
      const before = fromRollup.findings.filter((f) => f.type === 'budget_threshold');
      expect(before.length).toBeGreaterThan(0);
      for (const f of before) {
        const after = doubled.findings.find((d) => d.fingerprint === f.fingerprint);
        expect(Number(after?.evidence.actualToDate)).toBeCloseTo(2 * Number(f.evidence.actualToDate), 0);
      }
    } finally {
      await refreshRollups(t.pool);
    }
  });

  it('feedback on the anomaly is stored and keeps the same pattern quiet', async () => {
    const spike = only('cost_anomaly');
    await recordFeedback(t.pool, spike.fingerprint, 'expected', { by: 'U04PLAT001', note: 'log level raised on purpose' });
    const rerun = await runScans(t.pool, { kinds: ['anomaly'], asOf: AS_OF });
    expect(rerun.findings.map((f) => f.type)).not.toContain('cost_anomaly');
    const [stored] = await listFindings(t.pool, { fingerprints: [spike.fingerprint] });
    expect(stored).toMatchObject({ status: 'dismissed', feedback: 'expected' });
    expect(await one('select reason, rule from finding_suppressions')).toMatchObject({ reason: 'expected', rule: { direction: 'spike' } });
  });
});
