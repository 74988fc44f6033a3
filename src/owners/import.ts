/**
 * Reads owner maps from YAML or CSV and imports them. Every entry of every file is checked before
 * the database is touched; with any problem nothing is written and the error lists all of them,
 * each with file, line and field, so one run shows everything there is to fix.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import type pg from 'pg';
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { OwnerEntrySchema, OwnerFileSchema, type OwnerEntry } from './schema.ts';
import { saveOwnerMap, type SaveResult } from './store.ts';

export interface OwnerProblem {
  file: string;
  line?: number;
  /** 1-based position of the entry under `owners:` in a YAML file. */
  entry?: number;
  field?: string;
  message: string;
}

export interface SourcedEntry extends OwnerEntry {
  file: string;
  line: number;
}

export interface OwnerFile {
  file: string;
  format: 'yaml' | 'csv';
  entries: SourcedEntry[];
  defaultChannel: string | null;
  problems: OwnerProblem[];
}

export function formatProblem(p: OwnerProblem): string {
  const parts = [p.line ? `${p.file}:${p.line}` : p.file];
  if (p.entry !== undefined) parts.push(`entry ${p.entry}`);
  if (p.field) parts.push(p.field);
  return `${parts.join(': ')}: ${p.message}`;
}

export class OwnerImportError extends Error {
  override name = 'OwnerImportError';
  constructor(readonly problems: OwnerProblem[]) {
    const n = problems.length;
    super(`owner map not imported, nothing was changed; ${n} problem${n === 1 ? '' : 's'}:\n  ${problems.map(formatProblem).join('\n  ')}`);
  }
}

/** `['owners', 2]` → `owners[2]`, `['match', 'team']` → `match.team`. */
function yamlField(p: PropertyKey[]): string {
  return p.map((k, i) => (typeof k === 'number' ? `[${k}]` : `${i ? '.' : ''}${String(k)}`)).join('');
}

// zod reports unknown keys once, at their object; point at each key's own line instead.
function yamlIssues(issues: z.core.$ZodIssue[]): { path: PropertyKey[]; message: string }[] {
  return issues.flatMap((i) => (i.code === 'unrecognized_keys' ? i.keys.map((k) => ({ path: [...i.path, k], message: 'unknown field' })) : [i]));
}

