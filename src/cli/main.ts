/**
 * The `penny` command. Each command that reports takes `--json` and then prints exactly one JSON
 * document on stdout; errors go to stderr, one line each, with a non-zero exit code.
 */
import { Command, CommanderError } from 'commander';
import { UserError } from './context.ts';

interface Entry {
  /** The one line `penny --help` shows, and the command's own description. */
  summary: string;
  load(): Promise<Command>;
}

// Each command is imported only when it runs or shows its own help, and `penny --help` imports
// none: `penny ingest` should not wait for the agent's and the Slack app's libraries to load.
const COMMANDS: Record<string, Entry> = {
  start: { summary: 'run the Penny service (Slack, HTTP, the GitHub webhook and the workflow scheduler)', load: async () => (await import('./commands/start.ts')).startCommand() },
  ingest: { summary: 'load cost and usage data', load: async () => (await import('./commands/ingest.ts')).ingestCommand() },
  owners: { summary: 'who owns which spend: the map alerts are routed by', load: async () => (await import('./commands/owners.ts')).ownersCommand() },
  budget: { summary: 'budgets per team, service, account or any tag', load: async () => (await import('./commands/budget.ts')).budgetCommand() },
  demo: { summary: 'seed a realistic demo company (cloud bills, LLM usage, owners, budgets) into the database', load: async () => (await import('./commands/demo.ts')).demoCommand() },
  scan: { summary: 'run the anomaly, waste and budget scans now and print their findings', load: async () => (await import('./commands/scan.ts')).scanCommand() },
  feedback: { summary: 'give feedback on a finding (not-an-anomaly, expected or planned) with a reason; it is dismissed', load: async () => (await import('./commands/feedback.ts')).feedbackCommand() },
  workflows: { summary: 'the scheduled workflows (PENNY_WORKFLOWS_DIR, default workflows/): list, or run one now', load: async () => (await import('./commands/workflows.ts')).workflowsCommand() },
  'review-pr': { summary: 'estimate the monthly cost change of a pull request (LLM models, limits, prompts, calls, schedules, compute)', load: async () => (await import('./commands/review-pr.ts')).reviewPrCommand() },
  ask: { summary: 'answer a cost question, e.g. penny ask "top 5 services last month"', load: async () => (await import('./commands/ask.ts')).askCommand() },
  audit: { summary: 'the remediation approval and execution audit log', load: async () => (await import('./commands/audit.ts')).auditCommand() },
  db: { summary: 'database administration: `penny db distribute` spreads the large tables over a Citus cluster', load: async () => (await import('./commands/db.ts')).dbCommand() },
  propose: { summary: 'propose a fix for a finding; its approval card goes to Slack (now, or when penny start runs with Slack)', load: async () => (await import('./commands/propose.ts')).proposeCommand() },
};

/**
 * The program with the command `name` names loaded; for anything else (help, a typo) every
 * command by name and summary only, which is all the overview and commander's suggestions need.
 */
export async function buildProgram(name?: string): Promise<Command> {
  const program = new Command('penny')
    .description('Penny: a self-hosted FinOps assistant for cloud and AI spend')
    .showHelpAfterError('(run `penny --help` for the commands)')
    .exitOverride();
  const entry = name !== undefined && Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (entry) program.addCommand((await entry.load()).description(entry.summary));
  else for (const [n, e] of Object.entries(COMMANDS)) program.command(n).description(e.summary);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  // Commands other than the service log warnings only. Set where the logger reads it when first
  // loaded, so that `penny --help` need not load the logger (nor zod, nor pg) at all.
  if (!process.env.PENNY_LOG_LEVEL && argv[2] !== 'start') process.env.PENNY_LOG_LEVEL = 'warn';
  try {
    // `penny help <command>` shows that command's own help, so it needs the command loaded.
    await (await buildProgram(argv[2] === 'help' ? argv[3] : argv[2])).parseAsync(argv);
    return Number(process.exitCode ?? 0);
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode;
    const [{ ConfigError }, { logger }] = await Promise.all([import('../config/env.ts'), import('../log/logger.ts')]);
    if (err instanceof UserError || err instanceof ConfigError) {
      process.stderr.write(`penny: ${err.message}\n`);
      return 2;
    }
    logger.debug({ err }, 'command failed');
    process.stderr.write(`penny: ${(err as Error).message ?? String(err)}\n`);
    return 1;
  }
}
