/**
 * Prompts are Markdown files in prompts/, read at run time so they can be tuned without touching
 * code; `{{name}}` placeholders are filled from the values given.
 */
import fs from 'node:fs';
import path from 'node:path';
import { shippedPath } from '../../config/shipped.ts';

const DIR = shippedPath('prompts');
const cache = new Map<string, string>();

export function loadPrompt(name: string, values: Record<string, string> = {}): string {
  let text = cache.get(name);
  if (text === undefined) {
    text = fs.readFileSync(path.join(DIR, `${name}.md`), 'utf8').trim();
    cache.set(name, text);
  }
  return text.replace(/\{\{(\w+)\}\}/g, (_, key: string) => {
    if (!(key in values)) throw new Error(`prompt ${name}: no value for {{${key}}}`);
    return values[key]!;
  });
}
