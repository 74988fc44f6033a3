/**
 * Model changes: a model id replaced by another in code or config (`model: "gpt-4o-mini"` →
 * `"gpt-4o"`, `ChatOpenAI({ model })`, YAML/JSON/env settings). A string counts as a model id when
 * the price library prices it (with a provider prefix or as a Bedrock id, see model-names.ts) or
 * penny.yml maps it, so the detector needs no list of its own. Findings show the id as written
 * and carry the id it is priced by.
 */
import type { FileKind } from '../files.ts';
import type { FindingOf } from '../finding.ts';
import { recogniseModel } from '../llm-prices.ts';
import type { ModelNames } from '../model-names.ts';
import type { FileView } from '../view.ts';
import { changedPairs, factsOf, featureTag, type Fact } from './facts.ts';

const QUOTED = /(["'`])([A-Za-z0-9][A-Za-z0-9._:/@-]{1,100})\1/g;
const SETTING = /\b(?:[\w-]*model[\w-]*|engine|[\w-]*deployment[\w-]*|llm)["']?\s*[:=]\s*([A-Za-z0-9][A-Za-z0-9._:/@-]{1,100})\s*(?:[,#;)}]|$)/gi;
const MODEL_KEY = /model|engine|deployment|llm/i;

/** A model-shaped string: letters with a digit or dash, no path or URL. */
function plausible(s: string, line: string): boolean {
  if ((s.match(/\//g)?.length ?? 0) > 1 || s.includes('://') || /\.(ts|js|py|json|ya?ml|md|txt)$/i.test(s)) return false;
  return /[a-z]/i.test(s) && (/[\d-]/.test(s) || MODEL_KEY.test(line));
}

/** Model ids on a line; `priced` is the id each is priced by. */
export function modelsOnLine(text: string, line: number, names: ModelNames): Array<Fact & { priced: string }> {
  if (!names.mapsAny && !/[a-z]\w*[-.\d]/i.test(text)) return [];
  const seen = new Set<string>();
  const out: Array<Fact & { priced: string }> = [];
  const take = (s: string | undefined) => {
    if (!s || seen.has(s) || !(names.isMapped(s) || plausible(s, text))) return;
    const priced = names.resolve(s);
    if (!priced) return;
    seen.add(s);
    out.push({ key: 'model', value: s, line, priced });
  };
  for (const m of text.matchAll(QUOTED)) take(m[2]);
  for (const m of text.matchAll(SETTING)) take(m[1]);
  return out;
}

const MODEL_FILES: FileKind[] = ['code', 'yaml', 'json', 'env', 'terraform'];

export function detectModels(view: FileView, kind: FileKind, names: ModelNames): FindingOf<'model'>[] {
  if (!MODEL_FILES.includes(kind)) return [];
  const out: FindingOf<'model'>[] = [];
  const facts = (text: string, line: number) => modelsOnLine(text, line, names);
  for (const seg of view.segments) {
    for (const { before, after } of changedPairs(factsOf(seg.before, facts), factsOf(seg.after, facts))) {
      if (!before || !after) continue; // a model only added or removed is a call site's business
      const from = names.resolve(before.value)!;
      const to = names.resolve(after.value)!;
      if (recogniseModel(from)?.modelId === recogniseModel(to)?.modelId && before.value.toLowerCase() === after.value.toLowerCase()) continue;
      out.push({
        kind: 'model',
        file: view.path,
        line: after.line,
        before: before.value,
        after: after.value,
        from,
        to,
        featureHint: featureTag([seg.after]),
      });
    }
  }
  return out;
}
