/**
 * `penny review-pr`: the estimated monthly cost change of a pull request. Locally from a diff file
 * (`--diff changes.diff`, files read from the current folder); in GitHub Actions from the event
 * (GITHUB_EVENT_PATH, GITHUB_TOKEN), posting or updating the one sticky comment (`--behavior`;
 * only when worth it with `--comment-when` / `--comment-above`) and, with `--fail-above`, a commit
 * status; there, without DATABASE_URL, no database server is started. `--json` prints
 * {monthlyDelta, currency, items, …}; `--format markdown` prints the comment the pull request gets.
 */
import fs from 'node:fs/promises';
import { Command, Option } from 'commander';
import type pg from 'pg';
import { ConfigFileError } from '../../review/config.ts';
import { todayUtc } from '../../costs/time.ts';
import { DiffError } from '../../review/diff.ts';
import { priceLookup, publicPriceOptions } from '../../review/compute-prices/lookup.ts';
import { emptyHistory, loadHistory } from '../../review/history.ts';
import { renderComment, renderText } from '../../review/render.ts';
import { folderReader, loadConfig, reviewDiff, type ReviewResult } from '../../review/review.ts';
import type { SourceReader } from '../../review/view.ts';
import { EventError, readActionsEvent } from '../../github/actions-event.ts';
import { githubClient } from '../../github/client.ts';
import { commitReader } from '../../github/pull-request.ts';
import { envCommentPolicy, mergePolicy } from '../../github/comment-policy.ts';
import { reviewPullRequest } from '../../github/review-pull-request.ts';
import type { Behavior } from '../../github/sticky-comment.ts';
import { loadEnv, type Env } from '../../config/env.ts';
import { openDb } from '../../db/pool.ts';
import { printJson, UserError, withDb } from '../context.ts';
import { isIsoDay } from '../../schema/days.ts';
import { formatMoney } from '../../schema/money.ts';

type Format = 'text' | 'markdown' | 'json';

interface Options {
  diff?: string;
  commentWhen?: 'always' | 'increase';
  commentAbove?: string;
  asOf?: string;
  json?: boolean;
  format?: Format;
  behavior?: Behavior;
  failAbove?: string;
}

function parseAsOf(text: string | undefined): string {
  if (text === undefined) return todayUtc();
  if (!isIsoDay(text)) {
    throw new UserError(`--as-of: expected a date YYYY-MM-DD, got ${JSON.stringify(text)}`);
  }
  return text;
}

function parseUsd(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text.replace(/^\$/, ''));
  if (text.trim() === '' || !Number.isFinite(n) || n < 0) throw new UserError(`${flag}: expected an amount in USD such as 500, got ${JSON.stringify(text)}`);
  return n;
}

function parseFormat(o: Options): Format {
  if (o.json && o.format && o.format !== 'json') throw new UserError(`--json and --format ${o.format} disagree: give one`);
  return o.json ? 'json' : (o.format ?? 'text');
}

/** Errors about the user's input (diff, penny.yml, event) as one line without a stack. */
async function asUserErrors<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof DiffError || err instanceof ConfigFileError || err instanceof EventError) throw new UserError(err.message);
    throw err;
  }
}

function report(r: ReviewResult, format: Format, failAbove: number | undefined, extra: Record<string, unknown> = {}, headSha?: string): void {
  if (format === 'json') printJson({ ...r, ...extra });
  else if (format === 'markdown') process.stdout.write(`${renderComment(r, { ...(headSha ? { headSha } : {}), ...(failAbove !== undefined ? { failAbove } : {}) })}\n`);
  else process.stdout.write(renderText(r));
  if (failAbove !== undefined && r.monthlyDelta > failAbove) {
    process.stderr.write(`penny: estimated monthly change ${formatMoney(r.monthlyDelta, r.currency)} is above --fail-above ${formatMoney(failAbove, r.currency)}\n`);
    process.exitCode = 1;
  }
}

/**
 * The database a review reads history and own prices from. In GitHub Actions without DATABASE_URL
 * no server is booted: PENNY_DATABASE_URL's (read only, never migrated) if set, else none, and the
 * review rests on penny.yml's assumptions. Elsewhere, Penny's database as every command opens it.
 */
async function withReviewDb<T>(fn: (env: Env, pool: pg.Pool | undefined) => Promise<T>): Promise<T> {
  const env = loadEnv();
  if (env.GITHUB_ACTIONS !== 'true' || env.DATABASE_URL) return withDb(({ db }) => fn(env, db.pool));
  if (!env.PENNY_DATABASE_URL) return fn(env, undefined);
  const db = await openDb({ ...env, DATABASE_URL: env.PENNY_DATABASE_URL }, { migrate: false });
  try {
    return await fn(env, db.pool);
  } finally {
    await db.close();
  }
}