function readYaml(file: string, text: string): OwnerFile {
  const out: OwnerFile = { file, format: 'yaml', entries: [], defaultChannel: null, problems: [] };
  const lineCounter = new LineCounter();
  // failsafe: every scalar stays the text written, so account 012345678901 keeps its leading zero.
  const doc = parseDocument(text, { schema: 'failsafe', lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    for (const e of doc.errors) out.problems.push({ file, line: lineCounter.linePos(e.pos[0]).line, message: `not valid YAML: ${e.message.split('\n')[0]}` });
    return out;
  }
  if (doc.contents === null) {
    out.problems.push({ file, message: 'is empty; expected a list under owners:' });
    return out;
  }
  // The line of the deepest node on the path that exists.
  const lineOf = (p: PropertyKey[]): number | undefined => {
    for (let n = p.length; n >= 0; n--) {
      const node = doc.getIn(p.slice(0, n), true) as { range?: [number, number, number] } | undefined;
      if (node?.range) return lineCounter.linePos(node.range[0]).line;
    }
    return undefined;
  };
  const js: unknown = doc.toJS();
  const top = OwnerFileSchema.safeParse(js);
  if (top.success) out.defaultChannel = top.data.default_channel ?? null;
  else for (const i of yamlIssues(top.error.issues)) out.problems.push({ file, line: lineOf(i.path), field: yamlField(i.path) || undefined, message: i.message });
  // A problem elsewhere in the file does not stop the entries from being checked too.
  const list = top.success ? top.data.owners : ((js as { owners?: unknown } | null)?.owners ?? []);
  if (!Array.isArray(list)) return out;
  list.forEach((raw: unknown, index) => {
    const at = ['owners', index];
    const r = OwnerEntrySchema.safeParse(raw);
    if (r.success) out.entries.push({ ...r.data, file, line: lineOf(at)! });
    else for (const i of yamlIssues(r.error.issues)) out.problems.push({ file, line: lineOf([...at, ...i.path]), entry: index + 1, field: yamlField(i.path) || undefined, message: i.message });
  });
  return out;
}

const CSV_COLUMNS = ['match_key', 'match_value', 'owners', 'escalation'];
const CSV_REQUIRED = ['match_key', 'match_value', 'owners'];

/** The CSV column a zod issue is about: a bad key is match_key's fault, an empty value match_value's. */
function csvField(p: PropertyKey[]): string | undefined {
  if (p[0] === 'match') return p.length > 1 ? 'match_value' : 'match_key';
  return p[0] === undefined ? undefined : String(p[0]);
}

function readCsv(file: string, text: string): OwnerFile {
  const out: OwnerFile = { file, format: 'csv', entries: [], defaultChannel: null, problems: [] };
  let records: { record: string[]; info: { lines: number } }[];
  try {
    // The typings do not model `info: true`, which wraps each record with where it ends.
    records = parseCsv(text, { bom: true, info: true, skip_empty_lines: true, relax_column_count: true }) as unknown as typeof records;
  } catch (err) {
    const e = err as Error & { lines?: number };
    out.problems.push({ file, line: e.lines, message: `not valid CSV: ${e.message}` });
    return out;
  }
  if (records.length === 0) {
    out.problems.push({ file, message: `is empty; expected the header ${CSV_COLUMNS.join(',')}` });
    return out;
  }
  const [head, ...rows] = records;
  const header = head!.record.map((h) => h.trim().toLowerCase());
  const headerLine = head!.info.lines;
  for (const h of header) if (!CSV_COLUMNS.includes(h)) out.problems.push({ file, line: headerLine, field: h, message: `unknown column; the columns are ${CSV_COLUMNS.join(',')}` });
  for (const c of CSV_REQUIRED) if (!header.includes(c)) out.problems.push({ file, line: headerLine, field: c, message: 'column missing from the header' });
  if (out.problems.length > 0) return out;
  for (const { record, info } of rows) {
    if (record.every((c) => !c.trim())) continue; // spreadsheets leave rows of empty cells behind
    // info.lines is where the record ends; a quoted cell may span lines, so count back to its start.
    const line = info.lines - record.reduce((n, c) => n + (c.match(/\n/g)?.length ?? 0), 0);
    if (record.length !== header.length) {
      out.problems.push({ file, line, message: `has ${record.length} fields, the header has ${header.length}` });
      continue;
    }
    const cell = (name: string) => record[header.indexOf(name)];
    const raw = { match: { [cell('match_key')!.trim()]: cell('match_value')! }, owners: cell('owners'), escalation: cell('escalation') };
    const r = OwnerEntrySchema.safeParse(raw);
    if (r.success) out.entries.push({ ...r.data, file, line });
    else for (const i of r.error.issues) out.problems.push({ file, line, field: csvField(i.path), message: i.message });
  }
  return out;
}

export async function readOwnerFile(file: string): Promise<OwnerFile> {
  const ext = path.extname(file).toLowerCase();
  const format = ext === '.csv' ? 'csv' : ext === '.yaml' || ext === '.yml' ? 'yaml' : undefined;
  const failed = (message: string): OwnerFile => ({ file, format: format ?? 'yaml', entries: [], defaultChannel: null, problems: [{ file, message }] });
  if (!format) return failed('expected a .yaml, .yml or .csv file');
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return failed(code === 'ENOENT' ? 'no such file' : `cannot read: ${(err as Error).message}`);
  }
  return format === 'csv' ? readCsv(file, text) : readYaml(file, text);
}

export interface ImportResult extends SaveResult {
  files: { file: string; format: 'yaml' | 'csv'; entries: number }[];
}

/**
 * Imports owner files as one map, in one transaction. `replace` makes the map exactly these files
 * (rules not in them are removed); otherwise rules are upserted by match and the rest kept.
 */
export async function importOwnerFiles(pool: pg.Pool, files: string[], options: { replace?: boolean; defaultChannel?: string } = {}): Promise<ImportResult> {
  const read = await Promise.all(files.map(readOwnerFile));
  const problems = read.flatMap((f) => f.problems);
  // The same match twice would leave the winner to file order: refuse and say where both are.
  const seen = new Map<string, SourcedEntry>();
  for (const e of read.flatMap((f) => f.entries)) {
    const id = `${e.key}=${e.value}`;
    const first = seen.get(id);
    if (first) problems.push({ file: e.file, line: e.line, field: 'match', message: `${id} is already mapped at ${first.file}:${first.line}` });
    else seen.set(id, e);
  }
  const channels = [...new Set(read.map((f) => f.defaultChannel).filter((c): c is string => c !== null))];
  if (!options.defaultChannel && channels.length > 1) problems.push({ file: files.join(', '), field: 'default_channel', message: `the files disagree: ${channels.join(', ')}` });
  if (problems.length > 0) throw new OwnerImportError(problems);
  const saved = await saveOwnerMap(pool, [...seen.values()], { replace: options.replace ?? false, defaultChannel: options.defaultChannel ?? channels[0] ?? null });
  return { ...saved, files: read.map((f) => ({ file: f.file, format: f.format, entries: f.entries.length })) };
}
