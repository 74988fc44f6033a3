/**
 * The planner's FOCUS words without a database: which CostQuery a practitioner's phrasing becomes
 * (period basis, FOCUS metrics, filters and groupings), that the words around them keep their old
 * meaning ("on-demand price" is still list cost, "by invoice" is a grouping), and what it declines.
 */
import { describe, expect, it } from 'vitest';
import { planQuestion, type Plan } from '../../src/ask/planner/plan.ts';

const catalog = new Map<string, string[]>([
  ['provider', ['AWS', 'Oracle', 'Microsoft']],
  ['ServiceName', ['Amazon Elastic Compute Cloud', 'Amazon Simple Storage Service']],
  ['SubAccountId', ['200000000011']],
]);
const AS_OF = '2024-11-15';
const SEP = { from: '2024-09-01', to: '2024-10-01' };
const OCT = { from: '2024-10-01', to: '2024-11-01' };

const plan = (q: string): Plan => {
  const read = planQuestion(q, { asOf: AS_OF, catalog });
  expect(read.ok, read.ok ? '' : read.message).toBe(true);
  return read as Plan;
};

describe('invoices and billing periods', () => {
  it.each([
    ['billed cost for the September 2024 billing period', SEP, 'billed_cost'],
    ['cost for the September 2024 billing period', SEP, 'effective_cost'],
    ['what is on the October 2024 invoice?', OCT, 'billed_cost'],
    ['invoice for September 2024', SEP, 'billed_cost'],
    ['AWS spend billed in October 2024', OCT, 'billed_cost'],
    ['effective cost on the October 2024 invoice', OCT, 'effective_cost'],
  ])('%s', (q, time, metric) => {
    expect(plan(q).query).toMatchObject({ periodBasis: 'billing', dataset: 'cloud', time, metric });
  });

  it.each([
    ['billed cost in September 2024', 'billed_cost', []],
    ['cost by invoice in September 2024', 'billed_cost', ['InvoiceId']],
    ['top 3 invoices in September 2024', 'billed_cost', ['InvoiceId']],
    ['billed cost by invoice issuer in September 2024', 'billed_cost', ['InvoiceIssuerName']],
  ])('%s stays on the charge period', (q, metric, groupBy) => {
    expect(plan(q).query).toMatchObject({ periodBasis: 'charge', metric, groupBy });
  });

  it('"by billing period" is a monthly trend of billing periods', () => {
    expect(plan('billed cost by billing period in 2024').query).toMatchObject({ periodBasis: 'billing', granularity: 'month', time: { from: '2024-01-01', to: '2025-01-01' } });
  });

  it('AI usage has no billing period', () => {
    expect(planQuestion('LLM spend on the October 2024 invoice', { asOf: AS_OF, catalog }).ok).toBe(false);
  });
});

describe('FOCUS metrics and the words beside them', () => {
  it.each([
    ['contracted cost in September 2024', 'contracted_cost'],
    ['effective savings rate in September 2024', 'effective_savings_rate'],
    ['ESR by provider in September 2024', 'effective_savings_rate'],
    ['savings rate over contracted cost by service in September 2024', 'contracted_savings_rate'],
    ['list unit price by SKU in September 2024', 'list_unit_price'],
    ['contracted unit price by SKU in September 2024', 'contracted_unit_price'],
    ['consumed quantity in September 2024', 'consumed_quantity'],
    ['pricing quantity by service in September 2024', 'pricing_quantity'],
    ['on-demand price in September 2024', 'list_cost'],
    ['list cost in September 2024', 'list_cost'],
  ])('%s', (q, metric) => {
    expect(plan(q).query.metric).toBe(metric);
  });

  it('a quantity is split by its unit, within three groupings', () => {
    expect(plan('consumed quantity by service in September 2024').query.groupBy).toEqual(['ServiceName', 'ConsumedUnit']);
    expect(plan('pricing quantity by SKU, service and region in September 2024').query.groupBy).toEqual(['SkuId', 'ServiceName', 'RegionId']);
  });
});

