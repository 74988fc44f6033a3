/**
 * Accounts named as people name them, over the real-world FOCUS exports: a billing account by the
 * words of its name only it has ("the master payer account"), a word several share asked about
 * ("the payer account"), and a cloud's own word for its accounts ("linked account": AWS's) keeping
 * to that cloud's accounts whatever type text an export gives them. Truths are hand-written SQL.
 */
import { describe, expect, it } from 'vitest';
import { declined, realFocus } from './support/real-focus.ts';

const { f, ask, sql } = realFocus();
const MAY = "charge_period_start >= '2026-05-01' and charge_period_start < '2026-06-01'";

describe('a billing account by part of its name', () => {
  it('"the master payer account" is the one billing account with "master" in its name, and says so', async () => {
    const want = await sql(`select sum(effective_cost) v from cost_lines where billing_account_name = 'ExampleCorp Master Payer' and ${MAY}`);
    for (const q of ['what did the master payer account cost in may', 'master payer spend in may']) {
      const a = await ask(q);
      expect(a.query?.filters, q).toEqual([{ dimension: 'BillingAccountName', op: 'eq', value: 'ExampleCorp Master Payer' }]);
      expect(a.value, q).toBeCloseTo(want, 6);
      expect(a.how, q).toContain('read as the billing account name ExampleCorp Master Payer');
    }
  });

  it('near misses: a word two accounts share is asked about, listing both; the whole name is read as typed', async () => {
    const a = await ask('spend on the payer account in may');
    expect(declined(a)).toBe(true);
    expect(a.answer).toContain('ExampleCorp Master Payer');
    expect(a.answer).toContain('ExampleCorp Secondary Payer');
    expect(a.answer).toContain('Which one');
    const whole = await ask('ExampleCorp Secondary Payer spend in may');
    expect(whole.value).toBeCloseTo(await sql(`select sum(effective_cost) v from cost_lines where billing_account_name = 'ExampleCorp Secondary Payer' and ${MAY}`), 6);
    expect(whole.how ?? '').not.toContain('read as the billing account name');
    // "billing account" is the kind of account, not a name shared by the Google billing accounts.
    expect((await ask('our main billing account spend in may')).answer).not.toContain('have "billing" in their name');
  });
});

describe("a cloud's word for its accounts with no provider named", () => {
  it('"spend by linked account" is every AWS account, the consolidated export\'s "SubAccount" too', async () => {
    const want = (await f.t.pool.query(`select sub_account_id k, sum(effective_cost) v from cost_lines where provider_name = 'AWS' and ${MAY} group by 1`)).rows;
    expect(want.length).toBeGreaterThan(4);
    const a = await ask('spend by linked account in may');
    expect(Object.fromEntries(a.rows.map((r) => [String(r.SubAccountId), Number(r.effective_cost)]))).toEqual(Object.fromEntries(want.map((r) => [String(r.k), expect.closeTo(Number(r.v), 6)])));
  });

  it('near misses: "the data-analytics subscription" stays Azure\'s; "sub accounts" are every cloud\'s', async () => {
    const azure = await sql(`select sum(effective_cost) v from cost_lines where provider_name = 'Microsoft Azure' and sub_account_name = 'data-analytics' and ${MAY}`);
    expect((await ask('what did the data-analytics subscription cost in may?')).value).toBeCloseTo(azure, 6);
    const all = await ask('spend by sub account in may');
    expect(all.rows).toHaveLength(Number(await sql(`select count(distinct sub_account_id) v from cost_lines where ${MAY}`)));
  });
});

describe('who invoiced: the invoice issuer beside an invoicing word', () => {
  it('"what did Reseller X bill us", "spend via our reseller", "billed by AWS": the issuer, said', async () => {
    const reseller = await sql(`select sum(billed_cost) v from cost_lines where invoice_issuer_name = 'Reseller X' and ${MAY}`);
    const named = await ask('what did Reseller X bill us in May');
    expect(named.query?.filters).toEqual([{ dimension: 'InvoiceIssuerName', op: 'eq', value: 'Reseller X' }]);
    expect(named.value).toBeCloseTo(reseller, 6);
    const ours = await ask('spend via our reseller in may');
    expect(ours.query?.filters).toEqual([{ dimension: 'InvoiceIssuerName', op: 'eq', value: 'Reseller X' }]);
    expect(ours.how).toContain('the one invoice issuer that is none of the providers');
    const billedBy = await ask('cost billed by AWS in may');
    expect(billedBy.query?.filters).toEqual([{ dimension: 'InvoiceIssuerName', op: 'eq', value: 'AWS' }]);
    expect(billedBy.value).toBeCloseTo(await sql(`select sum(billed_cost) v from cost_lines where invoice_issuer_name = 'AWS' and ${MAY}`), 6);
  });

  it('near misses: a provider named without an invoicing word stays the provider; "by reseller" is a breakdown', async () => {
    expect((await ask('aws spend in may')).query?.filters).toEqual([{ dimension: 'provider', op: 'eq', value: 'AWS' }]);
    const split = await ask('AWS spend by invoice issuer in may');
    expect(split.query?.filters).toEqual([{ dimension: 'provider', op: 'eq', value: 'AWS' }]);
    expect(split.query?.groupBy).toEqual(['InvoiceIssuerName']);
    expect((await ask('spend by reseller in may')).query?.groupBy).toEqual(['InvoiceIssuerName']);
  });
});
