/**
 * Output limits: `max_tokens`, `max_output_tokens`, `max_completion_tokens`, `max_tokens_to_sample`
 * (and their camelCase and provider spellings, Ollama's `num_predict`, Bedrock's `maxTokenCount`
 * and `max_gen_len`) raised, lowered or removed. A limit set from a constant
 * (`max_tokens=SMART_TOKEN_LIMIT`) counts when the constant's value changes, in the same file or,
 * for an UPPER_CASE constant, in another file of the diff. A limit caps what a call may cost, so
 * the estimate is an upper bound, and says so.
 */
import type { FileDiff } from '../diff.ts';
import type { FileKind } from '../files.ts';
import type { FindingOf } from '../finding.ts';
import type { ModelNames } from '../model-names.ts';
import type { FileView, Side } from '../view.ts';
import { changedPairs, factsOf, featureTag, type Fact } from './facts.ts';
import { modelsOnLine } from './models.ts';

const KEYS = [
  'max_tokens',
  'max_output_tokens',
  'max_completion_tokens',
  'max_new_tokens',
  'max_tokens_to_sample',
  'num_predict',
  'max_gen_len',
  'maxTokens',
  'maxOutputTokens',
  'maxCompletionTokens',
  'maxNewTokens',
  'maxTokensToSample',
  'numPredict',
  'maxTokenCount',
  'maxGenLen',
  'MAX_TOKENS',
  'MAX_OUTPUT_TOKENS',
].join('|');
const LIMIT = new RegExp(`["']?\\b(${KEYS})["']?\\s*[:=]\\s*["']?(\\d[\\d_,]*)`, 'g');
/** A limit set from a name, `max_tokens=SMART_TOKEN_LIMIT` or `maxTokens: cfg.MAX_OUT`; not a call or an index. */
const LIMIT_FROM_NAME = new RegExp(`["']?\\b(${KEYS})["']?\\s*[:=]\\s*(?:[A-Za-z_$][\\w$]*\\.)*([A-Za-z_$][\\w$]*)\\b(?!\\s*[.([])`, 'g');
/** `SMART_TOKEN_LIMIT = 4096`, `export const MAX_OUT = 4_096;`, `max_tokens: int = 4096`, `static final int X = 4096;`. */
const CONSTANT = /^\s*(?:(?:export|const|let|var|final|static|public|private|protected|readonly|int|long)\s+)*([A-Za-z_$][\w$]*)\s*(?::\s*[\w.[\]]+\s*)?=\s*(\d[\d_]*)\s*;?\s*(?:(?:#|\/\/).*)?$/;
/** Literals and type names (`max_tokens: int = …`, `maxTokens: number`), which name no constant. */
const NOT_A_NAME = new Set(['None', 'True', 'False', 'null', 'undefined', 'true', 'false', 'nil', 'int', 'float', 'number', 'str', 'string', 'integer']);

function normalKey(key: string): string {
  return key.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
}

function limitsOnLine(text: string, line: number): Fact[] {
  if (!/max|predict/i.test(text)) return [];
  return [...text.matchAll(LIMIT)].map((m) => ({ key: normalKey(m[1]!), value: m[2]!.replace(/[_,]/g, ''), line }));
}

/** Names passed as an output limit anywhere in the diff: name → the limit's key and the files passing it. */
export type LimitNames = Map<string, { key: string; files: Set<string> }>;

function namesOn(side: Side, path: string, into: LimitNames): void {
  for (const text of side.lines) {
    if (!/max|predict/i.test(text)) continue;
    for (const m of text.matchAll(LIMIT_FROM_NAME)) {
      const name = m[2]!;
      if (NOT_A_NAME.has(name)) continue;
      const entry = into.get(name) ?? { key: normalKey(m[1]!), files: new Set<string>() };
      entry.files.add(path);
      into.set(name, entry);
    }
  }
}

export function limitNames(views: readonly FileView[]): LimitNames {
  const names: LimitNames = new Map();
  for (const v of views) for (const seg of v.segments) for (const side of [seg.before, seg.after]) namesOn(side, v.path, names);
  return names;
}

/**
 * A changed numeric constant named like a limit (`SMART_TOKEN_LIMIT = 8192`): the file is worth
 * reading whole, as the call it is passed to may be far from the hunk.
 */
export function changesLimitConstant(f: FileDiff): boolean {
  return f.hunks.some((h) => h.lines.some((l) => l.kind === 'add' && /tokens?|limit|max/i.test(l.text) && CONSTANT.test(l.text)));
}

const constantCase = (name: string) => /^[A-Z][A-Z0-9_]{2,}$/.test(name);

/** Constants passed as a limit, keyed `const:<name>` so each pairs with its own old value. */
function constantsOn(path: string, names: LimitNames) {
  return (text: string, line: number): Fact[] => {
    const m = CONSTANT.exec(text);
    if (!m || limitsOnLine(text, line).length > 0) return [];
    const use = names.get(m[1]!);
    if (!use || !(use.files.has(path) || constantCase(m[1]!))) return [];
    return [{ key: `const:${m[1]}`, value: m[2]!.replace(/_/g, ''), line }];
  };
}

const LIMIT_FILES: FileKind[] = ['code', 'yaml', 'json', 'env', 'terraform'];

export function detectLimits(view: FileView, kind: FileKind, names: ModelNames, passed: LimitNames = new Map()): FindingOf<'output-limit'>[] {
  if (!LIMIT_FILES.includes(kind)) return [];
  const out: FindingOf<'output-limit'>[] = [];
  const constants = constantsOn(view.path, passed);
  for (const seg of view.segments) {
    const model = [...seg.after.lines, ...seg.before.lines].flatMap((t) => modelsOnLine(t, 0, names))[0]?.priced;
    const hint = featureTag([seg.after]);
    for (const { before, after } of changedPairs(factsOf(seg.before, limitsOnLine), factsOf(seg.after, limitsOnLine))) {
      // A limit that appears where there was none comes with new code (a call site), not a raise.
      if (!before) continue;
      const from = Number(before.value);
      const to = after ? Number(after.value) : null;
      out.push({
        kind: 'output-limit',
        file: view.path,
        line: after?.line ?? before.line,
        key: before.key,
        before: `${before.key} ${from}`,
        after: to === null ? 'no limit' : `${after!.key} ${to}`,
        from,
        to,
        ...(model ? { model } : {}),
        featureHint: hint,
      });
    }
    for (const { before, after } of changedPairs(factsOf(seg.before, constants), factsOf(seg.after, constants))) {
      // A constant added or removed (moved) sets no new limit; a changed value does.
      if (!before || !after) continue;
      const name = before.key.slice('const:'.length);
      out.push({
        kind: 'output-limit',
        file: view.path,
        line: after.line,
        key: passed.get(name)!.key,
        before: `${name} ${before.value}`,
        after: `${name} ${after.value}`,
        from: Number(before.value),
        to: Number(after.value),
        ...(model ? { model } : {}),
        featureHint: hint,
      });
    }
  }
  return out;
}
