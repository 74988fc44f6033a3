/**
 * Reviews one pull request on GitHub end to end, for the Action and the webhook alike: fetch the
 * diff, read penny.yml, estimate from the usage history, post or update the sticky comment and,
 * with a limit, set the commit status. Reviews of the same pull request are serialised with a
 * Postgres advisory lock, so two replicas (or two quick pushes) never race to create two comments.
 */
import type { Octokit } from '@octokit/rest';
import type pg from 'pg';
import { recordReview } from '../changes/reviews.ts';
import { priceLookup } from '../review/compute-prices/lookup.ts';
import type { PublicPriceOptions } from '../review/compute-prices/public-prices.ts';
import type { CommentPolicy } from '../review/config.ts';
import { emptyHistory, loadHistory } from '../review/history.ts';
import { COMMENT_MARKER, renderComment } from '../review/render.ts';
import { loadConfig, reviewDiff, type ReviewResult } from '../review/review.ts';
import type { SourceReader } from '../review/view.ts';
import { mergePolicy, worthComment } from './comment-policy.ts';
import { commenterLogin } from './commenter.ts';
import { commitReader, fetchDiff, type PullRef } from './pull-request.ts';
import { gate, setCommitStatus, type GateResult } from './status.ts';
import { upsertStickyComment, type Behavior, type StickyResult } from './sticky-comment.ts';

export interface PullReviewOptions {
  octokit: Octokit;
  /** Usage history, own compute prices and the per-pull-request lock; without one, assumptions only. */
  pool?: pg.Pool;
  pr: PullRef;
  asOf: string;
  timeoutMs: number;
  behavior?: Behavior;
  failAbove?: number;
  /** The diff, when the caller has it already; else fetched. */
  diff?: string;
  /** Where files of the head commit are read (the Action's checkout); else the contents API. */
  read?: SourceReader;
  retryDelayMs?: number;
  /** The login Penny comments as (PENNY_GITHUB_LOGIN); else asked of GitHub. */
  login?: string;
  /** Public compute price APIs to ask after the organisation's own prices (PENNY_PUBLIC_PRICES). */
  publicPrices?: PublicPriceOptions;
  /** When to comment, over penny.yml's `comment:` (the environment, the command line). */
  comment?: CommentPolicy;
}

export interface PullReviewOutcome {
  result: ReviewResult;
  comment: StickyResult;
  status?: GateResult;
}

async function withPullLock<T>(pool: pg.Pool | undefined, pr: PullRef, fn: () => Promise<T>): Promise<T> {
  // Without a database (one Actions job, serialised by its concurrency group) there is no one to race.
  if (!pool) return fn();
  const client = await pool.connect();
  const key = `penny:pr-review:${pr.owner}/${pr.repo}#${pr.number}`;
  try {
    await client.query('select pg_advisory_lock(hashtext($1))', [key]);
    try {
      return await fn();
    } finally {
      await client.query('select pg_advisory_unlock(hashtext($1))', [key]);
    }
  } finally {
    client.release();
  }
}

export async function reviewPullRequest(o: PullReviewOptions): Promise<PullReviewOutcome> {
  const read = o.read ?? commitReader(o.octokit, o.pr);
  const diff = o.diff ?? (await fetchDiff(o.octokit, o.pr));
  const [config, history] = await Promise.all([loadConfig(read), o.pool ? loadHistory(o.pool, o.asOf, o.timeoutMs) : emptyHistory(o.asOf)]);
  const readBase = o.pr.baseSha ? commitReader(o.octokit, o.pr, o.pr.baseSha) : undefined;
  const prices = priceLookup({ ...(o.pool ? { pool: o.pool } : {}), asOf: o.asOf, timeoutMs: o.timeoutMs, ...(o.publicPrices ? { public: o.publicPrices } : {}) });
  const result = await reviewDiff({ diff, source: `${o.pr.owner}/${o.pr.repo}#${o.pr.number}`, config, history, asOf: o.asOf, read, prices, ...(readBase ? { readBase } : {}) });
  const body = renderComment(result, { headSha: o.pr.headSha, anew: (o.behavior ?? 'update') !== 'update', ...(o.failAbove !== undefined ? { failAbove: o.failAbove } : {}) });
  const author = await commenterLogin(o.octokit, o.login);
  return withPullLock(o.pool, o.pr, async () => {
    const comment = await upsertStickyComment(
      o.octokit,
      o.pr,
      body,
      { marker: COMMENT_MARKER, author },
      {
        ...(o.behavior ? { behavior: o.behavior } : {}),
        onlyIfExists: !worthComment(result, mergePolicy(config.comment, o.comment)),
        ...(o.retryDelayMs !== undefined ? { retryDelayMs: o.retryDelayMs } : {}),
      },
    );
    // Kept for anomalies: "PR #412 merged Tuesday, estimated +$31/month" (src/changes); a failed write is logged, never thrown.
    if (o.pool) await recordReview(o.pool, o.pr, result);
    if (o.failAbove === undefined) return { result, comment };
    const status = gate(result.monthlyDelta, o.failAbove);
    await setCommitStatus(o.octokit, { owner: o.pr.owner, repo: o.pr.repo, sha: o.pr.headSha }, status, comment.url);
    return { result, comment, status };
  });
}
