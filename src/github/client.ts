/**
 * The Octokit client Penny talks to GitHub with: GITHUB_API_URL as the base (GitHub Enterprise, or
 * a local fake in tests), and GitHub's 5xx answers retried with backoff — except a POST that
 * creates a comment, which may have been created before the error came back; sticky-comment.ts
 * retries that one itself, after looking for the comment, so a retry never posts a second one.
 */
import { Octokit } from '@octokit/rest';
import { logger } from '../log/logger.ts';

export const DEFAULT_API_URL = 'https://api.github.com';

export interface ClientOptions {
  token?: string;
  baseUrl?: string;
  /** Attempts after the first for a 5xx or network error. */
  retries?: number;
  /** First backoff; doubled each retry. */
  retryDelayMs?: number;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A GitHub server error or a dropped connection: worth another try. */
export function retryable(err: unknown): boolean {
  const status = (err as { status?: number }).status;
  return status === undefined || status >= 500;
}

export function githubClient(o: ClientOptions): Octokit {
  const octokit = new Octokit({
    ...(o.token ? { auth: o.token } : {}),
    baseUrl: (o.baseUrl ?? DEFAULT_API_URL).replace(/\/+$/, ''),
    userAgent: 'penny-pr-review',
    // Failed requests surface as errors we handle (404 = absent file, 5xx = retried); their log lines are debug detail.
    log: { debug: () => undefined, info: () => undefined, warn: (m: string) => logger.debug(m), error: (m: string) => logger.debug(m) },
  });
  const retries = o.retries ?? 3;
  const delay = o.retryDelayMs ?? 500;
  octokit.hook.wrap('request', async (request, options) => {
    const createsComment = options.method === 'POST' && /\/comments$/.test(options.url);
    for (let attempt = 0; ; attempt++) {
      try {
        return await request(options);
      } catch (err) {
        if (createsComment || attempt >= retries || !retryable(err)) throw err;
        logger.warn({ status: (err as { status?: number }).status, url: options.url, attempt: attempt + 1 }, 'GitHub request failed; retrying');
        await sleep(delay * 2 ** attempt);
      }
    }
  });
  return octokit;
}
