/**
 * The `penny` command. Each command that reports takes `--json` and then prints exactly one JSON
 * document on stdout; errors go to stderr, one line each, with a non-zero exit code.
 */
import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config/env.ts';
import { logger } from '../log/logger.ts';
import { askCommand } from './commands/ask.ts';
import { auditCommand } from './commands/audit.ts';
import { budgetCommand } from './commands/budget.ts';
import { demoCommand } from './commands/demo.ts';
import { ingestCommand } from './commands/ingest.ts';
import { ownersCommand } from './commands/owners.ts';
import { proposeCommand } from './commands/propose.ts';
import { scanCommand } from './commands/scan.ts';
import { reviewPrCommand } from './commands/review-pr.ts';
import { startCommand } from './commands/start.ts';
import { workflowsCommand } from './commands/workflows.ts';
import { UserError } from './context.ts';

export function buildProgram(): Command {
  const program = new Command('penny')
    .description('Penny: a self-hosted FinOps assistant for cloud and AI spend')
    .showHelpAfterError('(run `penny --help` for the commands)')
    .exitOverride();
  program.addCommand(startCommand());
  program.addCommand(ingestCommand());
  program.addCommand(ownersCommand());
  program.addCommand(budgetCommand());
  program.addCommand(demoCommand());
  program.addCommand(scanCommand());
  program.addCommand(workflowsCommand());
  program.addCommand(reviewPrCommand());
  program.addCommand(askCommand());
  program.addCommand(auditCommand());
  program.addCommand(proposeCommand());
  return program;
}

export async function main(argv: string[]): Promise<number> {
  if (!process.env.PENNY_LOG_LEVEL && argv[2] !== 'start') logger.level = 'warn';
  try {
    await buildProgram().parseAsync(argv);
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
