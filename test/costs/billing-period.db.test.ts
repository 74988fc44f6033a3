/**
 * CostQuery's period basis and FOCUS metrics over the FinOps Foundation's sample, each checked
 * against SQL written here over cost_lines. The sample has the case that tells the bases apart:
 * an Oracle charge of 30 September 2024 billed in the October 2024 billing period.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { compileCostQuery } from '../../src/costs/compile.ts';
import { parseCostQuery } from '../../src/costs/query.ts';
import { runCostQuery, type CostRow } from '../../src/costs/run.ts';
import { loadFocusFile } from '../../src/ingest/focus/load.ts';
import { toScaled } from '../support/decimal.ts';
import { fileDb } from '../support/file-db.ts';
import { FOCUS_SAMPLE } from '../support/focus-sample.ts';

const f = fileDb();
const admin = { admin: true, teams: [] };
const AS_OF = '2024-11-15';
const SEP = { from: '2024-09-01', to: '2024-10-01' };
const OCT = { from: '2024-10-01', to: '2024-11-01' };
const W = "charge_period_start >= '2024-09-01' and charge_period_start < '2024-10-01'";

beforeAll(async () => {
  expect((await loadFocusFile(f.t.pool, FOCUS_SAMPLE)).status).toBe('loaded');
});

const run = (q: object) => runCostQuery(f.t.pool, q, { viewer: admin, asOf: AS_OF });
const sql = async (text: string): Promise<Array<Record<string, string | null>>> => (await f.t.pool.query(text)).rows;
const exact = (row: CostRow | undefined) => toScaled(String(row?.exact));

describe('period basis', () => {
  it('the sample has a charge of September billed in the October period', async () => {
    const rows = await sql("select 1 from cost_lines where charge_period_start < '2024-10-01' and billing_period_start = '2024-10-01'");
    expect(rows.length).toBeGreaterThan(0);
  });

  it.each([
    ['charge', SEP, "charge_period_start >= '2024-09-01' and charge_period_start < '2024-10-01'"],
    ['billing', SEP, "billing_period_start >= '2024-09-01' and billing_period_start < '2024-10-01'"],
    ['billing', OCT, "billing_period_start >= '2024-10-01' and billing_period_start < '2024-11-01'"],
    ['charge', OCT, "charge_period_start >= '2024-10-01' and charge_period_start < '2024-11-01'"],
  ])('%s basis, %o: billed cost by provider equals SQL', async (basis, time, where) => {
    const r = await run({ dataset: 'cloud', metric: 'billed_cost', groupBy: ['ProviderName'], time, periodBasis: basis });
    const expected = await sql(`select provider_name as k, sum(billed_cost) as v from cost_lines where ${where} group by 1`);
    expect(r.rows.map((x) => x.ProviderName).sort()).toEqual(expected.map((x) => x.k).sort());
    for (const e of expected) expect(exact(r.rows.find((x) => x.ProviderName === e.k))).toBe(toScaled(String(e.v)));
  });

  it('September and October invoices differ from September and October charges by the Oracle row', async () => {
    const bill = await run({ dataset: 'cloud', metric: 'billed_cost', filters: [{ dimension: 'ProviderName', op: 'eq', value: 'Oracle' }], time: OCT, periodBasis: 'billing' });
    const charge = await run({ dataset: 'cloud', metric: 'billed_cost', filters: [{ dimension: 'ProviderName', op: 'eq', value: 'Oracle' }], time: OCT });
    const [e] = await sql("select sum(billed_cost) as v from cost_lines where provider_name = 'Oracle' and billing_period_start = '2024-10-01'");
    expect(Number(e!.v)).toBeGreaterThan(0);
    expect(exact(bill.rows[0])).toBe(toScaled(String(e!.v)));
    expect(charge.rows[0]!.billed_cost).toBe(0);
  });

  it('a monthly trend on the billing basis has one period per billing month', async () => {
    const r = await run({ dataset: 'cloud', metric: 'billed_cost', granularity: 'month', time: { from: '2024-09-01', to: '2024-11-01' }, periodBasis: 'billing' });
    const expected = await sql("select to_char(billing_period_start at time zone 'UTC', 'YYYY-MM-DD') as k, sum(billed_cost) as v from cost_lines group by 1 order by 1");
    expect(r.rows.map((x) => x.period)).toEqual(expected.map((x) => x.k));
    for (const e of expected) expect(exact(r.rows.find((x) => x.period === e.k))).toBe(toScaled(String(e.v)));
  });

  it('comparing with the previous period compares billing periods', async () => {
    const r = await run({ dataset: 'cloud', metric: 'billed_cost', time: OCT, periodBasis: 'billing', compare: 'previous_period' });
    const [cur] = await sql("select sum(billed_cost) as v from cost_lines where billing_period_start = '2024-10-01'");
    const [prev] = await sql("select sum(billed_cost) as v from cost_lines where billing_period_start = '2024-09-01'");
    expect(r.rows[0]!.billed_cost).toBeCloseTo(Number(cur!.v), 9);
    expect(r.rows[0]!.previous).toBeCloseTo(Number(prev!.v), 9);
  });

  it('billing-basis queries read the rollup by billing period when it is fresh, else cost_lines by billing period start', () => {
    const opts = { asOf: AS_OF, viewer: admin, rowCap: 100, rollups: true };
    const q = { dataset: 'cloud', groupBy: ['ServiceName'], time: SEP, periodBasis: 'billing' } as const;
    const rolled = compileCostQuery(parseCostQuery(q), opts);
    expect(rolled.rollup).toBe(true);
    expect(rolled.text).toContain('billing_period >=');
    const raw = compileCostQuery(parseCostQuery(q), { ...opts, rollups: false });
    expect(raw.rollup).toBe(false);
    expect(raw.text).toContain('billing_period_start >=');
  });

  it('billing periods and FOCUS metrics need cloud data: AI usage has neither', () => {
    expect(() => parseCostQuery({ time: SEP, periodBasis: 'billing' })).toThrow(/billing periods are a column of cloud billing/);
    expect(() => parseCostQuery({ dataset: 'ai', time: SEP, metric: 'contracted_cost' })).toThrow(/FOCUS column/);
    expect(parseCostQuery({ time: SEP }).periodBasis).toBe('charge');
  });
});

describe('FOCUS metrics', () => {
  it.each([
    ['contracted_cost', 'sum(contracted_cost)'],
    ['effective_savings_rate', '1 - sum(effective_cost) filter (where list_cost > 0) / sum(list_cost) filter (where list_cost > 0)'],
    ['contracted_savings_rate', '1 - sum(effective_cost) filter (where contracted_cost > 0) / sum(contracted_cost) filter (where contracted_cost > 0)'],
  ])('%s by provider equals SQL', async (metric, agg) => {
    const r = await run({ dataset: 'cloud', metric, groupBy: ['ProviderName'], time: SEP });
    const expected = await sql(`select provider_name as k, ${agg} as v from cost_lines where ${W} group by 1`);
    expect(r.rows).toHaveLength(expected.length);
    for (const e of expected) {
      const got = r.rows.find((x) => x.ProviderName === e.k)![metric];
      if (e.v === null) expect(got).toBeNull();
      else expect(got as number).toBeCloseTo(Number(e.v), 9);
    }
  });

  it('the effective savings rate leaves out rows without a list cost (1 − effective ÷ list, list > 0)', async () => {
    const [all] = await sql(
      `select 1 - sum(effective_cost) / sum(list_cost) as naive, 1 - sum(effective_cost) filter (where list_cost > 0) / sum(list_cost) filter (where list_cost > 0) as v from cost_lines where ${W}`,
    );
    expect(Number(all!.naive)).not.toBeCloseTo(Number(all!.v), 6);
    const r = await run({ dataset: 'cloud', metric: 'effective_savings_rate', time: SEP });
    expect(r.unit).toBe('ratio');
    expect(r.rows[0]!.effective_savings_rate as number).toBeCloseTo(Number(all!.v), 9);
  });

  it.each([
    ['consumed_quantity', 'ConsumedUnit', 'sum(consumed_quantity)', 'consumed_unit'],
    ['pricing_quantity', 'PricingUnit', 'sum(pricing_quantity)', 'pricing_unit'],
    ['list_unit_price', 'SkuId', 'sum(list_cost) filter (where pricing_quantity is not null) / nullif(sum(pricing_quantity), 0)', 'sku_id'],
    ['contracted_unit_price', 'SkuId', 'sum(contracted_cost) filter (where pricing_quantity is not null) / nullif(sum(pricing_quantity), 0)', 'sku_id'],
  ])('%s by %s equals SQL', async (metric, dim, agg, col) => {
    const r = await run({ dataset: 'cloud', metric, groupBy: [dim], time: SEP, limit: 1000 });
    const expected = await sql(`select ${col} as k, ${agg} as v from cost_lines where ${W} group by 1`);
    expect(r.rows).toHaveLength(expected.length);
    for (const e of expected) {
      const got = r.rows.find((x) => x[dim] === e.k)![metric];
      if (e.v === null) expect(got).toBeNull();
      else expect(got as number).toBeCloseTo(Number(e.v), 9);
    }
    expect(r.unit).toBe(metric.endsWith('quantity') ? 'quantity' : 'USD');
  });
});

describe('untagged, by either definition', () => {
  it('no team tag and no tags at all are different filters, both equal to SQL', async () => {
    const noTeam = await run({ dataset: 'cloud', metric: 'billed_cost', filters: [{ dimension: 'team', op: 'eq', value: null }], time: SEP });
    const noTags = await run({ dataset: 'cloud', metric: 'billed_cost', filters: [{ dimension: 'Tags', op: 'eq', value: null }], time: SEP });
    const [e] = await sql(`select sum(billed_cost) filter (where team is null) as team, sum(billed_cost) filter (where tags = '{}'::jsonb) as none from cost_lines where ${W}`);
    expect(exact(noTeam.rows[0])).toBe(toScaled(String(e!.team)));
    expect(exact(noTags.rows[0])).toBe(toScaled(String(e!.none)));
    expect(e!.team).not.toBe(e!.none);
  });
});
