/**
 * `penny start`: the long-running service (src/cli/service.ts). Only this definition loads for
 * `penny start --help`; the service, and with it Bolt and LangChain, load when it runs.
 */
import { Command } from 'commander';

export function startCommand(): Command {
  return new Command('start').action(async () => (await import('../service.ts')).runService());
}
