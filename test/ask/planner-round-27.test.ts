/**
 * Readings the FOCUS bank's round 27 asked for (issue #17), without a database: a tag key that
 * spells an attribution dimension ("env=prod") read in every spelling, purchases at billed cost,
 * "Microsoft" as the provider, invoices in the plural as a list, commitment waste as unused
 * commitment cost, "how far below list price" as the saving, and "committed vs on-demand" as the
 * two pricing categories. Each is checked with a near miss that must be read differently or declined.
 */
import { describe, expect, it } from 'vitest';
import { offlinePlanner } from './support/offline-planner.ts';

const catalog = new Map<string, string[]>([
  ['team', ['team-payments', 'team-platform']],
  ['provider', ['AWS', 'Google Cloud', 'Microsoft Azure']],
  ['environment', ['prod', 'dev']],
  ['ServiceName', ['Azure Monitor', 'Compute Engine']],
]);
const AS_OF = '2026-06-15';
const MAY = { from: '2026-05-01', to: '2026-06-01' };

const { read, plan } = offlinePlanner(catalog, AS_OF);

describe('a tag key that spells an attribution dimension', () => {
  it.each([
    ['gcp spend tagged env=prod in may', 'environment', 'prod'],
    ['spend where tag Environment is dev in may', 'environment', 'dev'],
    ['spend tagged cost-center=cc-2087 in may', 'cost_center', 'cc-2087'],
  ])('"%s" filters the attribution read from every spelling of the key', (q, dimension, value) => {
    expect(plan(q).query.filters).toContainEqual({ dimension, op: 'eq', value });
  });

  it('a key that spells no dimension, or stands in for one (Owner for the team), stays the raw tag', () => {
    expect(plan('spend tagged application=web in may').query.filters).toContainEqual({ dimension: 'tag:application', op: 'eq', value: 'web' });
    expect(plan('spend tagged Owner=team-payments in may').query.filters).toContainEqual({ dimension: 'tag:Owner', op: 'eq', value: 'team-payments' });
  });
});

describe('purchases alone are what was billed', () => {
  it.each(['commitment purchases by provider in may', 'aws purchases in may', 'what did we spend on purchases last month'])('"%s" is billed cost, and says why', (q) => {
    const p = plan(q);
    expect(p.query.metric).toBe('billed_cost');
    expect(p.assumptions.join(' ')).toMatch(/purchases are read at billed cost/);
  });

  it('a metric named, or purchases beside other categories, keep their reading', () => {
    expect(plan('effective cost of purchases in may').query.metric).toBe('effective_cost');
    expect(plan('usage vs tax vs purchases for aws in may').query.metric).toBe('effective_cost');
    expect(plan('spend excluding purchases in may').query.metric).toBe('effective_cost');
  });
});

describe('"Microsoft" names the provider', () => {
  it.each(['what did we pay Microsoft in May', 'billed cost by billing account for microsoft in may'])('"%s"', (q) => {
    expect(plan(q).query.filters).toContainEqual({ dimension: 'provider', op: 'eq', value: 'Microsoft Azure' });
  });

  it('a vendor with no stored spend is still declined', () => {
    expect(read('what did we pay Oracle in May').ok).toBe(false);
  });
});

describe('invoices in the plural are a list', () => {
  it.each(['list our may invoices with amounts', 'show the may invoices'])('"%s" is each invoice\'s billed cost', (q) => {
    expect(plan(q).query).toMatchObject({ groupBy: ['InvoiceId'], metric: 'billed_cost', periodBasis: 'billing', time: MAY });
  });

  it('one invoice, a total of several, or another split are not', () => {
    expect(plan("what's on the may invoice").query.groupBy).toEqual([]);
    expect(plan('the total of our may invoices').query.groupBy).toEqual([]);
    expect(plan('may invoices by provider').query.groupBy).toEqual(['provider']);
  });
});

describe('commitment waste is unused commitment cost', () => {
  it.each([
    ['CUD waste on gcp in may', 'committed use'],
    ['savings plan waste last month', 'savings plan'],
    ['wasted reservations in may', 'reserv'],
  ])('"%s"', (q, type) => {
    const f = plan(q).query.filters;
    expect(f).toContainEqual({ dimension: 'CommitmentDiscountStatus', op: 'eq', value: 'Unused' });
    expect(f).toContainEqual({ dimension: 'CommitmentDiscountType', op: 'contains', value: type });
  });

  it("waste with no commitment named is still the waste scan's, not a cost query", () => {
    const r = read('waste on gcp in may');
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.message).toMatch(/waste/);
  });
});

describe('how far below list price', () => {
  it.each(['how far below list price was our aws effective cost in may', 'how much under list did we pay on azure in may'])('"%s" is the saving against list', (q) => {
    expect(plan(q).derived).toBe('savings');
  });

  it('below a budget is not a saving against list', () => {
    const r = read('how far below budget are we');
    expect(r.ok && r.derived === 'savings').toBe(false);
  });
});

describe('committed vs on-demand', () => {
  it.each([
    ['committed vs on-demand spend on gcp in may', ['Committed', 'Standard']],
    ['on-demand versus committed cost in may', ['Standard', 'Committed']],
  ])('"%s" sets the pricing categories side by side', (q, values) => {
    expect(plan(q).versus).toEqual({ dimension: 'PricingCategory', values });
  });

  it('on-demand alone is still spend no commitment covered', () => {
    const p = plan('on-demand spend in may');
    expect(p.query.filters).toEqual([{ dimension: 'CommitmentDiscountId', op: 'eq', value: null }]);
    expect(p.versus).toBeUndefined();
  });
});
