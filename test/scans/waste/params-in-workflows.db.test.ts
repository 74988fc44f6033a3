/**
 * Waste check thresholds are workflow data: the same demo company scanned by a workflow with the
 * defaults and by one with stricter thresholds yields different findings, and a bad threshold in a
 * workflow file is reported with the file, line and field.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDemo } from '../../../src/demo/seed.ts';
import { listFindings } from '../../../src/findings/store.ts';
import { formatWorkflowProblem, parseWorkflowFile } from '../../../src/scheduler/load.ts';
import { defaultJobs } from '../../../src/scheduler/registry.ts';
import { runSlot } from '../../../src/scheduler/run-slot.ts';
import { createTestDb, type TestDb } from '../../support/db.ts';

let t: TestDb;
let day = 0;

beforeAll(async () => {
  // The demo ends yesterday, so a run (as of today) sees what it plants.
  t = await createTestDb();
  await seedDemo(t.pool);
}, 240_000);
afterAll(() => t?.drop());

const workflow = (params: string) => `name: waste-test\nschedule: "0 8 * * *"\njob: waste\nparams:\n  windowDays: 30\n${params}`;

/** Runs the workflow file's text as the scheduler would; the open waste findings' types after it. */
async function openTypesAfter(text: string): Promise<string[]> {
  const parsed = parseWorkflowFile('workflows/waste-test.yaml', text, defaultJobs());
  expect(parsed.problems).toEqual([]);
  const outcome = await runSlot(t.pool, defaultJobs(), parsed.workflow!, new Date(Date.UTC(2026, 0, ++day, 8)), 'manual');
  expect(outcome.status).toBe('succeeded');
  return [...new Set((await listFindings(t.pool, { statuses: ['open'] })).map((f) => f.type))].sort();
}

it('a workflow with stricter thresholds finds less on the same data', { timeout: 240_000 }, async () => {
  const defaults = await openTypesAfter(workflow(''));
  expect(defaults).toEqual(expect.arrayContaining(['agent_loop', 'premium_model', 'prompt_caching']));
  const strict = await openTypesAfter(workflow('  loopMinTasks: 1000000\n  premiumMinCalls: 100000000\n  cachingMinCalls: 100000000\n'));
  expect(strict).not.toContain('agent_loop');
  expect(strict).not.toContain('premium_model');
  expect(strict).not.toContain('prompt_caching');
  // The checks without a changed threshold find what they found.
  expect(strict).toEqual(defaults.filter((type) => !['agent_loop', 'premium_model', 'prompt_caching'].includes(type)));
  expect(await openTypesAfter(workflow(''))).toEqual(defaults);
});

it('a bad threshold names the workflow file, its line and the field', () => {
  const problems = (text: string) => parseWorkflowFile('workflows/waste-test.yaml', text, defaultJobs()).problems.map(formatWorkflowProblem);
  expect(problems(workflow('  loopMinTasks: 0\n'))).toEqual([expect.stringMatching(/^workflows\/waste-test\.yaml:6: params\.loopMinTasks: .*>=\s*1/)]);
  expect(problems(workflow('  cachingMaxCachedShare: lots\n'))).toEqual([expect.stringMatching(/^workflows\/waste-test\.yaml:6: params\.cachingMaxCachedShare: .*number/)]);
  expect(problems(workflow('  premiumLongShare: 2\n'))).toEqual([expect.stringMatching(/^workflows\/waste-test\.yaml:6: params\.premiumLongShare: .*<=\s*1/)]);
});
