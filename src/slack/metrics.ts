/**
 * The Slack app's Prometheus metrics: questions answered (by surface and outcome), answer latency
 * and Slack API errors (by method and error code, 429s included).
 */
import client from 'prom-client';
import { metricsRegistry } from '../server/metrics.ts';

export const questionsAnswered = new client.Counter({
  name: 'penny_slack_questions_total',
  help: 'Cost questions answered in Slack, by surface (dm, mention, command) and outcome (answered, declined, failed)',
  labelNames: ['surface', 'outcome'] as const,
  registers: [metricsRegistry],
});

export const answerSeconds = new client.Histogram({
  name: 'penny_slack_answer_seconds',
  help: 'Seconds from receiving a Slack question to posting its answer',
  labelNames: ['surface'] as const,
  buckets: [0.25, 0.5, 1, 2, 5, 10, 20, 40, 80],
  registers: [metricsRegistry],
});

export const slackApiErrors = new client.Counter({
  name: 'penny_slack_api_errors_total',
  help: 'Slack Web API calls that failed or were rate limited, by method and error',
  labelNames: ['method', 'error'] as const,
  registers: [metricsRegistry],
});

/** Counts a failed Slack call under its Slack error code (`not_in_channel`) or the error's name. */
export function countSlackError(method: string, err: unknown): void {
  const data = (err as { data?: { error?: string } }).data;
  slackApiErrors.inc({ method, error: data?.error ?? (err as Error).name ?? 'error' });
}

/** Runs one Slack Web API call; a failure is counted under its method and rethrown. */
export async function slackCall<T>(method: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    countSlackError(method, err);
    throw err;
  }
}
