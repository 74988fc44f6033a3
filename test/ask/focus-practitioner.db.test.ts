/**
 * FOCUS practitioner questions in their words (issues #16 and #17): invoices and billing periods,
 * FOCUS metrics, commitment, capacity-reservation, SKU, resource and tag filters, FOCUS groupings
 * and both definitions of "untagged". Each number is checked against SQL over cost_lines written
 * here, and each answer's first line says which period basis it used.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { answerOffline, type Answer } from '../../src/ask/answer/answer.ts';
import { runPenny } from '../support/cli.ts';
import { fileDb } from '../support/file-db.ts';
import { FOCUS_SAMPLE } from '../support/focus-sample.ts';

const f = fileDb();
const admin = { admin: true, teams: [] };
const SEP = '2024-11-15';
const MAY = '2026-06-01';

beforeAll(async () => {
  const real = path.resolve(import.meta.dirname, '../fixtures/real-world/focus');
  // The third-party samples share accounts and a billing period: one delivery, so every file's rows stay.
  await runPenny(['ingest', 'focus', FOCUS_SAMPLE, real, '--one-delivery'], { env: { DATABASE_URL: f.t.url, PENNY_DEMO: 'off' } });
}, 120_000);

const ask = (q: string, asOf: string): Promise<Answer> => answerOffline(f.t.pool, q, { viewer: admin, asOf });
async function sql(text: string): Promise<number | null> {
  const { rows } = await f.t.pool.query(text);
  return rows[0].v === null ? null : Number(rows[0].v);
}

describe('invoices and billing periods', () => {
  const billed = (where: string) => sql(`select sum(billed_cost) as v from cost_lines where ${where}`);

  it.each([
    ['billed cost for the September 2024 billing period', '2024-09-01'],
    ['how much was the October 2024 invoice?', '2024-10-01'],
    ["what's on our invoice for September 2024?", '2024-09-01'],
    ['Oracle cost billed in October 2024', '2024-10-01', 'Oracle'],
    ['total invoiced for September 2024', '2024-09-01'],
  ])('%s', async (q, month, provider?: string) => {
    const a = await ask(q, SEP);
    expect(a.value).toBeCloseTo((await billed(`billing_period_start = '${month}'${provider ? ` and provider_name = '${provider}'` : ''}`))!, 9);
    expect(a.query?.periodBasis).toBe('billing');
    expect(a.how).toMatch(/^I read this as: billed cost.*, billing periods starting 2024-(09|10)-01 to /);
  });

  it('a charge of 30 September billed in October: October on the invoice, September by charge date', async () => {
    const invoice = await ask('Oracle billed cost on the October 2024 invoice', SEP);
    const charged = await ask('Oracle billed cost in October 2024', SEP);
    expect(invoice.value).toBeCloseTo((await billed("provider_name = 'Oracle' and billing_period_start = '2024-10-01'"))!, 9);
    expect(invoice.value).toBeGreaterThan(0);
    expect(charged.value).toBe(0);
    expect(charged.how).toMatch(/^I read this as: billed cost for provider Oracle, charged 2024-10-01 to 2024-10-31/);
  });

  it('billed cost by billing period is a monthly trend of billing periods', async () => {
    const a = await ask('billed cost by billing period since September 2024', SEP);
    expect(a.rows.map((r) => [r.period, r.billed_cost])).toEqual([
      ['2024-09-01', await billed("billing_period_start = '2024-09-01'")],
      ['2024-10-01', await billed("billing_period_start = '2024-10-01'")],
    ]);
  });

  it.each([
    ['spend by invoice in May 2026', 'billed_cost', 'billed_cost'],
    ["what's the total on each invoice in May 2026?", 'billed_cost', 'billed_cost'],
    ['effective cost per invoice in May 2026', 'effective_cost', 'effective_cost'],
  ])('%s: an amount per invoice id (billed cost unless another is named), on the charge period unless an invoice period is named', async (q, metric, col) => {
    const a = await ask(q, MAY);
    expect(a.query).toMatchObject({ groupBy: ['InvoiceId'], metric, periodBasis: 'charge' });
    const { rows } = await f.t.pool.query(`select invoice_id as k, sum(${col}) as v from cost_lines where charge_period_start >= '2026-05-01' and charge_period_start < '2026-06-01' group by 1`);
    expect(a.rows).toHaveLength(rows.length);
    for (const r of rows) expect(a.rows.find((x) => x.InvoiceId === r.k)![metric] as number).toBeCloseTo(Number(r.v), 9);
  });

  it('`penny ask --json` carries the period basis in its query, and its first line says it', async () => {
    const r = await runPenny(['ask', 'billed cost for the October 2024 billing period', '--as-of', SEP, '--json', '--no-chart'], {
      env: { DATABASE_URL: f.t.url, PENNY_DEMO: 'off', OPENAI_API_KEY: undefined },
    });
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { value: number; query: { periodBasis: string }; how: string };
    expect(out.query.periodBasis).toBe('billing');
    expect(out.value).toBeCloseTo((await billed("billing_period_start = '2024-10-01'"))!, 9);
    expect(out.how).toMatch(/^I read this as: billed cost, billing periods starting 2024-10-01 to 2024-10-31, cloud\./);
  });

  it('AI usage has no invoice period: said, not answered', async () => {
    const a = await ask('AI cost on the October 2024 invoice', SEP);
    expect(a.query).toBeNull();
    expect(a.answer).toMatch(/cloud billing/);
  });
});

describe('FOCUS metrics in words', () => {
  const W = "charge_period_start >= '2024-09-01' and charge_period_start < '2024-10-01'";
  it.each([
    ['contracted cost in September 2024', `select sum(contracted_cost) as v from cost_lines where ${W}`, 'contracted_cost'],
    ['list cost in September 2024', `select sum(list_cost) as v from cost_lines where ${W}`, 'list_cost'],
    [
      'effective savings rate in September 2024',
      `select 1 - sum(effective_cost) filter (where list_cost > 0) / sum(list_cost) filter (where list_cost > 0) as v from cost_lines where ${W}`,
      'effective_savings_rate',
    ],
    [
      "what's our ESR for AWS in September 2024?",
      `select 1 - sum(effective_cost) filter (where list_cost > 0) / sum(list_cost) filter (where list_cost > 0) as v from cost_lines where ${W} and provider_name = 'AWS'`,
      'effective_savings_rate',
    ],
  ])('%s', async (q, text, metric) => {
    const a = await ask(q, SEP);
    expect(a.query?.metric).toBe(metric);
    expect(a.value).toBeCloseTo((await sql(text))!, 9);
  });

  it('a quantity is split by its unit, and says so', async () => {
    const a = await ask('consumed quantity of S3 in September 2024', SEP);
    expect(a.query?.groupBy).toEqual(['ConsumedUnit']);
    expect(a.how).toMatch(/split by consumed unit/);
    const { rows } = await f.t.pool.query(`select consumed_unit as k, sum(consumed_quantity) as v from cost_lines where ${W} and service_name = 'Amazon Simple Storage Service' group by 1`);
    expect(a.rows).toHaveLength(rows.length);
    for (const r of rows) expect(a.rows.find((x) => x.ConsumedUnit === r.k)!.consumed_quantity as number).toBeCloseTo(Number(r.v), 9);
    expect(a.answer).not.toMatch(/total|%/);
  });

  it('a unit price by SKU is list cost over pricing quantity per SKU and pricing unit', async () => {
    const a = await ask('list unit price by SKU for EC2 in September 2024', SEP);
    expect(a.query?.groupBy).toEqual(['SkuId', 'PricingUnit']);
    const { rows } = await f.t.pool.query(
      `select sku_id || '|' || coalesce(pricing_unit, '') as k, sum(list_cost) filter (where pricing_quantity is not null) / nullif(sum(pricing_quantity), 0) as v from cost_lines where ${W} and service_name = 'Amazon Elastic Compute Cloud' group by sku_id, pricing_unit`,
    );
    expect(a.rows).toHaveLength(rows.length);
    for (const r of rows) {
      const got = a.rows.find((x) => `${x.SkuId}|${x.PricingUnit ?? ''}` === r.k)!.list_unit_price;
      if (r.v === null) expect(got).toBeNull();
      else expect(got as number).toBeCloseTo(Number(r.v), 9);
    }
  });
});

describe('FOCUS filters and groupings in words', () => {
  const W = "charge_period_start >= '2026-05-01' and charge_period_start < '2026-06-01'";
  const eff = (where: string) => sql(`select coalesce(sum(effective_cost), 0) as v from cost_lines where ${W} and ${where}`);
  /** The answer gives the matching rows' effective cost in each currency on its own: one value, or a row per currency. */
  async function expectEffective(a: Answer, where: string): Promise<void> {
    const { rows } = await f.t.pool.query(`select billing_currency as c, sum(effective_cost) as v from cost_lines where ${W} and ${where} group by 1`);
    if (rows.length <= 1) return expect(a.value).toBeCloseTo(Number(rows[0]?.v ?? 0), 9);
    expect(a.value).toBeNull();
    for (const r of rows) expect(a.rows.find((x) => x.currency === r.c)!.effective_cost as number).toBeCloseTo(Number(r.v), 9);
  }

  it.each([
    ['what did we spend on savings plans in May 2026', "commitment_discount_type ilike '%savings plan%'"],
    ['spend covered by reserved instances in May 2026', "commitment_discount_type ilike '%reserv%'"],
    ['cost of unused savings plans in May 2026', "commitment_discount_status = 'Unused' and commitment_discount_type ilike '%savings plan%'"],
    ['on-demand spend in May 2026', 'commitment_discount_id is null'],
    ['spend covered by commitments in May 2026', 'commitment_discount_id is not null'],
    ['cost of unused capacity reservations in May 2026', "capacity_reservation_status = 'Unused'"],
    [
      'cost of resource //compute.googleapis.com/projects/examplecorp-data-739104/regions/us-central1/commitments/cud-4cd4cd5f55 in May 2026',
      "resource_id = '//compute.googleapis.com/projects/examplecorp-data-739104/regions/us-central1/commitments/cud-4cd4cd5f55'",
    ],
    // The Environment key is read in every spelling ingest reads the environment from (env, environment), as "by Environment tag" is.
    ['AWS cost tagged Environment=prod in May 2026', "provider_name = 'AWS' and environment = 'prod'"],
    ['spend with no tags at all in May 2026', "tags = '{}'::jsonb"],
    ['untagged spend in May 2026', 'team is null'],
  ])('%s', async (q, where) => {
    const a = await ask(q, MAY);
    expect(a.query, a.answer).not.toBeNull();
    await expectEffective(a, where);
  });

  it('"untagged" says which definition it used, and the other can be asked', async () => {
    expect((await ask('untagged spend in May 2026', MAY)).how).toMatch(/untagged \(no team tag\)/);
    expect((await ask('spend with no tags at all in May 2026', MAY)).how).toMatch(/untagged \(no tags at all\)/);
    expect(await eff('team is null')).not.toBe(await eff("tags = '{}'::jsonb"));
  });

  it('spend with no tags at all is also said as a share of all spend', async () => {
    const a = await ask('spend with no tags at all in May 2026', MAY);
    const share = ((await eff("tags = '{}'::jsonb"))! / (await eff('true'))!) * 100;
    expect(a.answer).toContain(`${share.toFixed(1)}% of all`);
  });

  it.each([
    ['billed cost by charge description for Google Cloud in May 2026', 'ChargeDescription', 'charge_description'],
    ['billed cost by commitment discount in May 2026', 'CommitmentDiscountId', 'commitment_discount_id'],
    ['billed cost by SKU for Azure in May 2026', 'SkuId', 'sku_id'],
    ['billed cost per invoice id in May 2026', 'InvoiceId', 'invoice_id'],
  ])('%s', async (q, dim, col) => {
    const a = await ask(`${q}`, MAY);
    expect(a.query?.groupBy).toEqual([dim]);
    const provider = q.includes('Google') ? " and provider_name = 'Google Cloud'" : q.includes('Azure') ? " and provider_name = 'Microsoft Azure'" : '';
    const { rows } = await f.t.pool.query(
      `select ${col} as k, billing_currency as c, sum(billed_cost) as v, row_number() over (partition by billing_currency order by sum(billed_cost) desc) as n from cost_lines where ${W}${provider} group by 1, 2`,
    );
    const shown = a.query?.limit ? rows.filter((r) => Number(r.n) <= a.query!.limit!) : rows;
    expect(a.rows).toHaveLength(shown.length);
    for (const r of shown) expect(a.rows.find((x) => x[dim] === r.k && x.currency === r.c)!.billed_cost as number).toBeCloseTo(Number(r.v), 9);
  });
});