export function reviewPrCommand(): Command {
  return new Command('review-pr')
    .option('--diff <file>', 'a unified diff (git diff, or the .diff of a pull request); without it, the GitHub Actions event is read')
    .option('--as-of <date>', 'review as if today were this date (YYYY-MM-DD): history is the 30 days before it')
    .option('--json', 'print one JSON document on stdout (the same as --format json)')
    .addOption(new Option('--format <format>', 'text for people, markdown for the pull-request comment, or json').choices(['text', 'markdown', 'json']))
    .addOption(
      new Option(
        '--behavior <mode>',
        'the pull-request comment: update it in place, post a new one, delete the old and post anew, or hide (minimise) the old and post anew (default PENNY_COMMENT_BEHAVIOR, else update)',
      ).choices(['update', 'new', 'delete-and-new', 'hide-and-new']),
    )
    .addOption(
      new Option('--comment-when <when>', 'post a comment on every review with cost changes, or only when the monthly cost goes up (else penny.yml comment.when, PENNY_COMMENT_WHEN)').choices([
        'always',
        'increase',
      ]),
    )
    .option('--comment-above <usd>', 'post a comment only when the monthly cost goes up by more than this (else penny.yml comment.above, PENNY_COMMENT_ABOVE)')
    .option('--fail-above <usd>', 'fail (exit 1, and a failing commit status on GitHub) when the monthly increase is above this amount')
    .action(async (opts: Options) => {
      const asOf = parseAsOf(opts.asOf);
      const failAbove = parseUsd('--fail-above', opts.failAbove);
      const commentAbove = parseUsd('--comment-above', opts.commentAbove);
      const format = parseFormat(opts);
      await withReviewDb(async (env, pool) => {
        const publicPrices = publicPriceOptions(env);
        if (opts.diff !== undefined) {
          const file = opts.diff;
          const diff = await fs.readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
            throw new UserError(`--diff ${file}: ${err.code === 'ENOENT' ? 'no such file' : err.message}`);
          });
          const read = folderReader(process.cwd());
          const r = await asUserErrors(async () => {
            const [config, history] = await Promise.all([loadConfig(read), pool ? loadHistory(pool, asOf, env.PENNY_STATEMENT_TIMEOUT_MS) : emptyHistory(asOf)]);
            const prices = priceLookup({ ...(pool ? { pool } : {}), asOf, timeoutMs: env.PENNY_STATEMENT_TIMEOUT_MS, ...(publicPrices ? { public: publicPrices } : {}) });
            return reviewDiff({ diff, source: file, config, history, asOf, read, prices });
          });
          return report(r, format, failAbove);
        }
        if (!env.GITHUB_EVENT_PATH) throw new UserError('give --diff <file>, or run in GitHub Actions on a pull_request event (GITHUB_EVENT_PATH)');
        if (!env.GITHUB_TOKEN) throw new UserError('GITHUB_TOKEN is not set: give the job `permissions: pull-requests: write, statuses: write` and pass secrets.GITHUB_TOKEN');
        const pr = await asUserErrors(() => readActionsEvent(env.GITHUB_EVENT_PATH!));
        const octokit = githubClient({ token: env.GITHUB_TOKEN, baseUrl: env.GITHUB_API_URL });
        // The checkout first (no API calls), the head commit through the API where it lacks a file.
        const local = folderReader(env.GITHUB_WORKSPACE ?? process.cwd());
        const remote = commitReader(octokit, pr);
        const read: SourceReader = async (p) => (await local(p)) ?? (await remote(p));
        const outcome = await asUserErrors(() =>
          reviewPullRequest({
            octokit,
            ...(pool ? { pool } : {}),
            pr,
            asOf,
            timeoutMs: env.PENNY_STATEMENT_TIMEOUT_MS,
            behavior: opts.behavior ?? env.PENNY_COMMENT_BEHAVIOR,
            read,
            ...(env.PENNY_GITHUB_LOGIN ? { login: env.PENNY_GITHUB_LOGIN } : {}),
            ...(publicPrices ? { publicPrices } : {}),
            comment: mergePolicy(envCommentPolicy(env), { ...(opts.commentWhen ? { when: opts.commentWhen } : {}), ...(commentAbove !== undefined ? { above: commentAbove } : {}) }),
            ...(failAbove !== undefined ? { failAbove } : {}),
          }),
        );
        if (format !== 'json') process.stderr.write(`penny: comment ${outcome.comment.action}${outcome.comment.url ? ` ${outcome.comment.url}` : ''}\n`);
        report(outcome.result, format, failAbove, { comment: outcome.comment, ...(outcome.status ? { status: outcome.status } : {}) }, pr.headSha);
      });
    });
}
