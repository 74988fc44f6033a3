/**
 * Draws a ChartSpec: vega-lite compiles it to vega, a headless vega View writes SVG, and resvg
 * rasterises that at 2× with only the bundled DejaVu fonts. vega, vega-lite and resvg are imported
 * on the first render, not with this module, because loading them costs every `penny` command ~0.5 s.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { logger } from '../log/logger.ts';
import type { ChartSpec } from './chart.ts';
import { FONT_FAMILY, fontFiles } from './fonts.ts';
import { formatValue, type Unit } from './format.ts';
import { vegaLiteSpec, VALUE_FUNCTION } from './spec.ts';
import { textWidthMeasure } from './text-width.ts';

/** Pixels per SVG unit in the PNG: sharp on high-density screens, where Slack is mostly read. */
export const PNG_SCALE = 2;

type Vega = typeof import('vega');

let engine: Promise<{ vega: Vega; compile: typeof import('vega-lite').compile; log: ReturnType<Vega['logger']> }> | null = null;

function loadEngine() {
  engine ??= Promise.all([import('vega'), import('vega-lite')]).then(([vega, vl]) => {
    vega.expressionFunction(VALUE_FUNCTION, (x: number, unit: Unit) => formatValue(x, unit));
    const fonts = fontFiles();
    (vega as unknown as { textMetrics: { width: unknown } }).textMetrics.width = textWidthMeasure(fonts.regular, fonts.bold);
    // Warnings are about the spec Penny builds, not the user's data, and vega-lite raises a false
    // "Dropping fit-y" on every fixed-width bar chart; keep them for debugging, off the CLI's stderr.
    const log = vega.logger(vega.Warn, undefined, (_method, level, args) => logger.debug(`vega ${level}: ${args.map(String).join(' ')}`));
    return { vega, compile: vl.compile, log };
  });
  return engine;
}

export async function renderSvg(chart: ChartSpec): Promise<string> {
  const { vega, compile, log } = await loadEngine();
  const view = new vega.View(vega.parse(compile(vegaLiteSpec(chart), { logger: log }).spec), { renderer: 'none', logger: log });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

export async function renderPng(chart: ChartSpec): Promise<Buffer> {
  const [svg, { Resvg }] = await Promise.all([renderSvg(chart), import('@resvg/resvg-js')]);
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: PNG_SCALE },
    background: 'white',
    font: { loadSystemFonts: false, fontFiles: Object.values(fontFiles()), defaultFontFamily: FONT_FAMILY, sansSerifFamily: FONT_FAMILY },
  });
  return resvg.render().asPng();
}

/** "Daily effective cost by team" → "daily-effective-cost-by-team". */
function slug(text: string): string {
  return (
    text
      .normalize('NFKD')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .replace(/-+$/, '') || 'chart'
  );
}

/**
 * Writes the chart as a PNG in `dir` and returns its path. The name is the title plus a hash of the
 * chart, so the same answer rewrites its own file and different answers never overwrite each other;
 * the file appears whole (written aside, then renamed) or not at all.
 */
export async function writeChart(chart: ChartSpec, dir: string): Promise<string> {
  const png = await renderPng(chart);
  await mkdir(dir, { recursive: true });
  const hash = createHash('sha256').update(JSON.stringify(chart)).digest('hex').slice(0, 8);
  const file = path.resolve(dir, `${slug(chart.title)}-${hash}.png`);
  const temp = `${file}.${randomUUID()}.tmp`;
  try {
    await writeFile(temp, png);
    await rename(temp, file);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
  return file;
}
