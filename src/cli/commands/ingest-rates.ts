/**
 * `penny ingest rates <file>`: loads exchange rates (CSV `date,from,to,rate`) for questions asked
 * in one currency (`penny ask --currency EUR`). All or nothing per file; `--json` prints
 * `{rows, pairs:[{pair, first, last}]}`.
 */
import { Command } from 'commander';
import { printJson, UserError, withDb } from '../context.ts';

export function ratesCommand(): Command {
  return new Command('rates')
    .description('load exchange rates (CSV: date,from,to,rate) to answer questions in one currency')
    .argument('<file>', 'the rates CSV: one unit of `from` is `rate` units of `to` on `date`')
    .option('--json', 'print one JSON summary on stdout')
    .action(async (file: string, opts: { json?: boolean }) => {
      const { loadRatesFile, RatesFileError } = await import('../../ingest/rates/load.ts');
      const out = await withDb(({ db }) => loadRatesFile(db.pool, file)).catch((err: unknown) => {
        throw err instanceof RatesFileError ? new UserError(`${file}: ${err.message}`) : err;
      });
      if (opts.json) return printJson({ rows: out.rows, pairs: out.pairs });
      process.stdout.write(`✓ ${file}: ${out.rows.toLocaleString('en-US')} rates loaded (${out.pairs.map((p) => `${p.pair} ${p.first} to ${p.last}`).join(', ')})\n`);
    });
}
