/**
 * Classes that risked a confidently wrong number (issue 17, round 38), each over the demo company
 * with rows of its own where the demo's numbers happen to agree, and a near miss that keeps its
 * reading. Truths are hand-written SQL.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { demoCompany } from './support/demo-company.ts';

const demo = demoCompany();
const OCT = "ts >= '2026-10-01' and ts < '2026-11-01'";

beforeAll(async () => {
  // In the demo every support-agent task is the support team's, so reading one for the other gave
  // the same count: some become the search team's here.
  await demo.pool.query("update task_outcomes set team = 'search' where feature = 'support-agent' and extract(day from ts) <= 10");
});

describe('a name that is part of a longer stored name of another kind', () => {
  it('"support-agent tasks" is the feature support-agent, not the team support, as a word or two (it was the team)', async () => {
    const want = await demo.sql(`select count(distinct task_id) v from task_outcomes where feature = 'support-agent' and ${OCT}`);
    const team = await demo.sql(`select count(distinct task_id) v from task_outcomes where team = 'support' and ${OCT}`);
    expect(want).not.toBe(team);
    for (const q of ['how many support-agent tasks ran last month?', 'support agent tasks last month', 'failed support-agent tasks last month']) {
      const a = await demo.ask(q);
      expect(a.query?.filters, q).toEqual([{ dimension: 'feature', op: 'eq', value: 'support-agent' }]);
      expect(a.how, q).toContain('read as the feature support-agent');
    }
    expect((await demo.ask('how many support-agent tasks ran last month?')).value).toBe(want);
  });

  it('near miss: "support team tasks" is still the team', async () => {
    const a = await demo.ask('how many support team tasks ran last month?');
    expect(a.query?.filters).toEqual([{ dimension: 'team', op: 'eq', value: 'support' }]);
    expect(a.value).toBe(await demo.sql(`select count(distinct task_id) v from task_outcomes where team = 'support' and ${OCT}`));
  });
});
