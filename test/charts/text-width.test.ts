import { readFileSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { FONT_FAMILY, fontFiles } from '../../src/charts/fonts.ts';
import { emWidth, readAdvances, textWidthMeasure } from '../../src/charts/text-width.ts';

const fonts = fontFiles();
const measure = textWidthMeasure(fonts.regular, fonts.bold);

/** Where resvg puts the ink of `text`, drawn from the same font files. */
function drawnBox(text: string, size: number, weight: 'normal' | 'bold') {
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="2000" height="100"><text x="10" y="60" font-family="${FONT_FAMILY}" font-size="${size}" font-weight="${weight}">${escaped}</text></svg>`;
  const box = new Resvg(svg, { font: { loadSystemFonts: false, fontFiles: [fonts.regular, fonts.bold], defaultFontFamily: FONT_FAMILY } }).getBBox();
  if (!box) throw new Error('resvg drew nothing');
  return box;
}

describe('text widths from the font', () => {
  it('reads the glyph advances of DejaVu Sans', () => {
    const advances = readAdvances(readFileSync(fonts.regular));
    // A space is 651 of 2048 font units in DejaVu Sans, the digits are all 1303.
    expect(emWidth(advances, ' ')).toBeCloseTo(651 / 2048, 6);
    expect(emWidth(advances, '0')).toBeCloseTo(1303 / 2048, 6);
    expect(emWidth(advances, '0123456789')).toBeCloseTo((10 * 1303) / 2048, 6);
    expect(emWidth(advances, 'W')).toBeGreaterThan(emWidth(advances, 'i') * 3);
  });

  it('matches what resvg draws, for plain, bold and accented text', () => {
    const cases: Array<[string, number, 'normal' | 'bold']> = [
      ['Amazon Elastic Compute Cloud', 11, 'normal'],
      ['Daily effective cost by team', 16, 'bold'],
      ['émigré · Zürich – $1.2k', 12, 'normal'],
      ['WWWWWWWWWW', 11, 'normal'],
      ['iiiiiiiiiiiiiiiiiiii', 11, 'normal'],
    ];
    for (const [text, size, weight] of cases) {
      const measured = measure({ fontSize: size, fontWeight: weight }, text);
      const drawn = drawnBox(text, size, weight).width;
      // The advance width includes the side bearings of the first and last glyph, which the ink
      // box leaves out, and kerning only narrows: measured ≥ drawn, and never by more than ~½ em.
      expect(measured, text).toBeGreaterThanOrEqual(drawn - 0.5);
      expect(measured - drawn, text).toBeLessThan(size * 0.5);
    }
  });

  it('caps the width at the item limit, as vega expects before it cuts the text', () => {
    const text = 'Amazon OpenSearch Service with an extremely long name';
    expect(measure({ fontSize: 11 }, text)).toBeGreaterThan(200);
    expect(measure({ fontSize: 11, limit: 120 }, text)).toBe(120);
    expect(measure({ fontSize: 11, limit: 500 }, 'EC2')).toBe(measure({ fontSize: 11 }, 'EC2'));
    expect(measure({}, '  $10k  ')).toBe(measure({ fontSize: 11 }, '$10k'));
  });
});
