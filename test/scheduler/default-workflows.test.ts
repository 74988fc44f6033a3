import path from 'node:path';
import { expect, it } from 'vitest';
import { formatWorkflowProblem, loadWorkflows, parseWorkflowFile } from '../../src/scheduler/load.ts';
import { defaultJobs } from '../../src/scheduler/registry.ts';

const WORKFLOWS = path.resolve(import.meta.dirname, '../../workflows');

it('the shipped workflows are valid against the real jobs and their parameter schemas', async () => {
  const { workflows, problems } = await loadWorkflows(WORKFLOWS, defaultJobs());
  expect(problems.map(formatWorkflowProblem)).toEqual([]);
  expect(workflows.map((w) => [w.name, w.job]).sort()).toEqual([
    ['daily-anomaly', 'anomaly'],
    ['daily-budget', 'budget'],
    ['daily-waste', 'waste'],
    ['hourly-ai-anomaly', 'anomaly'],
    ['owner-alerts', 'alerts'],
    ['weekly-digest', 'digest'],
  ]);
  for (const w of workflows) expect(w.notify.owners || w.notify.channels.length > 0).toBe(true);
  // Parameters come out with the scans' defaults filled in.
  expect(workflows.find((w) => w.name === 'daily-waste')!.params).toMatchObject({ minMonthly: 50, windowDays: 30, checks: expect.arrayContaining(['idle_compute', 'agent_loop']) });
});

// A scan run resolves the open findings of its kind that it did not see: two workflows of one job
// with different parameters would keep closing each other's findings.
it('the shipped workflows of one job scan with the same parameters', async () => {
  const { workflows } = await loadWorkflows(WORKFLOWS, defaultJobs());
  for (const w of workflows) {
    for (const other of workflows.filter((o) => o.job === w.job)) expect([other.name, other.params]).toEqual([other.name, w.params]);
  }
});

it('a typo in a scan parameter is an error, not a silently default threshold', () => {
  const { problems } = parseWorkflowFile('workflows/w.yaml', 'name: w\nschedule: "0 6 * * *"\njob: anomaly\nparams:\n  minImpct: 10\n', defaultJobs());
  expect(problems.map(formatWorkflowProblem)).toEqual(['workflows/w.yaml:5: params.minImpct: unknown field']);
});
