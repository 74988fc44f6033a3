/**
 * The `penny` command. Each command that reports takes `--json` and then prints exactly one JSON
 * document on stdout; errors go to stderr, one line each, with a non-zero exit code.
 */
import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config/env.ts';
import { logger } from '../log/logger.ts';
import { UserError } from './context.ts';

// Each command is imported only when it runs (or for help): `penny ingest` should not wait for
// the agent's and the Slack app's libraries to load, which take seconds.
const COMMANDS: Record<string, () => Promise<Command>> = {
  start: async () => (await import('./commands/start.ts')).startCommand(),
  ingest: async () => (await import('./commands/ingest.ts')).ingestCommand(),
  owners: async () => (await import('./commands/owners.ts')).ownersCommand(),
  budget: async () => (await import('./commands/budget.ts')).budgetCommand(),
  demo: async () => (await import('./commands/demo.ts')).demoCommand(),
  scan: async () => (await import('./commands/scan.ts')).scanCommand(),
  feedback: async () => (await import('./commands/feedback.ts')).feedbackCommand(),
  workflows: async () => (await import('./commands/workflows.ts')).workflowsCommand(),
  'review-pr': async () => (await import('./commands/review-pr.ts')).reviewPrCommand(),
  ask: async () => (await import('./commands/ask.ts')).askCommand(),
  audit: async () => (await import('./commands/audit.ts')).auditCommand(),
  propose: async () => (await import('./commands/propose.ts')).proposeCommand(),
};

/** The program with the command `name` names, or with every command (help, a typo). */
export async function buildProgram(name?: string): Promise<Command> {
  const program = new Command('penny')
    .description('Penny: a self-hosted FinOps assistant for cloud and AI spend')
    .showHelpAfterError('(run `penny --help` for the commands)')
    .exitOverride();
  const names = name !== undefined && Object.hasOwn(COMMANDS, name) ? [name] : Object.keys(COMMANDS);
  for (const n of names) program.addCommand(await COMMANDS[n]!());
  return program;
}

export async function main(argv: string[]): Promise<number> {
  if (!process.env.PENNY_LOG_LEVEL && argv[2] !== 'start') logger.level = 'warn';
  try {
    await (await buildProgram(argv[2])).parseAsync(argv);
    return Number(process.exitCode ?? 0);
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode;
    if (err instanceof UserError || err instanceof ConfigError) {
      process.stderr.write(`penny: ${err.message}\n`);
      return 2;
    }
    logger.debug({ err }, 'command failed');
    process.stderr.write(`penny: ${(err as Error).message ?? String(err)}\n`);
    return 1;
  }
}
