/**
 * The YAML documents of one side of a manifest, each with the file line it starts on; undefined
 * when the side is not plain YAML (a Helm template), so detectors fall back to reading lines.
 */
import { parseAllDocuments } from 'yaml';
import type { Side } from '../view.ts';

export type Obj = Record<string, unknown>;

/** A mapping, or {} for anything else, so nested reads need no checks. */
export const obj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});

export function yamlDocs(side: Side): Array<{ doc: Obj; line: number }> | undefined {
  const text = side.lines.join('\n');
  const docs = parseAllDocuments(text);
  if (!Array.isArray(docs) || docs.some((d) => d.errors.length > 0)) return undefined;
  return docs.map((d) => ({ doc: obj(d.toJS()), line: side.lineNos[text.slice(0, d.range[0]).split('\n').length - 1] ?? 1 }));
}
