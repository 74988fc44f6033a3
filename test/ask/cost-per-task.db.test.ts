/**
 * "Cost per task" over every task, beside cost per successful task (issue 17): an AI platform
 * owner's "average cost per agent task", "what does a task cost us on average" and "cost per task
 * by team" divide the AI cost of calls made within tasks by all tasks in task outcomes, success or
 * not, and say the denominator; "cost per successful (or completed) task" stays the other figure.
 * Ground truth is SQL written here over llm_usage and task_outcomes of the demo company.
 */
import { describe, expect, it } from 'vitest';
import { demoCompany } from './support/demo-company.ts';

const demo = demoCompany();
const ask = demo.ask;
const OCT = "'2026-10-01' and '2026-11-01'";
const inRange = (column: string, range: string) => `${column} >= ${range.replace(' and ', ` and ${column} < `)}`;
const where = (scope: string) => (scope ? ` and ${scope}` : '');

/** AI cost of calls with a task id over distinct tasks in task outcomes (all, or only those with a success), in October. */
async function perTask(scope: string, successOnly: boolean): Promise<number> {
  const cost = await demo.sql(`select sum(cost) v from llm_usage where task_id is not null and ${inRange('ts', OCT)}${where(scope)}`);
  const tasks = await demo.sql(`select count(distinct task_id) v from task_outcomes where ${inRange('ts', OCT)}${where(scope)}${successOnly ? " and status = 'success'" : ''}`);
  return cost / tasks;
}

const count = (sql: string) => demo.sql(`select count(distinct task_id) v from task_outcomes where ${inRange('ts', OCT)} and ${sql}`);

describe('cost per task is over every task', () => {
  it.each([
    'average cost per agent task for the support-agent in October',
    'what does a support-agent task cost us on average in october?',
    'average cost of a task for support-agent last month',
    'support-agent spend per task last month',
  ])('"%s" divides by all tasks and says how many succeeded', async (q) => {
    const a = await ask(q);
    expect(a.query?.metric).toBe('cost_per_task');
    const all = await perTask("feature = 'support-agent'", false);
    const succeeded = await perTask("feature = 'support-agent'", true);
    // The two readings differ on the demo, so a test of one cannot pass on the other.
    expect(Math.abs(all - succeeded)).toBeGreaterThan(0.001);
    expect(a.value).toBeCloseTo(all, 6);
    const tasks = await count("feature = 'support-agent'");
    const ok = await count("feature = 'support-agent' and status = 'success'");
    expect(a.answer).toContain(`over all ${tasks.toLocaleString('en-US')} tasks`);
    expect(a.answer).toContain(`of which ${ok.toLocaleString('en-US')} succeeded`);
  });

  it('"cost per task by team last month" is a row per team over each team\'s tasks', async () => {
    const a = await ask('cost per task by team last month');
    expect(a.query?.metric).toBe('cost_per_task');
    expect(a.query?.groupBy).toEqual(['team']);
    const teams = a.rows.map((r) => r.team).filter((t): t is string => typeof t === 'string');
    expect(teams.length).toBeGreaterThan(0);
    for (const team of teams) {
      const row = a.rows.find((r) => r.team === team)!;
      expect(row.cost_per_task as number).toBeCloseTo(await perTask(`team = '${team}'`, false), 6);
    }
  });
});

describe('near miss: a word for success keeps the successful-task figure', () => {
  it.each(['cost per successful task for support-agent last month', 'average cost per completed task for the support-agent in october', 'support-agent cost per task that succeeded last month'])(
    '"%s" divides by successes and says so',
    async (q) => {
      const a = await ask(q);
      expect(a.query?.metric).toBe('cost_per_successful_task');
      expect(a.value).toBeCloseTo(await perTask("feature = 'support-agent'", true), 6);
      const ok = await count("feature = 'support-agent' and status = 'success'");
      expect(a.answer).toContain(`divides by the ${ok.toLocaleString('en-US')} tasks that succeeded`);
    },
  );

  it('"llm calls per task last month" is still calls over tasks, not money', async () => {
    const a = await ask('llm calls per task last month');
    expect(a.query?.metric).not.toBe('cost_per_task');
    expect(a.unit).toBe('requests');
  });
});
