/**
 * `penny ingest usage|tasks|metrics <file…>`: loads LLM usage, task outcomes and utilisation,
 * one transaction per file, so one bad file never stops the others (exit code 1 if any failed),
 * then refreshes the daily rollups. On a terminal each file shows a progress bar; `--json` prints
 * one summary document: usage `{rows, rejected, unpriced, duplicates, files}`, tasks and metrics
 * `{rows, rejected, duplicates, files}`. Attribution keys come from PENNY_ATTRIBUTION_KEYS
 * (`team=team,squad;customer=tenant_id`: the named dimensions' keys replace the defaults).
 */
import path from 'node:path';
import { Presets, SingleBar } from 'cli-progress';
import { Command } from 'commander';
import type pg from 'pg';
import type { Env } from '../../config/env.ts';
import type { JsonFileResult, JsonLoadOptions } from '../../ingest/json-load.ts';
import type { UsageFileResult } from '../../ingest/usage/load.ts';
import { CurrencyCode } from '../../costs/currency.ts';
import { printJson, UserError, withDb } from '../context.ts';
import { firstRejects } from './ingest-rejects.ts';
import { refreshRollupsAfterIngest } from './ingest-rollups.ts';

const n = (x: number) => x.toLocaleString('en-US');

function describe(r: JsonFileResult, what: string): string {
  const name = path.basename(r.file);
  if (r.status === 'failed') return `✗ ${name}: ${r.error}`;
  const parts = [`✓ ${name}: ${n(r.rows)} ${what} stored`, `${n(r.duplicates)} already stored (skipped)`, `${n(r.rejected)} rejected`];
  const u = r as Partial<UsageFileResult>;
  if (u.unpriced) parts.push(`${n(u.unpriced)} unpriced`);
  const lines = [parts.join(', ')];
  for (const m of u.unpricedModels ?? []) lines.push(`  unpriced: ${m.provider ?? '(no provider)'} ${m.model} ×${n(m.rows)}: ${m.reason}`);
  if (u.restated) lines.push(`  note: ${n(u.restated)} OpenAI buckets stored by an earlier export were replaced by this one's`);
  if (u.covered) lines.push(`  note: ${n(u.covered)} OpenAI usage buckets' money is in the costs export of the same day (their tokens and calls count, their cost is 0: covered)`);
  if (u.skippedSpans) lines.push(`  note: ${n(u.skippedSpans)} spans were not LLM calls (no gen_ai.* attributes, or agent/tool spans)`);
  return lines.join('\n');
}

type Loader<R extends JsonFileResult> = (pool: pg.Pool, file: string, options: JsonLoadOptions) => Promise<R>;

// A loader is imported when its command runs: the loaders bring the price library and the cost
// layer, which `penny ingest --help` should not wait for.
type LoaderFor<R extends JsonFileResult> = (env: Env) => Promise<Loader<R>>;

async function run<R extends JsonFileResult>(files: string[], opts: { json?: boolean; strict?: boolean }, loaderFor: LoaderFor<R>, what: string): Promise<R[]> {
  const results = await withDb(async ({ db, env }) => {
    const load = await loaderFor(env);
    const out: R[] = [];
    for (const file of files) {
      const bar =
        process.stderr.isTTY && !opts.json
          ? new SingleBar({ format: `${path.basename(file)} [{bar}] {percentage}% | {records} records | {duration_formatted}`, stream: process.stderr }, Presets.shades_classic)
          : undefined;
      bar?.start(100, 0, { records: 0 });
      const r = await load(db.pool, file, {
        strict: opts.strict,
        onProgress: (lines, fraction) => bar?.update(Math.floor(fraction * 100), { records: n(lines) }),
      });
      bar?.stop();
      out.push(r);
      if (!opts.json) process.stdout.write(describe(r, what) + (await firstRejects(db.pool, r)));
      else if (r.status === 'failed') process.stderr.write(`penny: ${r.file}: ${r.error}\n`);
    }
    await refreshRollupsAfterIngest(db.pool, out);
    return out;
  });
  if (results.some((r) => r.status === 'failed')) process.exitCode = 1;
  return results;
}

const sum = <R>(list: R[], f: (r: R) => number) => list.reduce((acc, r) => acc + f(r), 0);

function command(name: string, description: string): Command {
  return new Command(name)
    .description(description)
    .argument('<files...>', 'JSONL or JSON files, plain or gzip')
    .option('--json', 'print one JSON summary on stdout')
    .option('--strict', 'fail a file on its first bad record instead of rejecting the record');
}

function usageCommand(): Command {
  return command('usage', 'load LLM usage: OpenTelemetry GenAI (flat JSONL or OTLP/JSON), LiteLLM spend logs, Langfuse observations, OpenAI organization usage/costs exports')
    .option('--currency <code>', "ISO 4217 currency of costs a record gives without naming one (LiteLLM's spend, Langfuse's costs): for a gateway that bills in another currency", 'USD')
    .action(async (files: string[], opts: { json?: boolean; strict?: boolean; currency: string }) => {
      const code = CurrencyCode.safeParse(opts.currency);
      if (!code.success) throw new UserError(`--currency: ${code.error.issues[0]!.message}, got ${opts.currency}`);
      const results = await run(
        files,
        opts,
        async (env) => {
          const [{ loadUsageFile }, { Attributor }] = await Promise.all([import('../../ingest/usage/load.ts'), import('../../ingest/attribution.ts')]);
          const attributor = new Attributor(env.PENNY_ATTRIBUTION_KEYS);
          return (pool, file, o) => loadUsageFile(pool, file, { ...o, attributor, currency: code.data });
        },
        'calls',
      );
      if (opts.json) {
        printJson({
          rows: sum(results, (r) => r.rows),
          rejected: sum(results, (r) => r.rejected),
          unpriced: sum(results, (r) => r.unpriced),
          duplicates: sum(results, (r) => r.duplicates),
          files: results,
        });
      }
    });
}

function simpleCommand(name: string, description: string, what: string, loaderFor: LoaderFor<JsonFileResult>): Command {
  return command(name, description).action(async (files: string[], opts: { json?: boolean; strict?: boolean }) => {
    const results = await run(files, opts, loaderFor, what);
    if (opts.json) printJson({ rows: sum(results, (r) => r.rows), rejected: sum(results, (r) => r.rejected), duplicates: sum(results, (r) => r.duplicates), files: results });
  });
}

export function usageCommands(): Command[] {
  return [
    usageCommand(),
    simpleCommand('tasks', 'load task outcomes: JSONL {"task_id", "status": "success"|"failure", "timestamp", ...tags}', 'outcomes', async (env) => {
      const [{ loadTasksFile }, { Attributor }] = await Promise.all([import('../../ingest/tasks/load.ts'), import('../../ingest/attribution.ts')]);
      const attributor = new Attributor(env.PENNY_ATTRIBUTION_KEYS);
      return (pool, file, o) => loadTasksFile(pool, file, { ...o, attributor });
    }),
    simpleCommand(
      'metrics',
      'load resource utilisation: JSONL {"resource_id", "timestamp", "metric": "cpu"|"gpu"|"memory", "value" (percent)}',
      'samples',
      async () => (await import('../../ingest/metrics/load.ts')).loadMetricsFile,
    ),
  ];
}
