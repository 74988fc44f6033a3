/**
 * The chart font, shipped through npm (dejavu-fonts-ttf) and handed to resvg explicitly: resvg is
 * run without system fonts, so the same PNG comes out on a laptop and in a bare container, and a
 * missing font is an error here rather than a chart whose text resvg silently dropped.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export const FONT_FAMILY = 'DejaVu Sans';

/** The faces charts use: vega draws titles bold and everything else regular. */
export interface FontFiles {
  regular: string;
  bold: string;
}

let cached: FontFiles | null = null;

/** Absolute paths of the DejaVu Sans faces; throws naming the path when the package is incomplete. */
export function fontFiles(): FontFiles {
  if (cached) return cached;
  const dir = path.join(path.dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
  const file = (name: string) => path.join(dir, name);
  const files: FontFiles = { regular: file('DejaVuSans.ttf'), bold: file('DejaVuSans-Bold.ttf') };
  const missing = Object.values(files).find((f) => !existsSync(f));
  if (missing) throw new Error(`chart font missing: ${missing} (reinstall the dejavu-fonts-ttf package)`);
  cached = files;
  return files;
}
