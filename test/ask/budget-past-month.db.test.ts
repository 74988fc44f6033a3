/**
 * Budget questions about a month already over ("did ml go over budget in October?"), over the demo
 * company: each budget's whole month of spend against its amount, checked against SQL over the raw
 * tables written here by hand; the current month stays a forecast.
 */
import { describe, expect, it } from 'vitest';
import { budgetAmount, teamSpend as spendOf } from './support/budget-truth.ts';
import { demoCompany } from './support/demo-company.ts';

const demo = demoCompany();

const teamSpend = (team: string, from: string, to: string) => spendOf(demo.pool, team, from, to);
const amountOf = (team: string) => budgetAmount(demo.pool, team);

describe('a budget in a month already over', () => {
  it("a team's month: its spend against its budget, within it", async () => {
    const a = await demo.ask('did ml go over budget in october?');
    const spent = await teamSpend('ml', '2026-10-01', '2026-11-01');
    expect(spent).toBeLessThan(await amountOf('ml'));
    expect(a.value).toBeCloseTo(spent, 2);
    expect(a.answer).toMatch(/^ml monthly stayed within its budget in October 2026: spent \$[\d,.]+ against \$18,000\.00/);
  });

  it('over it: by how much', async () => {
    const a = await demo.ask('did the support team blow its budget in september');
    const spent = await teamSpend('support', '2026-09-01', '2026-10-01');
    const amount = await amountOf('support');
    expect(spent).toBeGreaterThan(amount);
    expect(a.value).toBeCloseTo(spent, 2);
    expect(a.answer).toContain(`over by $${(spent - amount).toFixed(2)}`);
  });

  it('every budget: the total they went over by', async () => {
    const a = await demo.ask('were we within budget last month?');
    let over = 0;
    for (const { team, amount } of (await demo.pool.query(`select scope->>'team' team, amount from budgets`)).rows)
      over += Math.max(0, (await teamSpend(team, '2026-10-01', '2026-11-01')) - Number(amount));
    expect(a.value).toBeCloseTo(over, 2);
    expect(a.answer).toMatch(/went over in October 2026/);
  });

  it('this month is still a forecast', async () => {
    expect((await demo.ask('will ml go over budget?')).answer).toMatch(/forecast/);
    expect((await demo.ask('is ml over budget this month?')).answer).not.toMatch(/stayed within|went over/);
  });
});
