/**
 * Output limits: `max_tokens`, `max_output_tokens`, `max_completion_tokens` (and their camelCase
 * and provider spellings) raised, lowered or removed. A limit caps what a call may cost, so the
 * estimate is an upper bound, and says so.
 */
import type { FileKind } from '../files.ts';
import type { FindingOf } from '../finding.ts';
import type { FileView } from '../view.ts';
import { changedPairs, factsOf, featureTag, type Fact } from './facts.ts';
import { modelsOnLine } from './models.ts';

const LIMIT = /["']?\b(max_tokens|max_output_tokens|max_completion_tokens|max_new_tokens|max_tokens_to_sample|maxTokens|maxOutputTokens|maxCompletionTokens|maxNewTokens|maxTokensToSample|MAX_TOKENS|MAX_OUTPUT_TOKENS)["']?\s*[:=]\s*["']?(\d[\d_,]*)/g;

function normalKey(key: string): string {
  return key.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
}

function limitsOnLine(text: string, line: number): Fact[] {
  if (!/max/i.test(text)) return [];
  return [...text.matchAll(LIMIT)].map((m) => ({ key: normalKey(m[1]!), value: m[2]!.replace(/[_,]/g, ''), line }));
}

const LIMIT_FILES: FileKind[] = ['code', 'yaml', 'json', 'env', 'terraform'];

export function detectLimits(view: FileView, kind: FileKind): FindingOf<'output-limit'>[] {
  if (!LIMIT_FILES.includes(kind)) return [];
  const out: FindingOf<'output-limit'>[] = [];
  for (const seg of view.segments) {
    const model = [...seg.after.lines, ...seg.before.lines].flatMap((t) => modelsOnLine(t, 0))[0]?.value;
    for (const { before, after } of changedPairs(factsOf(seg.before, limitsOnLine), factsOf(seg.after, limitsOnLine))) {
      // A limit that appears where there was none comes with new code (a call site), not a raise.
      if (!before) continue;
      const from = Number(before.value);
      const to = after ? Number(after.value) : null;
      out.push({
        kind: 'output-limit', file: view.path, line: after?.line ?? before.line, key: before.key,
        before: `${before.key} ${from}`, after: to === null ? 'no limit' : `${after!.key} ${to}`,
        from, to, ...(model ? { model } : {}), featureHint: featureTag([seg.after]),
      });
    }
  }
  return out;
}
