/**
 * Penny's HTTP face: one plain node:http server whose routes (`/healthz`, `/metrics`, the Slack
 * receiver, the GitHub webhook) are visible in one table. Each route says how large a request
 * body it reads; the server refuses a larger announced body with 413 before the route runs, and
 * a route that finds its streamed body too large throws BodyTooLarge for the same answer. Either
 * way the connection is closed rather than drained, so an unauthenticated sender cannot make
 * Penny read (or hold) more than a route's limit.
 */
import http from 'node:http';
import type pg from 'pg';
import { BodyTooLarge } from './body.ts';

export type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void> | void;

export interface Route {
  handle: Handler;
  /** The largest request body the route reads, in bytes; 0 for a route that reads none. */
  maxBodyBytes: number;
}

function reply(res: http.ServerResponse, status: number, doc: unknown, close = false): void {
  res.writeHead(status, { 'content-type': 'application/json', ...(close ? { connection: 'close' } : {}) }).end(JSON.stringify(doc));
}

/** Whether the request announces a body: a non-zero Content-Length, or a chunked one of unknown length. */
function announcesBody(req: http.IncomingMessage): boolean {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}

function refuseTooLarge(res: http.ServerResponse, maxBodyBytes: number): void {
  reply(res, 413, { error: maxBodyBytes === 0 ? 'this route takes no request body' : `request body over ${maxBodyBytes} bytes` }, true);
}

export function healthRoute(pool: pg.Pool): Route {
  return {
    maxBodyBytes: 0,
    handle: async (_req, res) => {
      try {
        await pool.query('select 1');
        reply(res, 200, { status: 'ok' });
      } catch {
        reply(res, 503, { status: 'database unavailable' });
      }
    },
  };
}

export function startHttp(port: number, routes: Record<string, Route>): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const route = routes[`${req.method} ${new URL(req.url ?? '/', 'http://localhost').pathname}`];
    if (!route) return reply(res, 404, { error: 'not found' }, announcesBody(req));
    // node:http has already checked that Content-Length is a plain number.
    const declared = req.headers['content-length'];
    if ((declared !== undefined && Number(declared) > route.maxBodyBytes) || (route.maxBodyBytes === 0 && announcesBody(req))) {
      return refuseTooLarge(res, route.maxBodyBytes);
    }
    Promise.resolve(route.handle(req, res)).catch((err: unknown) => {
      if (res.headersSent) return void res.end();
      if (err instanceof BodyTooLarge) return refuseTooLarge(res, err.maxBytes);
      reply(res, 500, { error: 'internal error' }, !req.complete);
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => reject(err.code === 'EADDRINUSE' ? new Error(`port ${port} is already in use; set PORT to another port`) : err));
    server.listen(port, () => resolve(server));
  });
}
