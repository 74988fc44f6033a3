/**
 * Text widths from the chart font's own glyph advances (the TrueType `cmap` and `hmtx` tables).
 * Headless vega has no canvas to measure text and guesses 0.8 em a character, which for DejaVu
 * Sans is a third too wide: titles get cut early and axis labels thinned out. vega takes a custom
 * measure through `textMetrics.width`; this gives it the widths resvg will actually draw (kerning
 * aside, which only narrows text, so labels never overlap).
 */
import { readFileSync } from 'node:fs';

type Advances = { perChar: Map<number, number>; fallback: number };

function table(font: Buffer, tag: string): number {
  const count = font.readUInt16BE(4);
  for (let i = 0; i < count; i++) {
    const rec = 12 + 16 * i;
    if (font.toString('latin1', rec, rec + 4) === tag) return font.readUInt32BE(rec + 8);
  }
  throw new Error(`font has no ${tag} table`);
}

/** Advance widths in em, by Unicode code point, from the font's Windows BMP (format 4) cmap. */
export function readAdvances(font: Buffer): Advances {
  const unitsPerEm = font.readUInt16BE(table(font, 'head') + 18);
  const metricCount = font.readUInt16BE(table(font, 'hhea') + 34);
  const hmtx = table(font, 'hmtx');
  const advance = (glyph: number) => font.readUInt16BE(hmtx + 4 * Math.min(glyph, metricCount - 1)) / unitsPerEm;

  const cmap = table(font, 'cmap');
  let sub = -1;
  for (let i = 0; i < font.readUInt16BE(cmap + 2); i++) {
    const rec = cmap + 4 + 8 * i;
    const offset = cmap + font.readUInt32BE(rec + 4);
    if (font.readUInt16BE(rec) === 3 && font.readUInt16BE(rec + 2) === 1 && font.readUInt16BE(offset) === 4) sub = offset;
  }
  if (sub < 0) throw new Error('font has no Unicode BMP cmap (platform 3, encoding 1, format 4)');
  const segments = font.readUInt16BE(sub + 6) / 2;
  const ends = sub + 14;
  const starts = ends + 2 * segments + 2;
  const deltas = starts + 2 * segments;
  const rangeOffsets = deltas + 2 * segments;
  const perChar = new Map<number, number>();
  for (let s = 0; s < segments; s++) {
    const start = font.readUInt16BE(starts + 2 * s);
    const end = font.readUInt16BE(ends + 2 * s);
    const delta = font.readUInt16BE(deltas + 2 * s);
    const rangeOffset = font.readUInt16BE(rangeOffsets + 2 * s);
    for (let c = start; c <= end && c !== 0xffff; c++) {
      let glyph: number;
      if (rangeOffset === 0) glyph = (c + delta) & 0xffff;
      else {
        glyph = font.readUInt16BE(rangeOffsets + 2 * s + rangeOffset + 2 * (c - start));
        if (glyph !== 0) glyph = (glyph + delta) & 0xffff;
      }
      if (glyph !== 0) perChar.set(c, advance(glyph));
    }
  }
  return { perChar, fallback: advance(0) };
}

/** The width of `text` in em; characters the font lacks count as its missing-glyph box. */
export function emWidth(advances: Advances, text: string): number {
  let width = 0;
  for (const ch of text) width += advances.perChar.get(ch.codePointAt(0)!) ?? advances.fallback;
  return width;
}

/** The part of a vega text item that decides its width. */
export interface TextItem {
  fontSize?: number;
  fontWeight?: string | number;
  limit?: number;
}

/**
 * A `textMetrics.width` for vega: the item's text width in pixels, capped at its `limit` as vega's
 * own measures do (vega then cuts the text to fit and adds the ellipsis).
 */
export function textWidthMeasure(regularFile: string, boldFile: string): (item: TextItem, text: unknown) => number {
  const regular = readAdvances(readFileSync(regularFile));
  const bold = readAdvances(readFileSync(boldFile));
  return (item, text) => {
    const size = item.fontSize ?? 11;
    const weight = item.fontWeight;
    const isBold = weight === 'bold' || weight === 'bolder' || Number(weight) >= 600;
    const width = emWidth(isBold ? bold : regular, text === null || text === undefined ? '' : String(text).trim()) * size;
    return item.limit !== undefined && item.limit > 0 ? Math.min(width, item.limit) : width;
  };
}
