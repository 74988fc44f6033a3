/**
 * Answers over real FOCUS exports that used to be confidently wrong (issue #17): charge
 * categories (usage, purchases, tax) and a word that is both a service category and a service
 * name. Each number is checked against SQL over cost_lines written here by hand.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { answerOffline, type Answer } from '../../src/ask/answer/answer.ts';
import { loadFocusFile } from '../../src/ingest/focus/load.ts';
import { fileDb } from '../support/file-db.ts';
import { FOCUS_SAMPLE } from '../support/focus-sample.ts';

const f = fileDb();
const admin = { admin: true, teams: [] };
/** AWS, May 2026: usage, purchases (savings plans, reservations) and tax. */
const AWS_MAY = path.resolve(import.meta.dirname, '../fixtures/real-world/focus/tk_aws_1_2_cost_and_usage_rows100_seed42.csv');

beforeAll(async () => {
  for (const file of [AWS_MAY, FOCUS_SAMPLE]) expect((await loadFocusFile(f.t.pool, file)).status).toBe('loaded');
});

const ask = (q: string, asOf: string): Promise<Answer> => answerOffline(f.t.pool, q, { viewer: admin, asOf });

async function sql(text: string, params: unknown[] = []): Promise<number> {
  const { rows } = await f.t.pool.query(text, params);
  return Number(rows[0].v);
}

describe('charge category is a filter the planner reads', () => {
  const may = (col: string, where: string) =>
    sql(`select coalesce(sum(${col}), 0) as v from cost_lines where charge_period_start >= '2026-05-01' and charge_period_start < '2026-06-01' and provider_name = 'AWS' and ${where}`);

  it.each([
    ['AWS billed cost of usage charges in May 2026', 'billed_cost', "charge_category = 'Usage'"],
    ['AWS usage billed cost in May 2026', 'billed_cost', "charge_category = 'Usage'"],
    // A purchase's effective cost is amortized into the usage its commitment covers ($0 here): purchases are what was billed.
    ['AWS purchases in May 2026', 'billed_cost', "charge_category = 'Purchase'"],
    ['AWS tax in May 2026', 'effective_cost', "charge_category = 'Tax'"],
    ['AWS billed cost excluding tax in May 2026', 'billed_cost', "charge_category <> 'Tax'"],
  ])('%s', async (q, col, where) => {
    const a = await ask(q, '2026-06-01');
    const expected = await may(col, where);
    expect(expected).not.toBe(await may(col, 'true'));
    expect(a.query, a.answer).not.toBeNull();
    expect(a.value).toBeCloseTo(expected, 2);
  });

  it('billed cost by charge category adds up to the whole month', async () => {
    const a = await ask('AWS billed cost by charge category in May 2026', '2026-06-01');
    const { rows } = await f.t.pool.query(
      "select charge_category as k, sum(billed_cost) as v from cost_lines where provider_name = 'AWS' and charge_period_start >= '2026-05-01' and charge_period_start < '2026-06-01' group by 1",
    );
    expect(a.rows.map((r) => r.ChargeCategory).sort()).toEqual(rows.map((r) => r.k).sort());
    for (const r of rows) expect(a.rows.find((x) => x.ChargeCategory === r.k)!.billed_cost as number).toBeCloseTo(Number(r.v), 2);
  });
});

describe('a word that is both a service category and a service name', () => {
  it('"compute" is the Compute category (not Oracle\'s COMPUTE service), and the answer says so', async () => {
    const a = await ask('effective cost of compute by sub account', '2024-10-01');
    const { rows } = await f.t.pool.query(
      "select sub_account_id as k, sum(effective_cost) as v from cost_lines where service_category = 'Compute' and charge_period_start >= '2024-09-01' and charge_period_start < '2024-10-01' group by 1",
    );
    expect(rows.length).toBeGreaterThan(1);
    expect(a.rows).toHaveLength(rows.length);
    for (const r of rows) expect(a.rows.find((x) => x.SubAccountId === r.k)!.effective_cost as number).toBeCloseTo(Number(r.v), 2);
    expect(a.how).toMatch(/service category Compute, not the service COMPUTE/);
  });

  it('the service is still read where the question says "service"', async () => {
    const a = await ask('cost of the COMPUTE service in September 2024', '2024-10-01');
    expect(a.value).toBeCloseTo(
      await sql("select sum(effective_cost) as v from cost_lines where service_name = 'COMPUTE' and charge_period_start >= '2024-09-01' and charge_period_start < '2024-10-01'"),
      2,
    );
  });
});
