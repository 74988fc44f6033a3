/**
 * Penny's HTTP face: `/healthz` now; the Slack receiver, GitHub webhook and `/metrics` mount here
 * as they land. Plain node:http keeps the routes visible in one table.
 */
import http from 'node:http';
import type pg from 'pg';

export type Route = (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void> | void;

export function healthRoute(pool: pg.Pool): Route {
  return async (_req, res) => {
    try {
      await pool.query('select 1');
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'ok' }));
    } catch {
      res.writeHead(503, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'database unavailable' }));
    }
  };
}

export function startHttp(port: number, routes: Record<string, Route>): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const route = routes[`${req.method} ${new URL(req.url ?? '/', 'http://localhost').pathname}`];
    if (!route) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'not found' }));
      return;
    }
    Promise.resolve(route(req, res)).catch(() => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'internal error' }));
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(err.code === 'EADDRINUSE' ? new Error(`port ${port} is already in use; set PORT to another port`) : err),
    );
    server.listen(port, () => resolve(server));
  });
}
