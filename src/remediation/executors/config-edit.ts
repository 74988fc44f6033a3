/**
 * The one edit the github-pr executor makes: set a feature's model in a YAML or JSON config file,
 * at a configured key path (`features.{feature}.model`). The feature name fills one path segment
 * literally, so whatever text it holds it addresses one key and nothing else. The edit refuses
 * unless the file currently says the model the finding saw, so a stale proposal never overwrites
 * someone's later change; YAML comments and layout are kept.
 */
import { isMap, parseDocument } from 'yaml';

export class ConfigEditError extends Error {
  override name = 'ConfigEditError';
}

export function keyPath(template: string, feature: string): string[] {
  return template.split('.').map((part) => (part === '{feature}' ? feature : part));
}

const isJson = (file: string) => /\.json$/i.test(file);

export function readModel(file: string, text: string, path: string[]): unknown {
  if (isJson(file)) {
    let node: unknown = JSON.parse(text);
    for (const key of path) node = node !== null && typeof node === 'object' && Object.hasOwn(node, key) ? (node as Record<string, unknown>)[key] : undefined;
    return node;
  }
  const doc = parseDocument(text);
  if (doc.errors.length) throw new ConfigEditError(`${file}: not valid YAML: ${doc.errors[0]!.message}`);
  return doc.getIn(path);
}

/** The file's text with the model at `path` changed from `from` to `to`. */
export function setModel(file: string, text: string, path: string[], from: string, to: string): string {
  let current: unknown;
  try {
    current = readModel(file, text, path);
  } catch (err) {
    throw new ConfigEditError(`${file}: cannot read it: ${(err as Error).message}`);
  }
  if (current !== from) {
    throw new ConfigEditError(`${file}: ${path.join('.')} is ${current === undefined ? 'absent' : JSON.stringify(current)}, not "${from}" as the finding saw; nothing was changed`);
  }
  if (isJson(file)) {
    const doc = JSON.parse(text) as Record<string, unknown>;
    let node = doc;
    for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
    node[path.at(-1)!] = to;
    const indent = /^[ \t]+/m.exec(text)?.[0] ?? '  ';
    return JSON.stringify(doc, null, indent) + (text.endsWith('\n') ? '\n' : '');
  }
  const doc = parseDocument(text);
  if (!isMap(doc.contents)) throw new ConfigEditError(`${file}: the top level is not a mapping`);
  doc.setIn(path, to);
  return doc.toString();
}