describe('FOCUS filters', () => {
  it.each([
    ['spend on savings plans in September 2024', { dimension: 'CommitmentDiscountType', op: 'contains', value: 'savings plan' }],
    ['spend covered by RIs in September 2024', { dimension: 'CommitmentDiscountType', op: 'contains', value: 'reserv' }],
    ['on-demand spend in September 2024', { dimension: 'CommitmentDiscountId', op: 'eq', value: null }],
    ['unused commitments in September 2024', { dimension: 'CommitmentDiscountStatus', op: 'eq', value: 'Unused' }],
    ['unused capacity reservations in September 2024', { dimension: 'CapacityReservationStatus', op: 'eq', value: 'Unused' }],
    ['spend on capacity reservations in September 2024', { dimension: 'CapacityReservationId', op: 'not', value: null }],
    ['cost of SKU G95FST5FTYV3JSRX in September 2024', { dimension: 'SkuId', op: 'eq', value: 'G95FST5FTYV3JSRX' }],
    ['cost of resource i-0ABC123 in September 2024', { dimension: 'ResourceId', op: 'eq', value: 'i-0ABC123' }],
    ['cost of resource named web-01 in September 2024', { dimension: 'ResourceName', op: 'eq', value: 'web-01' }],
    // A key that spells an attribution dimension is that dimension, read from every spelling of the key.
    ['spend tagged CostCenter=cc-1042 in September 2024', { dimension: 'cost_center', op: 'eq', value: 'cc-1042' }],
    ['spend where tag env is prod in September 2024', { dimension: 'environment', op: 'eq', value: 'prod' }],
    ['spend tagged application=web in September 2024', { dimension: 'tag:application', op: 'eq', value: 'web' }],
    ['spend with no tags at all in September 2024', { dimension: 'Tags', op: 'eq', value: null }],
    ['what share of spend is tagged with CostCenter in September 2024', { dimension: 'cost_center', op: 'not', value: null }],
    ['untagged spend in September 2024', { dimension: 'team', op: 'eq', value: null }],
    ['billed cost excluding corrections in September 2024', { dimension: 'ChargeClass', op: 'not', value: 'Correction' }],
    ['recurring charges in September 2024', { dimension: 'ChargeFrequency', op: 'eq', value: 'Recurring' }],
  ])('%s', (q, filter) => {
    expect(plan(q).query.filters).toContainEqual(filter);
  });

  it('a tag-coverage question also asks for the share of all spend', () => {
    expect(plan('what share of AWS spend carries the Owner tag in September 2024').share).toBe(true);
    expect(plan('AWS spend tagged with Owner by service in September 2024').share).toBe(false);
  });

  it('"by commitment discount" groups rather than filters', () => {
    expect(plan('spend by commitment discount in September 2024').query).toMatchObject({ groupBy: ['CommitmentDiscountId'], filters: [] });
  });
});

describe('FOCUS groupings', () => {
  it.each([
    ['billed cost by charge description in September 2024', ['ChargeDescription']],
    ['billed cost by SKU price id in September 2024', ['SkuPriceId']],
    ['billed cost by commitment discount type and service in September 2024', ['CommitmentDiscountType', 'ServiceName']],
    ['billed cost by publisher and invoice issuer in September 2024', ['PublisherName', 'InvoiceIssuerName']],
    ['billed cost by billing account name in September 2024', ['BillingAccountName']],
    ['billed cost by capacity reservation status in September 2024', ['CapacityReservationStatus']],
  ])('%s', (q, groupBy) => {
    expect(plan(q).query.groupBy).toEqual(groupBy);
  });
});

describe('declined rather than answered with another number', () => {
  it.each(['contracted savings in virtual currency by service in September 2024', 'marketplace spend by publisher in September 2024'])('%s', (q) => {
    expect(planQuestion(q, { asOf: AS_OF, catalog }).ok).toBe(false);
  });

  it('effective cost in the pricing currency is its own metric, split by pricing currency (round 29)', () => {
    const q = plan('effective cost in pricing currency by pricing currency in September 2024').query;
    expect([q.metric, q.groupBy]).toEqual(['pricing_currency_effective_cost', ['PricingCurrency']]);
  });
});
