/**
 * FOCUS files other tools wrote (test/fixtures/real-world/focus, sources in its README): FOCUS 1.2
 * and 1.3 exports of AWS, Azure and Google Cloud shape, a multi-provider 1.3 file with a
 * marketplace row, credits, and the FinOps sample after an Excel round trip. Expected totals are
 * summed from the CSV text here, independently of PostgreSQL.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadFocusFile } from '../../../src/ingest/focus/load.ts';
import { listRejects } from '../../../src/ingest/rejects.ts';
import { createTestDb, type TestDb } from '../../support/db.ts';
import { sumDecimals, toScaled } from '../../support/decimal.ts';

const REAL = path.resolve(import.meta.dirname, '../../fixtures/real-world/focus');
const FILES = fs
  .readdirSync(REAL)
  .filter((f) => f.startsWith('tk_'))
  .sort();
let t: TestDb;

beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t.drop();
});
beforeEach(async () => {
  await t.pool.query('truncate cost_lines, ingest_rejects, ingest_load_periods, ingest_loads');
});

function records(file: string): Record<string, string>[] {
  return parse(fs.readFileSync(path.join(REAL, file)), { bom: true, columns: true }) as Record<string, string>[];
}

/** Exact per-provider sums of the file's text; a 1.3 file's provider is its ServiceProviderName. */
function expected(rows: Record<string, string>[]) {
  const out: Record<string, { n: number; billed: bigint; effective: bigint }> = {};
  for (const r of rows) {
    const p = r.ServiceProviderName || r.ProviderName!;
    const e = (out[p] ??= { n: 0, billed: 0n, effective: 0n });
    e.n++;
    e.billed += toScaled(r.BilledCost!);
    e.effective += toScaled(r.EffectiveCost!);
  }
  return out;
}

async function stored() {
  const { rows } = await t.pool.query<{ p: string; n: string; billed: string; effective: string }>(
    'select provider_name as p, count(*) as n, sum(billed_cost)::text as billed, sum(effective_cost)::text as effective from cost_lines group by 1',
  );
  return Object.fromEntries(rows.map((r) => [r.p, { n: Number(r.n), billed: sumDecimals([r.billed]), effective: sumDecimals([r.effective]) }]));
}

describe('third-party FOCUS 1.2 and 1.3 exports', () => {
  it.each(FILES)('%s loads every row, totals equal to the file', async (file) => {
    const rows = records(file);
    const r = await loadFocusFile(t.pool, path.join(REAL, file));
    expect(r).toMatchObject({ status: 'loaded', lines: rows.length, rows: rows.length, rejected: 0 });
    expect(await stored()).toEqual(expected(rows));
  });

  it('keeps 1.3 provider, contract-commitment and allocation columns queryable', async () => {
    const file = 'tk_aws_1_3_cost_and_usage_rows100_seed42.csv';
    const rows = records(file);
    await loadFocusFile(t.pool, path.join(REAL, file));
    const { rows: got } = await t.pool.query(
      `select count(*) filter (where allocated_method_id is not null)::int as allocated,
              count(*) filter (where contract_applied is not null)::int as contracts,
              sum(jsonb_array_length(contract_applied->'Elements'))::int as elements,
              count(distinct allocated_tags->>'workload')::int as workloads,
              min(service_provider_name) as service, min(host_provider_name) as host,
              count(*) filter (where extra ? 'AllocatedMethodId' or extra ? 'ServiceProviderName')::int as in_extra
         from cost_lines`,
    );
    const allocated = rows.filter((r) => r.AllocatedMethodId);
    expect(got[0]).toEqual({
      allocated: allocated.length,
      contracts: rows.filter((r) => r.ContractApplied).length,
      elements: rows.reduce((n, r) => n + (r.ContractApplied ? (JSON.parse(r.ContractApplied) as { Elements: unknown[] }).Elements.length : 0), 0),
      workloads: new Set(allocated.map((r) => (JSON.parse(r.AllocatedTags!) as { workload: string }).workload)).size,
      service: 'AWS',
      host: 'AWS',
      in_extra: 0,
    });
  });

  it('reads the marketplace row of a consolidated 1.3 file as its service provider, hosted by AWS', async () => {
    await loadFocusFile(t.pool, path.join(REAL, 'tk_consolidated_multi_provider_1_3.csv'));
    const { rows } = await t.pool.query("select provider_name, publisher_name, host_provider_name, invoice_issuer_name from cost_lines where service_provider_name = 'Datadog'");
    expect(rows).toEqual([{ provider_name: 'Datadog', publisher_name: 'AWS', host_provider_name: 'AWS', invoice_issuer_name: 'Reseller X' }]);
  });
});

describe('the FinOps sample after an Excel round trip', () => {
  it('fails as a file, with the first reason, and keeps every rejected row to list', async () => {
    const lines = records('excel_resaved_focus_sample.csv').length;
    const r = await loadFocusFile(t.pool, path.join(REAL, 'excel_resaved_focus_sample.csv'));
    expect(r).toMatchObject({ status: 'failed', rows: 0, rejected: lines });
    expect(r.error).toMatch(new RegExp(`^every one of its ${lines} rows was rejected; the first, line 2, BillingPeriod(Start|End): not a date/time: "\\d+/1/2024 0:00"`));
    expect((await t.pool.query('select count(*)::int as n from cost_lines')).rows[0].n).toBe(0);
    const list = await listRejects(t.pool, { loadId: r.loadId, limit: 2 });
    expect(list).toMatchObject({ loadId: r.loadId, kind: 'focus', status: 'failed', total: lines });
    expect(list.rejects[0]).toMatchObject({ line: 2, raw: expect.stringMatching(/^\d+\/1\/2024 0:00$/) });
  });
});
