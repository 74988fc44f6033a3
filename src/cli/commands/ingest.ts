/**
 * `penny ingest focus <file|folder…>`: loads billing exports, one transaction per file, so one bad
 * file never stops the others, attributing rows with PENNY_ATTRIBUTION_KEYS; the files of one
 * manifest (across calls), else a folder's numbered parts, are parts of one delivery and do not
 * restate each other; a folder's other files are full snapshots, the newest kept and named in the
 * summary (see deliveries.ts, snapshots.ts). `--one-delivery` makes every file given one delivery. Then refreshes the daily rollups. On a terminal it shows a progress
 * bar; `--json` prints the summary (with `leftOut`, the files no manifest lists, when there are any).
 */
import path from 'node:path';
import { SingleBar, Presets } from 'cli-progress';
import { Command } from 'commander';
import type pg from 'pg';
import type { FocusFileResult } from '../../ingest/focus/load.ts';
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

function notLoaded(file: string, error: string): FocusFileResult {
  return { file, status: 'failed', lines: 0, rows: 0, rejected: 0, replaced: 0, periods: [], warnings: [], error };
}

function focusCommand(): Command {
  return new Command('focus')
    .description('load FOCUS billing exports (CSV, CSV.gz or Parquet; FOCUS 1.0 to 1.3)')
    .argument(
      '<files...>',
      "export files, folders of them, or delivery manifests (AWS Data Exports, Azure cost exports); the files of one manifest, or a folder's numbered parts, are parts of one delivery; a folder's other files are full snapshots, the newest kept",
    )
    .option('--json', 'print one JSON summary on stdout')
    .option('--strict', 'fail a file on its first bad row instead of rejecting the row')
    .option('--one-delivery', 'the files given and those under folders given (no manifest) are parts of one delivery: they add up, none replaces another')
    .action(async (args: string[], opts: { json?: boolean; strict?: boolean; oneDelivery?: boolean }) => {
      // The loader (and the cost layer it refreshes) is imported when a load runs, not for help.
      const [{ Deliveries, expandExportPaths, storedPart }, { loadFocusFile }, { replacedLoads }, { startRollupBesideLoad }] = await Promise.all([
        import('../../ingest/focus/deliveries.ts'),
        import('../../ingest/focus/load.ts'),
        import('../../ingest/focus/snapshots.ts'),
        import('../../costs/rollup-beside-load.ts'),
      ]);
      const { results, leftOut } = await withDb(async ({ db, env }) => {
        const expanded = await expandExportPaths(args);
        const { empty, failed, missing, leftOut, notes } = expanded;
        const files = opts.oneDelivery ? expanded.files.map((f) => (f.delivery === undefined ? { file: f.file, snapshot: 'one-delivery' } : f)) : expanded.files;
        for (const note of notes) (opts.json ? process.stderr : process.stdout).write(`${opts.json ? 'penny: ' : ''}note: ${note}\n`);
        const deliveries = new Deliveries();
        /** This call's loads by id, to name the files a snapshot replaced. */
        const loadedHere = new Map<number, string>();
        const out: FocusFileResult[] = [...empty.map((folder) => notLoaded(folder, 'a folder with no CSV, CSV.gz or Parquet file in it')), ...failed.map((f) => notLoaded(f.file, f.error))];
        for (const m of missing) {
          const stored = await storedPart(db.pool, m.delivery, m.listed);
          if (stored?.loadId !== undefined) deliveries.add({ file: stored.file, delivery: m.delivery }, stored.loadId);
          out.push(
            stored ??
              notLoaded(
                m.listed,
                `listed in ${path.basename(m.manifest)} but not found under ${path.dirname(m.manifest)} or the folders above it; the delivery's other parts are loaded, and this one joins them when it is loaded`,
              ),
          );
        }
        for (const r of out) await report(db.pool, r, opts.json);
        if (leftOut.length > 0 && !opts.json) {
          process.stdout.write(
            `= ${leftOut.length.toLocaleString('en-US')} export files under the folder are listed in no manifest and were left out (another delivery's, such as an older snapshot): ${leftOut
              .slice(0, 3)
              .map((f) => path.basename(f))
              .join(', ')}${leftOut.length > 3 ? ', …' : ''}\n`,
          );
        }
        for (const part of files) {
          const { file } = part;
          const bar =
            process.stderr.isTTY && !opts.json
              ? new SingleBar({ format: `${path.basename(file)} [{bar}] {percentage}% | {rows} rows | {duration_formatted}`, stream: process.stderr }, Presets.shades_classic)
              : undefined;
          bar?.start(100, 0, { rows: 0 });
          const r = await loadFocusFile(db.pool, file, {
            strict: opts.strict,
            attribution: env.PENNY_ATTRIBUTION_KEYS,
            onProgress: (lines, fraction) => bar?.update(Math.floor(fraction * 100), { rows: lines.toLocaleString('en-US') }),
            siblings: deliveries.siblingsOf(part),
            delivery: part.delivery,
            rollupBeside: startRollupBesideLoad,
          });
          bar?.stop();
          if (r.status === 'loaded' && part.expectedRows !== undefined && r.lines !== part.expectedRows) {
            r.warnings.push(`its manifest says ${part.expectedRows.toLocaleString('en-US')} rows, the file holds ${r.lines.toLocaleString('en-US')}: an incomplete download or a changed file?`);
          }
          if (r.status !== 'failed' && r.loadId !== undefined) deliveries.add(part, r.loadId);
          if (r.status === 'loaded' && r.replaced > 0 && part.basis) {
            // Another snapshot of its folder held the same billing periods: say which file was kept and why.
            const older = (await replacedLoads(db.pool, r.loadId!)).map((id) => loadedHere.get(id)).filter((f) => f !== undefined);
            if (older.length > 0)
              r.warnings.push(
                `a full snapshot of the same billing period as ${older.map((f) => path.basename(f)).join(', ')} in its folder: taken as the newer snapshot by ${part.basis}, it replaced ${older.length === 1 ? "that file's" : 'their'} rows`,
              );
          }
          if (r.loadId !== undefined) loadedHere.set(r.loadId, file);
          out.push(r);
          await report(db.pool, r, opts.json);
        }
        // Loads the rollup took in beside them are in it already.
        await refreshRollupsAfterIngest(
          db.pool,
          out.filter((r) => !r.rolledUp),
        );
        return { results: out, leftOut };
      });
      const ok = results.filter((r) => r.status !== 'failed');
      if (opts.json) {
        printJson({
          rows: ok.reduce((n, r) => n + r.rows, 0),
          rejected: ok.reduce((n, r) => n + r.rejected, 0),
          files: results.map(({ dailySums: _, rolledUp: __, ...r }) => r),
          ...(leftOut.length > 0 && { leftOut }),
        });
      }
      if (ok.length < results.length) process.exitCode = 1;
    });
}

export function ingestCommand(): Command {
  const ingest = new Command('ingest').addCommand(focusCommand());
  for (const c of usageCommands()) ingest.addCommand(c);
  ingest.addCommand(rejectsCommand());
  ingest.addCommand(ratesCommand());
  return ingest;
}
