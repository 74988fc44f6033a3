import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { deleteBudget, listBudgets, setBudget } from '../../src/budgets/store.ts';
import { createTestDb, type TestDb } from '../support/db.ts';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t.drop();
});
beforeEach(async () => {
  await t.pool.query('truncate budgets');
});

it('stores money and tokens exactly and reads them back as text', async () => {
  const { action, budget } = await setBudget(t.pool, { scope: { team: 'search' }, amount: '12000.10', tokenLimit: '9000000000000000001' });
  expect(action).toBe('created');
  expect(budget).toMatchObject({ scope: { team: 'search' }, amount: '12000.10', tokenLimit: '9000000000000000001', currency: 'USD', alertAt: [75, 100], period: 'monthly' });
  const { rows } = await t.pool.query('select amount = 12000.10 as exact, amount::text as text from budgets where scope = \'{"team":"search"}\'');
  expect(rows).toEqual([{ exact: true, text: '12000.10' }]);
});

it('one budget per scope, whatever the key order or aliases; setting again replaces every field', async () => {
  await setBudget(t.pool, { scope: { provider: 'AWS', service: 'Amazon EC2' }, amount: '300', tokenLimit: '1000', name: 'EC2', alertAt: [50, 100] });
  const again = await setBudget(t.pool, { scope: { service_name: 'Amazon EC2', provider_name: 'AWS' }, amount: '400' });
  expect(again.action).toBe('updated');
  expect(again.budget).toMatchObject({ amount: '400', tokenLimit: null, name: null, alertAt: [75, 100] });
  expect(Object.keys(again.budget.scope)).toEqual(['service_name', 'provider_name']);
  expect(await listBudgets(t.pool)).toHaveLength(1);
});

it('refuses a budget without limits, and the database refuses bad values too', async () => {
  await expect(setBudget(t.pool, { scope: { team: 'search' } })).rejects.toThrow(/amount, a token limit or both/);
  await expect(setBudget(t.pool, { scope: { team: 'search' }, amount: '-1' })).rejects.toThrow(/budgets_amount_check/);
  await expect(setBudget(t.pool, { scope: { team: 'search' }, amount: '1', alertAt: [] })).rejects.toThrow(/budgets_alert_at_check/);
  await expect(setBudget(t.pool, { scope: { team: 'search' }, amount: '1', currency: 'usd' })).rejects.toThrow(/budgets_currency_check/);
  expect(await listBudgets(t.pool)).toEqual([]);
});

it('deletes by scope and says when there was nothing to delete', async () => {
  await setBudget(t.pool, { scope: { team: 'search' }, amount: '1' });
  await setBudget(t.pool, { scope: { team: 'ads' }, amount: '2' });
  expect(await deleteBudget(t.pool, { team: 'search' })).toMatchObject({ amount: '1' });
  expect(await deleteBudget(t.pool, { team: 'search' })).toBeNull();
  expect((await listBudgets(t.pool)).map((b) => b.scope)).toEqual([{ team: 'ads' }]);
});
