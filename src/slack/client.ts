/**
 * How Penny talks to Slack's Web API, in one place for the app, the scheduled jobs and the CLI:
 * the base URL, a timeout on every request (PENNY_SLACK_TIMEOUT_MS: Web API calls, file uploads
 * and replies to response_url, which Bolt sends with the same fetch), and the client's retries
 * minus one case: a request that timed out or lost its connection is not retried, because Slack
 * may have done it, and a hung API would be waited on again and again. The caller decides (an
 * owner alert looks for its message before posting it again). Rate limits are still waited out
 * and the call retried: Slack did not do it.
 */
import { webApi } from '@slack/bolt';
import type { Env } from '../config/env.ts';

/** A fetch that gives up after `ms`, whatever the caller's own signal says. */
function fetchWithin(ms: number): typeof fetch {
  return (input, init = {}) => {
    const limit = AbortSignal.timeout(ms);
    return fetch(input, { ...init, signal: init.signal ? AbortSignal.any([init.signal, limit]) : limit });
  };
}

/**
 * Slack gave no answer: the request timed out or its connection failed. (The client also reports
 * a rate limit it waited out as a request error, to be retried; its cause is a plain Error.)
 */
function noAnswer(err: unknown): boolean {
  if ((err as { code?: unknown }).code !== webApi.ErrorCode.RequestError) return false;
  const cause = (err as { original?: unknown }).original;
  return cause instanceof TypeError || (cause instanceof Error && (cause.name === 'TimeoutError' || cause.name === 'AbortError'));
}

/** True when Slack may or may not have done the call: no answer came, or an HTTP error instead of one. */
export function outcomeUnknown(err: unknown): boolean {
  return noAnswer(err) || (err as { code?: unknown }).code === webApi.ErrorCode.HTTPError;
}

export function slackClientOptions(env: Pick<Env, 'SLACK_API_URL' | 'PENNY_SLACK_TIMEOUT_MS'>): webApi.WebClientOptions {
  const retryConfig = {
    ...webApi.retryPolicies.tenRetriesInAboutThirtyMinutes,
    // The client hands these options to p-retry, which stops at an error thrown here.
    onFailedAttempt: (err: unknown) => {
      if (noAnswer(err)) throw err;
    },
  };
  return { slackApiUrl: env.SLACK_API_URL, timeout: env.PENNY_SLACK_TIMEOUT_MS, fetch: fetchWithin(env.PENNY_SLACK_TIMEOUT_MS), retryConfig };
}

export function slackClient(env: Pick<Env, 'SLACK_BOT_TOKEN' | 'SLACK_API_URL' | 'PENNY_SLACK_TIMEOUT_MS'>): webApi.WebClient {
  return new webApi.WebClient(env.SLACK_BOT_TOKEN, slackClientOptions(env));
}
