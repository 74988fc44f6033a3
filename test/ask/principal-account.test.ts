/**
 * The main billing account without a database, over catalogs the real exports don't give: an
 * account marked the main one by its type alone ("Management Account"), none marked (declined,
 * listing them), the only account of a cloud, and "main" as a stored name, which stays that name.
 */
import { describe, expect, it } from 'vitest';
import { planQuestion } from '../../src/ask/planner/plan.ts';

const AS_OF = '2026-06-15';
const accounts = (list: Array<[string, string, string]>) =>
  new Map<string, string[]>([
    ['provider', [...new Set(list.map(([, p]) => p))]],
    ['BillingAccountName', list.map(([n]) => n)],
    ['billing accounts', list.map((a) => JSON.stringify(a))],
  ]);
const plan = (q: string, catalog: Map<string, string[]>) => planQuestion(q, { asOf: AS_OF, catalog });

describe('the main billing account by name or type', () => {
  it("a type marks it when no name does: AWS's management account", () => {
    const catalog = accounts([
      ['Acme Corp', 'AWS', 'Management Account'],
      ['Acme Azure', 'Microsoft', 'Billing Profile'],
    ]);
    const p = plan('our main account spend last month', catalog);
    expect(p.ok && p.query.filters).toEqual([{ dimension: 'BillingAccountName', op: 'eq', value: 'Acme Corp' }]);
    expect(p.ok && p.assumptions.join(' ')).toContain('its type is Management Account');
  });

  it('none marked: declined, listing the accounts', () => {
    const p = plan(
      'our main billing account spend last month',
      accounts([
        ['Acme Prod', 'AWS', 'Billing Account'],
        ['Acme Labs', 'Google Cloud', 'Billing Account'],
      ]),
    );
    expect(p.ok).toBe(false);
    expect(!p.ok && p.message).toContain('None of the 2 billing accounts is marked as the main one');
    expect(!p.ok && p.message).toContain('Acme Labs (Google Cloud, Billing Account)');
  });

  it('the only billing account of the cloud said is its main one', () => {
    const p = plan(
      'our main azure account spend last month',
      accounts([
        ['Acme Prod', 'AWS', 'Billing Account'],
        ['Acme Azure', 'Microsoft Azure', 'Billing Profile'],
      ]),
    );
    expect(p.ok && p.query.filters).toEqual([{ dimension: 'BillingAccountName', op: 'eq', value: 'Acme Azure' }]);
    expect(p.ok && p.assumptions.join(' ')).toContain('it is the only billing account of Microsoft Azure');
  });

  it('near miss: a sub account called "main" is that account', () => {
    const catalog = new Map([...accounts([['Acme Corp', 'AWS', 'Management Account']]), ['SubAccountName', ['main', 'sandbox']]]);
    const p = plan('the main account spend last month', catalog);
    expect(p.ok && p.query.filters).toEqual([{ dimension: 'SubAccountName', op: 'eq', value: 'main' }]);
  });
});
