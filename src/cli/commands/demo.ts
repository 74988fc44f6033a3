/**
 * `penny demo`: seeds Northwind Labs, a realistic fictional company, through the real ingest code,
 * and lists the situations planted for the scans; `penny demo --remove` takes out exactly what it
 * seeded (see demo/remove.ts).
 */
import { Command } from 'commander';
import { removeDemo, type DemoRemoval } from '../../demo/remove.ts';
import { seedDemo, type DemoResult } from '../../demo/seed.ts';
import { printJson, UserError, withDb } from '../context.ts';

export function describeDemo(r: DemoResult): string {
  const n = (x: number) => x.toLocaleString('en-US');
  return [
    `Seeded ${r.company}, ${r.from} to ${r.to}: ${n(r.costRows)} billing rows, ${n(r.usageRows)} LLM calls, ${n(r.tasks)} agent tasks, ${n(r.metrics)} utilisation samples, owners and budgets.`,
    'Planted for the scans to find:',
    ...r.planted.map((p) => `  - ${p.situation}: ${p.where}`),
  ].join('\n');
}

function describeRemoval(r: DemoRemoval): string {
  if (r.seeds === 0) return 'No demo company to remove: this database holds none that penny demo seeded.';
  const n = (x: number) => x.toLocaleString('en-US');
  return `Removed the demo company: ${n(r.costRows)} billing rows, ${n(r.usageRows)} LLM calls, ${n(r.tasks)} agent tasks, ${n(r.metrics)} utilisation samples (${n(r.loads)} loads), ${n(r.ownerRules)} owner rules and ${n(r.budgets)} budgets. Your own data was not touched.`;
}

export function demoCommand(): Command {
  return new Command('demo')
    .option('--end-date <YYYY-MM-DD>', 'last day with data (default: yesterday)')
    .option('--days <n>', 'days of data', '120')
    .option('--remove', 'remove exactly what penny demo seeded, and nothing else')
    .option('--json', 'print one JSON summary on stdout')
    .action(async (opts: { endDate?: string; days: string; json?: boolean; remove?: boolean }) => {
      if (opts.remove) {
        const removed = await withDb(({ db }) => removeDemo(db.pool));
        return opts.json ? printJson(removed) : void process.stdout.write(describeRemoval(removed) + '\n');
      }
      const days = Number(opts.days);
      if (!Number.isInteger(days) || days < 7 || days > 730) throw new UserError(`--days must be a whole number from 7 to 730, got ${opts.days}`);
      if (opts.endDate !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(opts.endDate)) throw new UserError(`--end-date must be YYYY-MM-DD, got ${opts.endDate}`);
      const result = await withDb(({ db }) => seedDemo(db.pool, { endDate: opts.endDate, days }));
      if (opts.json) printJson(result);
      else process.stdout.write(describeDemo(result) + '\n');
    });
}
