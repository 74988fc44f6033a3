/**
 * A period compared with the same dates a week or a year earlier, over the demo company (issue #17,
 * round 28): the earlier number checked against SQL over the raw tables, and a comparison with days
 * before the data starts saying so rather than reading "up from $0.00" as growth.
 */
import { describe, expect, it } from 'vitest';
import { demoCompany } from './support/demo-company.ts';

const demo = demoCompany();
const gpt4o = (from: string, to: string) => demo.sql(`select sum(cost) v from llm_usage where model = 'gpt-4o' and ts >= '${from}' and ts < '${to}'`);

describe('the same dates earlier', () => {
  it('"yesterday vs same day last week" compares with the day a week before', async () => {
    const a = await demo.ask('gpt-4o cost yesterday vs same day last week');
    expect(a.value).toBeCloseTo(await gpt4o('2026-11-22', '2026-11-23'), 6);
    expect(a.rows[0]?.previous).toBeCloseTo(await gpt4o('2026-11-15', '2026-11-16'), 6);
    expect(a.answer).toContain('in 2026-11-15.');
  });

  it('near miss: "vs the day before" is the day just before', async () => {
    const a = await demo.ask('gpt-4o cost yesterday vs the day before');
    expect(a.rows[0]?.previous).toBeCloseTo(await gpt4o('2026-11-21', '2026-11-22'), 6);
  });

  it('a comparison with days before the data starts says so', async () => {
    const first = (await demo.pool.query("select to_char(min(d), 'YYYY-MM-DD') as f from (select min(charge_period_start) d from cost_lines union all select min(ts) from llm_usage) x")).rows[0].f;
    const a = await demo.ask('spend this month vs the same month last year');
    expect(a.answer).toContain(`Cost data starts ${first}, so the period compared with is not covered.`);
    expect((await demo.ask('last week vs the week before')).answer).not.toContain('Cost data starts');
  });
});
