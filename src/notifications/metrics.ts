/** Notifications' Prometheus metrics: messages sent, by kind. */
import client from 'prom-client';
import { metricsRegistry } from '../server/metrics.ts';

// The name predates channels other than Slack; dashboards read it.
export const alertsSent = new client.Counter({
  name: 'penny_slack_alerts_sent_total',
  help: 'Alert messages posted to Slack, by kind (owner DM, channel, escalation, digest)',
  labelNames: ['kind'] as const,
  registers: [metricsRegistry],
});
