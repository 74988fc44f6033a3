/**
 * `penny ingest focus <file|folder…>`: loads billing exports, one transaction per file, so one bad
 * file never stops the others, attributing rows with PENNY_ATTRIBUTION_KEYS; the files of one
 * folder are parts of one delivery and do not restate each other. Then refreshes the daily
 * rollups. On a terminal it shows a progress bar; `--json` prints the summary.
 */
import path from 'node:path';
import { SingleBar, Presets } from 'cli-progress';
import { Command } from 'commander';
import type pg from 'pg';
import { Deliveries, expandExportPaths } from '../../ingest/focus/deliveries.ts';
import { loadFocusFile, type FocusFileResult } from '../../ingest/focus/load.ts';
import { printJson, withDb } from '../context.ts';
import { firstRejects, rejectsCommand } from './ingest-rejects.ts';
import { ratesCommand } from './ingest-rates.ts';
import { refreshRollupsAfterIngest } from './ingest-rollups.ts';
import { usageCommands } from './ingest-usage.ts';

function describe(r: FocusFileResult): string {
  const name = path.basename(r.file);
  if (r.status === 'failed') return `✗ ${name}: ${r.error}`;
  if (r.status === 'unchanged') return `= ${name}: unchanged since load ${r.loadId} (${r.rows.toLocaleString('en-US')} rows), nothing to do`;
  const parts = [`✓ ${name}: ${r.rows.toLocaleString('en-US')} rows loaded`, `${r.rejected.toLocaleString('en-US')} rejected`];
  if (r.replaced > 0) parts.push(`replaced ${r.replaced.toLocaleString('en-US')} rows of an earlier export of the same period`);
  const lines = [parts.join(', ')];
  for (const w of r.warnings) lines.push(`  note: ${w}`);
  return lines.join('\n');
}

async function report(pool: pg.Pool, r: FocusFileResult, json: boolean | undefined): Promise<void> {
  if (!json) process.stdout.write(describe(r) + (await firstRejects(pool, r)));
  else if (r.status === 'failed') process.stderr.write(`penny: ${r.file}: ${r.error}\n`);
}

function emptyFolder(folder: string): FocusFileResult {
  return { file: folder, status: 'failed', lines: 0, rows: 0, rejected: 0, replaced: 0, periods: [], warnings: [], error: 'a folder with no CSV, CSV.gz or Parquet file in it' };
}

function focusCommand(): Command {
  return new Command('focus')
    .description('load FOCUS billing exports (CSV, CSV.gz or Parquet; FOCUS 1.0 to 1.3)')
    .argument('<files...>', 'export files, or folders of them (the files of one folder are parts of one delivery)')
    .option('--json', 'print one JSON summary on stdout')
    .option('--strict', 'fail a file on its first bad row instead of rejecting the row')
    .action(async (args: string[], opts: { json?: boolean; strict?: boolean }) => {
      const results = await withDb(async ({ db, env }) => {
        const { files, empty } = await expandExportPaths(args);
        const out: FocusFileResult[] = empty.map((folder) => emptyFolder(folder));
        for (const r of out) await report(db.pool, r, opts.json);
        const deliveries = new Deliveries();
        for (const file of files) {
          const bar = process.stderr.isTTY && !opts.json ? new SingleBar({ format: `${path.basename(file)} [{bar}] {percentage}% | {rows} rows | {duration_formatted}`, stream: process.stderr }, Presets.shades_classic) : undefined;
          bar?.start(100, 0, { rows: 0 });
          const r = await loadFocusFile(db.pool, file, {
            strict: opts.strict,
            attribution: env.PENNY_ATTRIBUTION_KEYS,
            onProgress: (lines, fraction) => bar?.update(Math.floor(fraction * 100), { rows: lines.toLocaleString('en-US') }),
            siblings: deliveries.siblingsOf(file),
          });
          bar?.stop();
          if (r.status !== 'failed' && r.loadId !== undefined) deliveries.add(file, r.loadId);
          out.push(r);
          await report(db.pool, r, opts.json);
        }
        await refreshRollupsAfterIngest(db.pool, out);
        return out;
      });
      const ok = results.filter((r) => r.status !== 'failed');
      if (opts.json) {
        printJson({
          rows: ok.reduce((n, r) => n + r.rows, 0),
          rejected: ok.reduce((n, r) => n + r.rejected, 0),
          files: results,
        });
      }
      if (ok.length < results.length) process.exitCode = 1;
    });
}

export function ingestCommand(): Command {
  const ingest = new Command('ingest').description('load cost and usage data').addCommand(focusCommand());
  for (const c of usageCommands()) ingest.addCommand(c);
  ingest.addCommand(rejectsCommand());
  ingest.addCommand(ratesCommand());
  return ingest;
}
