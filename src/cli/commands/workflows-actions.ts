/**
 * What `penny workflows list` and `penny workflows run <name>` do (workflows.ts defines the
 * commands, and loads this only when one runs: the scheduler, the scans and Slack are not loaded
 * for `--help`).
 */
import { loadEnv } from '../../config/env.ts';
import { workflowLines } from '../../scheduler/describe.ts';
import { formatWorkflowProblem, loadWorkflows, resolveWorkflowsDir, type LoadResult } from '../../scheduler/load.ts';
import { runSlot } from '../../scheduler/run-slot.ts';
import { latestRuns } from '../../scheduler/runs.ts';
import { nextSlots } from '../../scheduler/slots.ts';
import { serviceJobs } from '../../server/faces.ts';
import { printJson, UserError, withDb } from '../context.ts';

async function load(): Promise<LoadResult & { dir: string }> {
  const dir = await resolveWorkflowsDir(loadEnv().PENNY_WORKFLOWS_DIR);
  return { dir, ...(await loadWorkflows(dir, serviceJobs())) };
}

function reportProblems(loaded: LoadResult): void {
  for (const p of loaded.problems) process.stderr.write(`penny: skipped ${formatWorkflowProblem(p)}\n`);
  if (loaded.problems.length > 0) process.exitCode = 1;
}

export async function listWorkflows(opts: { json?: boolean }): Promise<void> {
  const loaded = await load();
  const last = await withDb(({ db }) =>
    latestRuns(
      db.pool,
      loaded.workflows.map((w) => w.name),
    ),
  );
  const rows = loaded.workflows.map((workflow) => ({
    workflow,
    next: workflow.enabled ? (nextSlots({ expression: workflow.schedule, timezone: workflow.timezone }, 1)[0] ?? null) : null,
    last: last.get(workflow.name),
  }));
  if (opts.json) {
    printJson({
      dir: loaded.dir,
      workflows: rows.map(({ workflow, next, last: run }) => ({ ...workflow, next: next?.toISOString() ?? null, lastRun: run ?? null })),
      problems: loaded.problems,
    });
  } else if (rows.length === 0) {
    process.stdout.write(`No workflows in ${loaded.dir}.\n`);
  } else {
    process.stdout.write(
      `Workflows in ${loaded.dir}:\n${workflowLines(rows)
        .map((l) => `  ${l}\n`)
        .join('')}`,
    );
  }
  reportProblems(loaded);
}

export async function runWorkflow(name: string, opts: { json?: boolean }): Promise<void> {
  const loaded = await load();
  const workflow = loaded.workflows.find((w) => w.name === name);
  if (!workflow) {
    reportProblems(loaded);
    const names = loaded.workflows.map((w) => w.name);
    throw new UserError(`no workflow named ${name} in ${loaded.dir}${names.length ? ` (there are: ${names.join(', ')})` : ''}`);
  }
  const outcome = await withDb(({ db }) => runSlot(db.pool, serviceJobs(), workflow, new Date(), 'manual'));
  if (opts.json) printJson({ workflow: workflow.name, job: workflow.job, ...outcome });
  if (outcome.status === 'succeeded') {
    const counts = Object.entries(outcome.counts)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
    if (!opts.json) process.stdout.write(`${workflow.name}: ${workflow.job} succeeded in ${(outcome.durationMs / 1000).toFixed(1)} s${counts ? ` (${counts})` : ''}\n`);
    return;
  }
  process.exitCode = 1;
  if (outcome.status === 'failed') process.stderr.write(`penny: ${workflow.name} failed: ${outcome.error}\n`);
  else if (outcome.reason === 'busy') process.stderr.write(`penny: ${workflow.name} is running in another process; try again when it has finished\n`);
  else process.stderr.write(`penny: ${workflow.name} did not run: ${outcome.error ?? outcome.reason}\n`);
}
