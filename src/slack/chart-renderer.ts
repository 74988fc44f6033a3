/**
 * The main thread's side of chart-worker: one worker thread, started on the first chart and
 * reused, renders PNGs for Slack in arrival order. It keeps the process alive only while a chart
 * is being rendered, so a CLI run exits when its work is done; a worker that dies is replaced by
 * the next request.
 */
import { Worker } from 'node:worker_threads';
import type { ChartSpec } from '../charts/chart.ts';
import type { RenderReply, RenderRequest } from './chart-worker.ts';

let worker: Worker | null = null;
let nextId = 0;
const pending = new Map<number, { resolve: (png: Buffer) => void; reject: (err: Error) => void }>();

function failAll(err: Error): void {
  for (const p of pending.values()) p.reject(err);
  pending.clear();
}

function ensureWorker(): Worker {
  if (worker) return worker;
  // From dist/ the compiled worker; from src/ (tests) the shim that loads chart-worker.ts through tsx.
  const w = new Worker(new URL('./chart-worker.js', import.meta.url));
  w.on('message', (reply: RenderReply) => {
    const p = pending.get(reply.id);
    if (!p) return;
    pending.delete(reply.id);
    // Idle: the worker no longer holds the process open (a CLI run can exit).
    if (pending.size === 0) w.unref();
    if ('error' in reply) p.reject(new Error(`chart rendering failed: ${reply.error}`));
    else p.resolve(Buffer.from(reply.png));
  });
  w.on('error', (err) => {
    worker = null;
    failAll(err);
  });
  w.on('exit', () => {
    if (worker === w) worker = null;
    failAll(new Error('the chart worker stopped'));
  });
  worker = w;
  return w;
}

export function renderChartPng(chart: ChartSpec): Promise<Buffer> {
  const id = ++nextId;
  const w = ensureWorker();
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    // Referenced while a chart is pending: awaiting a reply alone would not keep the process alive.
    w.ref();
    w.postMessage({ id, chart } satisfies RenderRequest);
  });
}

/** Stops the worker (at shutdown); the next chart starts a new one. */
export async function stopChartRenderer(): Promise<void> {
  const w = worker;
  worker = null;
  if (w) await w.terminate();
}
