/**
 * `penny ingest rejects [--load ID] [--limit N] [--json]`: what a load refused, without psql: file,
 * line, column or field, reason and the raw value, for one load (default: the latest load that
 * rejected anything). `--json` prints `{loadId, kind, status, total, rejects:[…]}`.
 */
import { Command } from 'commander';
import type pg from 'pg';
import { z } from 'zod';
import { listRejects, type Reject } from '../../ingest/rejects.ts';
import { printJson, UserError, withDb } from '../context.ts';

const LOAD = '--load takes a load id (a whole number)';
const LIMIT = '--limit takes a whole number above 0';
const Options = z.object({
  load: z.coerce.number({ error: LOAD }).int(LOAD).positive(LOAD).optional(),
  limit: z.coerce.number({ error: LIMIT }).int(LIMIT).positive(LIMIT).default(50),
  json: z.boolean().optional(),
});

const shown = (v: unknown) => {
  const s = typeof v === 'string' ? JSON.stringify(v) : (JSON.stringify(v) ?? 'null');
  return s.length > 80 ? `${s.slice(0, 80)}…` : s;
};

export function describeReject(r: Reject): string {
  return `line ${r.line}${r.column ? `, ${r.column}` : ''}: ${r.reason}${r.column ? ` (value ${shown(r.raw)})` : ''}`;
}

/** The summary's tail for a load that rejected records: the first three, and how to see them all. */
export async function firstRejects(pool: pg.Pool, load: { rejected: number; loadId?: number }): Promise<string> {
  if (load.rejected === 0 || load.loadId === undefined) return '\n';
  const { rejects } = await listRejects(pool, { loadId: load.loadId, limit: 3 });
  const more = load.rejected > rejects.length ? ` (all ${load.rejected.toLocaleString('en-US')}: penny ingest rejects --load ${load.loadId})` : '';
  return ['', ...rejects.map((r) => `  rejected ${describeReject(r)}`), `  rejects are kept with their line, field and raw record${more}`].join('\n') + '\n';
}

export function rejectsCommand(): Command {
  return new Command('rejects')
    .description('list the rows a load rejected, with line, column, reason and the raw value')
    .option('--load <id>', 'the load (its id is in the ingest summary); default: the latest load with rejects')
    .option('--limit <n>', 'show at most this many (default 50)')
    .option('--json', 'print one JSON document')
    .action(async (raw: unknown) => {
      const parsed = Options.safeParse(raw);
      if (!parsed.success) throw new UserError(parsed.error.issues[0]!.message);
      const opts = parsed.data;
      const list = await withDb(({ db }) => listRejects(db.pool, { loadId: opts.load, limit: opts.limit }));
      if (opts.load !== undefined && list.kind === null) throw new UserError(`no load ${opts.load}`);
      if (opts.json) return printJson(list);
      if (list.loadId === null) return void process.stdout.write('No load has rejected anything.\n');
      const lines = [
        `Load ${list.loadId} (${list.kind}, ${list.status}): ${list.total.toLocaleString('en-US')} rejected${list.total > list.rejects.length ? `, the first ${list.rejects.length} shown (--limit for more)` : ''}`,
      ];
      let file: string | undefined;
      for (const r of list.rejects) {
        if (r.file !== file) lines.push((file = r.file));
        lines.push(`  ${describeReject(r)}`);
      }
      process.stdout.write(lines.join('\n') + '\n');
    });
}
