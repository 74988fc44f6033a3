/**
 * The GitHub routes `penny start` serves: `POST /github/webhook` when GITHUB_WEBHOOK_SECRET and
 * GITHUB_TOKEN (to read pull requests and comment) are set; none otherwise, with a log line saying
 * which one is missing.
 */
import type pg from 'pg';
import type { Env } from '../config/env.ts';
import { logger } from '../log/logger.ts';
import type { Route } from '../server/http.ts';
import { publicPriceOptions } from '../review/compute-prices/lookup.ts';
import { githubClient } from './client.ts';
import { envCommentPolicy } from './comment-policy.ts';
import { githubWebhook } from './webhook.ts';

export function githubRoutes(env: Env, pool: pg.Pool): Record<string, Route> {
  if (!env.GITHUB_WEBHOOK_SECRET) return {};
  if (!env.GITHUB_TOKEN) {
    logger.warn('GITHUB_WEBHOOK_SECRET is set but GITHUB_TOKEN is not: the pull-request webhook is off');
    return {};
  }
  const octokit = githubClient({ token: env.GITHUB_TOKEN, baseUrl: env.GITHUB_API_URL });
  const publicPrices = publicPriceOptions(env);
  const hook = githubWebhook({
    secret: env.GITHUB_WEBHOOK_SECRET,
    pool,
    octokit,
    timeoutMs: env.PENNY_STATEMENT_TIMEOUT_MS,
    comment: envCommentPolicy(env),
    behavior: env.PENNY_COMMENT_BEHAVIOR,
    ...(env.PENNY_GITHUB_LOGIN ? { login: env.PENNY_GITHUB_LOGIN } : {}),
    ...(publicPrices ? { publicPrices } : {}),
  });
  return { 'POST /github/webhook': hook.route };
}
