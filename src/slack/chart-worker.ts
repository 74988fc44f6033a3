/**
 * Renders chart PNGs off the main thread: vega layout and resvg rasterising take hundreds of
 * milliseconds of CPU per chart, which on the main thread would hold up Slack's 3-second
 * acknowledgements of the questions arriving meanwhile.
 */
import { parentPort } from 'node:worker_threads';
import type { ChartSpec } from '../charts/chart.ts';
import { renderPng } from '../charts/render.ts';

export interface RenderRequest {
  id: number;
  chart: ChartSpec;
}

export type RenderReply = { id: number; png: Uint8Array } | { id: number; error: string };

parentPort!.on('message', async ({ id, chart }: RenderRequest) => {
  try {
    const png = await renderPng(chart);
    parentPort!.postMessage({ id, png } satisfies RenderReply);
  } catch (err) {
    parentPort!.postMessage({ id, error: (err as Error).message } satisfies RenderReply);
  }
});
