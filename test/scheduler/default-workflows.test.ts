import path from 'node:path';
import { expect, it } from 'vitest';
import { formatWorkflowProblem, loadWorkflows, parseWorkflowFile } from '../../src/scheduler/load.ts';
import { SCAN_KINDS, type ScanKind } from '../../src/findings/finding.ts';
import type { Coverage } from '../../src/findings/store.ts';
import { coverageOf } from '../../src/scans/run.ts';
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

// A scan run resolves the open findings it covers and did not see: two workflows of one job with
// different parameters must cover different findings, or they would keep closing each other's.
it('the shipped workflows of one scan job with different parameters cover different findings', async () => {
  const { workflows } = await loadWorkflows(WORKFLOWS, defaultJobs());
  const scans = workflows.filter((w): w is typeof w & { job: ScanKind } => (SCAN_KINDS as readonly string[]).includes(w.job));
  const overlap = (a: Coverage, b: Coverage) => a.type === b.type && (!a.scopeKeys || !b.scopeKeys || [...a.scopeKeys].sort().join() === [...b.scopeKeys].sort().join());
  let pairs = 0;
  for (const w of scans) {
    for (const other of scans.filter((o) => o.job === w.job && o.name < w.name && JSON.stringify(o.params) !== JSON.stringify(w.params))) {
      pairs++;
      const mine = coverageOf(w.job, { [w.job]: w.params }) ?? [{ type: '*' }];
      const theirs = coverageOf(other.job, { [other.job]: other.params }) ?? [{ type: '*' }];
      expect(
        mine.flatMap((a) => theirs.filter((b) => overlap(a, b) || a.type === '*' || b.type === '*')),
        `${w.name} and ${other.name}`,
      ).toEqual([]);
    }
  }
  // daily-anomaly and hourly-ai-anomaly watch different series.
  expect(pairs).toBeGreaterThan(0);
});

it('a typo in a scan parameter is an error, not a silently default threshold', () => {
  const { problems } = parseWorkflowFile('workflows/w.yaml', 'name: w\nschedule: "0 6 * * *"\njob: anomaly\nparams:\n  minImpct: 10\n', defaultJobs());
  expect(problems.map(formatWorkflowProblem)).toEqual(['workflows/w.yaml:5: params.minImpct: unknown field']);
});
