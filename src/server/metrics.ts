/**
 * Prometheus metrics: one registry for the process, served at `GET /metrics`. Capability modules
 * (the Slack app) register their counters and histograms on it; the Node process metrics come
 * with it, so one scrape shows both.
 */
import client from 'prom-client';
import type { Route } from './http.ts';

export const metricsRegistry = new client.Registry();
client.collectDefaultMetrics({ register: metricsRegistry, prefix: 'penny_' });

export function metricsRoute(): Route {
  return {
    maxBodyBytes: 0,
    handle: async (_req, res) => {
      const body = await metricsRegistry.metrics();
      res.writeHead(200, { 'content-type': metricsRegistry.contentType }).end(body);
    },
  };
}
