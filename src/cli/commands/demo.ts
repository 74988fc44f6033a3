/**
 * `penny demo`: seeds Northwind Labs, a realistic fictional company, through the real ingest code,
 * and lists the situations planted for the scans.
 */
import { Command } from 'commander';
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

export function demoCommand(): Command {
  return new Command('demo')
    .description('seed a realistic demo company (cloud bills, LLM usage, owners, budgets) into the database')
    .option('--end-date <YYYY-MM-DD>', 'last day with data (default: yesterday)')
    .option('--days <n>', 'days of data', '120')
    .option('--json', 'print one JSON summary on stdout')
    .action(async (opts: { endDate?: string; days: string; json?: boolean }) => {
      const days = Number(opts.days);
      if (!Number.isInteger(days) || days < 7 || days > 730) throw new UserError(`--days must be a whole number from 7 to 730, got ${opts.days}`);
      if (opts.endDate !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(opts.endDate)) throw new UserError(`--end-date must be YYYY-MM-DD, got ${opts.endDate}`);
      const result = await withDb(({ db }) => seedDemo(db.pool, { endDate: opts.endDate, days }));
      if (opts.json) printJson(result);
      else process.stdout.write(describeDemo(result) + '\n');
    });
}
