import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BarChart, ChartSpec, LineChart } from '../../src/charts/chart.ts';
import { chartFor } from '../../src/charts/choose.ts';
import { PNG_SCALE, renderPng, renderSvg, writeChart } from '../../src/charts/render.ts';
import { CHART_WIDTH } from '../../src/charts/spec.ts';
import { tempDir } from '../support/focus-sample.ts';
import { inkPixels, PNG_SIGNATURE, readPng } from './png.ts';
import { compared, costResult, days } from './results.ts';

/** The top of a chart holding the title and nothing else (at 1×; the subtitle starts about 38 px down). */
const TITLE_BAND = 35;
const LONG = 'Amazon OpenSearch Service with an extremely long product name that never seems to end';

const trend = chartFor(
  costResult(
    { time: { period: 'last_month' }, granularity: 'day', groupBy: ['team'] },
    days('2025-11-01', 30).flatMap((period, d) => ['search', 'platform', 'growth'].map((team, i) => ({ period, team, effective_cost: (3 - i) * 400 + 50 * Math.sin(d / 3 + i) }))),
  ),
) as LineChart;

const ranking = chartFor(
  costResult({ time: { period: 'last_month' }, groupBy: ['ServiceName'], compare: 'previous_period' }, [
    // The top bar ends near the axis end, so its label runs past the plot.
    compared({ ServiceName: 'Amazon Elastic Compute Cloud', effective_cost: 2_210 }, 'effective_cost', 2_154),
    compared({ ServiceName: LONG, effective_cost: 650 }, 'effective_cost', 700),
    compared({ ServiceName: '<script>alert("x")</script> & co', effective_cost: -150 }, 'effective_cost', null),
  ]),
) as BarChart;

/** The svg element's own width and height. */
function svgSize(svg: string): { width: number; height: number } {
  const m = /^<svg[^>]*\swidth="(\d+)"\s+height="(\d+)"/.exec(svg);
  if (!m) throw new Error('svg has no width/height');
  return { width: Number(m[1]), height: Number(m[2]) };
}

/** The text of every <text> element, unescaped. */
function texts(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) =>
    m[1]!
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&'),
  );
}

describe('renderSvg', () => {
  let lineSvg: string;
  let barSvg: string;
  beforeAll(async () => {
    [lineSvg, barSvg] = await Promise.all([renderSvg(trend), renderSvg(ranking)]);
  });

  it('lays out the title, subtitle, axis title, ticks and legend of a trend in the chart font', () => {
    const t = texts(lineSvg);
    expect(t).toContain('Daily effective cost by team');
    expect(t).toContain('Nov 1 – 30, 2025 · total ' + trend.subtitle.split('total ')[1]);
    expect(t).toContain('Effective cost');
    expect(t).toEqual(expect.arrayContaining(['$0', 'Nov 1', 'search', 'platform', 'growth']));
    expect(lineSvg).toContain('font-family="DejaVu Sans"');
    expect(lineSvg).not.toMatch(/font-family="(?!DejaVu Sans")/);
    expect(svgSize(lineSvg).width).toBe(CHART_WIDTH);
  });

  it('a ranking shows value labels with the change, both periods in the legend, and escapes label text', () => {
    const t = texts(barSvg);
    expect(t).toEqual(expect.arrayContaining(['$2.2k +2.6%', '$650 -7.1%', '-$150 new', 'Nov 1 – 30, 2025', 'Oct 1 – 31, 2025']));
    expect(t).toContain('<script>alert("x")</script> & co');
    expect(barSvg).not.toContain('<script>');
    expect(svgSize(barSvg).width).toBe(CHART_WIDTH);
  });

  it('cuts a long label with an ellipsis instead of letting it run into the bars', () => {
    const cut = texts(barSvg).find((s) => s.startsWith('Amazon OpenSearch'));
    expect(cut).toBeDefined();
    expect(cut!.endsWith('…')).toBe(true);
    expect(cut!.length).toBeLessThan(LONG.length);
  });
});

describe('renderPng', () => {
  it('writes a PNG of the SVG size at 2×, with the chart text drawn (not dropped by resvg)', async () => {
    const [png, svg] = await Promise.all([renderPng(trend), renderSvg(trend)]);
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    const image = readPng(png);
    const size = svgSize(svg);
    expect(image).toMatchObject({ width: size.width * PNG_SCALE, height: size.height * PNG_SCALE, bitDepth: 8, colorType: 6 });

    const band = (img: ReturnType<typeof readPng>) => inkPixels(img, 0, 0, img.width, TITLE_BAND * PNG_SCALE);
    const drawn = band(image);
    expect(drawn).toBeGreaterThan(1500);
    // The same SVG without fonts given to resvg: the title band is blank. This is the failure the
    // bundled font prevents, and it shows the band check above can fail.
    const bare = readPng(new Resvg(svg, { fitTo: { mode: 'zoom', value: PNG_SCALE }, background: 'white', font: { loadSystemFonts: false } }).render().asPng());
    expect(band(bare)).toBe(0);
  });

  it('draws a different title differently', async () => {
    const [a, b] = await Promise.all([renderPng(trend), renderPng({ ...trend, title: 'Weekly effective cost by team' })]);
    const [ia, ib] = [readPng(a), readPng(b)];
    const band = TITLE_BAND * PNG_SCALE * ia.width * 4;
    expect(ia.pixels.subarray(0, band).equals(ib.pixels.subarray(0, band))).toBe(false);
    // Below the title band the charts are the same.
    expect(ia.pixels.subarray(band).equals(ib.pixels.subarray(band))).toBe(true);
  });

  it('keeps every label inside the image: nothing is drawn in the right padding', async () => {
    for (const chart of [ranking, trend]) {
      const image = readPng(await renderPng(chart));
      expect(inkPixels(image, image.width - 8 * PNG_SCALE, 0, image.width, image.height), chart.title).toBe(0);
    }
  });

  it('a ranking grows in height with its bars', async () => {
    const small: ChartSpec = { ...ranking, bars: ranking.bars.slice(0, 2) };
    const [many, few] = await Promise.all([renderPng(ranking), renderPng(small)]);
    expect(readPng(many).height).toBeGreaterThan(readPng(few).height);
    expect(readPng(many).width).toBe(CHART_WIDTH * PNG_SCALE);
  });
});

describe('writeChart', () => {
  it('writes the PNG under a name from the title and returns its path; the same chart reuses its file', async () => {
    const dir = path.join(await tempDir('penny-charts-'), 'nested', 'out');
    const file = await writeChart(ranking, dir);
    expect(path.dirname(file)).toBe(dir);
    expect(path.basename(file)).toMatch(/^effective-cost-by-service-[0-9a-f]{8}\.png$/);
    expect((await readFile(file)).equals(await renderPng(ranking))).toBe(true);
    expect(await writeChart(ranking, dir)).toBe(file);
    const other = await writeChart(trend, dir);
    expect(path.basename(other)).toMatch(/^daily-effective-cost-by-team-[0-9a-f]{8}\.png$/);
    expect((await readdir(dir)).sort()).toEqual([path.basename(file), path.basename(other)].sort());
  });
});
