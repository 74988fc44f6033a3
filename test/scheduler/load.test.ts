import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineJob, type JobRegistry } from '../../src/scheduler/jobs.ts';
import { formatWorkflowProblem, loadWorkflows, parseWorkflowFile, resolveWorkflowsDir } from '../../src/scheduler/load.ts';
import { tempDir } from '../support/focus-sample.ts';

const jobs: JobRegistry = {
  anomaly: defineJob('test anomaly job', z.strictObject({ minImpact: z.number().positive().default(50) }), async ({ params }) => ({ counts: { minImpact: params.minImpact } })),
  waste: defineJob('test waste job', z.strictObject({}), async () => ({ counts: {} })),
};

const good = `name: daily-anomaly
schedule: "0 7 * * *"
timezone: Europe/Berlin
job: anomaly
params:
  minImpact: 25
notify:
  owners: true
  channels: ["#finops-alerts"]
`;

const problemsOf = (text: string) => parseWorkflowFile('workflows/x.yaml', text, jobs).problems.map(formatWorkflowProblem);

describe('parseWorkflowFile', () => {
  it('reads a good file with its defaults filled in', () => {
    const { workflow, problems } = parseWorkflowFile('workflows/a.yaml', good, jobs);
    expect(problems).toEqual([]);
    expect(workflow).toEqual({
      file: 'workflows/a.yaml',
      name: 'daily-anomaly',
      schedule: '0 7 * * *',
      timezone: 'Europe/Berlin',
      job: 'anomaly',
      params: { minImpact: 25 },
      notify: { owners: true, channels: ['#finops-alerts'] },
      enabled: true,
    });
    expect(parseWorkflowFile('w.yaml', 'name: w\nschedule: "@hourly"\njob: anomaly\n', jobs).workflow).toMatchObject({
      timezone: 'UTC',
      params: { minImpact: 50 },
      notify: { owners: false, channels: [] },
    });
  });

  it('names file, line and field for each problem', () => {
    expect(problemsOf(good.replace('0 7 * * *', '61 7 * * *'))).toEqual([
      'workflows/x.yaml:2: schedule: "61" is not a valid minute in "61 7 * * *" (cron: [second] minute hour day-of-month month day-of-week)',
    ]);
    expect(problemsOf(good.replace('0 7 * * *', 'every day'))[0]).toMatch(/^workflows\/x\.yaml:2: schedule: "every day" is not a cron expression/);
    expect(problemsOf(good.replace('Europe/Berlin', 'Europe/Atlantis'))).toEqual(['workflows/x.yaml:3: timezone: an IANA time zone such as UTC, Europe/Berlin or America/New_York']);
    expect(problemsOf(good.replace('schedule:', 'shedule:'))).toEqual(['workflows/x.yaml:1: schedule: required, but missing', 'workflows/x.yaml:2: shedule: unknown field']);
    expect(problemsOf(good.replace('"#finops-alerts"', '"finops alerts"'))).toEqual(['workflows/x.yaml:9: notify.channels[0]: a Slack channel: #name (lowercase) or a channel id such as C0123ABCD']);
    expect(problemsOf(good.replace('minImpact: 25', 'minImpact: -3'))).toEqual(['workflows/x.yaml:6: params.minImpact: Too small: expected number to be >0']);
    expect(problemsOf(good.replace('minImpact: 25', 'minImpakt: 3'))).toEqual(['workflows/x.yaml:6: params.minImpakt: unknown field']);
    expect(problemsOf('name: a\nschedule: [unclosed\n')[0]).toMatch(/^workflows\/x\.yaml:\d+: not valid YAML: /);
    expect(problemsOf('- just\n- a list\n')).toEqual(['workflows/x.yaml: expected a mapping with name, schedule, timezone, job, params and notify']);
  });

  it('rejects an unknown job, and a known one that no module has registered', () => {
    expect(problemsOf(good.replace('job: anomaly', 'job: cleanup'))).toEqual(['workflows/x.yaml:4: job: one of anomaly, waste, budget, digest, alerts']);
    expect(problemsOf(good.replace('job: anomaly', 'job: digest'))).toEqual([
      'workflows/x.yaml:4: job: the digest job is not available in this Penny (it comes with its module); available: anomaly, waste',
    ]);
  });
});

describe('loadWorkflows', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await tempDir('penny-workflows-');
    await fs.writeFile(path.join(dir, 'a-daily.yaml'), good);
    await fs.writeFile(path.join(dir, 'b-bad.yaml'), good.replace('name: daily-anomaly', 'name: bad').replace('0 7 * * *', '0 25 * * *'));
    await fs.writeFile(path.join(dir, 'c-waste.yml'), 'name: waste\nschedule: "0 8 * * 1-5"\njob: waste\n');
    await fs.writeFile(path.join(dir, 'd-dup.yaml'), good);
    await fs.writeFile(path.join(dir, 'README.md'), 'not a workflow');
  });
  afterAll(() => fs.rm(dir, { recursive: true, force: true }));

  it('loads the good files and reports the bad ones, which are skipped', async () => {
    const { workflows, problems } = await loadWorkflows(dir, jobs);
    expect(workflows.map((w) => [w.name, path.basename(w.file)])).toEqual([
      ['daily-anomaly', 'a-daily.yaml'],
      ['waste', 'c-waste.yml'],
    ]);
    expect(problems.map(formatWorkflowProblem)).toEqual([
      `${path.join(dir, 'b-bad.yaml')}:2: schedule: "25" is not a valid hour in "0 25 * * *" (cron: [second] minute hour day-of-month month day-of-week)`,
      `${path.join(dir, 'd-dup.yaml')}: name: daily-anomaly is already the name of ${path.join(dir, 'a-daily.yaml')}; this file is skipped`,
    ]);
  });

  it('says when the directory is missing', async () => {
    const { workflows, problems } = await loadWorkflows(path.join(dir, 'nope'), jobs);
    expect(workflows).toEqual([]);
    expect(problems.map(formatWorkflowProblem)).toEqual([`${path.join(dir, 'nope')}: no such directory (set PENNY_WORKFLOWS_DIR)`]);
  });
});

describe('resolveWorkflowsDir', () => {
  it('uses the folder given, and the shipped workflows when the default folder is not here', async () => {
    expect(await resolveWorkflowsDir('/etc/penny/workflows')).toBe('/etc/penny/workflows');
    const cwd = process.cwd();
    const elsewhere = await tempDir('penny-cwd-');
    try {
      process.chdir(elsewhere);
      expect(await resolveWorkflowsDir('workflows')).toBe(path.resolve(import.meta.dirname, '../../workflows'));
      await fs.mkdir('workflows');
      expect(await resolveWorkflowsDir('workflows')).toBe('workflows');
    } finally {
      process.chdir(cwd);
      await fs.rm(elsewhere, { recursive: true, force: true });
    }
  });
});
