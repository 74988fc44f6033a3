/**
 * `penny workflows [list | run <name>] [--json]`: the scheduled workflows of PENNY_WORKFLOWS_DIR.
 * `list` shows each one's schedule, next run and last run, and reports bad files (exit 1, so it
 * doubles as a check in CI); `run` runs one now, recorded in workflow_runs like a scheduled run.
 */
import { Command } from 'commander';

function listCommand(): Command {
  return new Command('list')
    .description('each workflow with its job, schedule, next and last run; bad files are reported')
    .option('--json', 'print one JSON document')
    .action(async (opts: { json?: boolean }) => (await import('./workflows-actions.ts')).listWorkflows(opts));
}

function runCommand(): Command {
  return new Command('run')
    .description('run one workflow now (recorded in workflow_runs like a scheduled run)')
    .argument('<name>', 'the workflow name')
    .option('--json', 'print one JSON document')
    .action(async (name: string, opts: { json?: boolean }) => (await import('./workflows-actions.ts')).runWorkflow(name, opts));
}

export function workflowsCommand(): Command {
  return new Command('workflows').addCommand(listCommand(), { isDefault: true }).addCommand(runCommand());
}
