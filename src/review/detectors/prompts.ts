/**
 * Prompt growth: a prompt file (prompts/, *.prompt, text a penny.yml feature lists) or a long
 * string template in code (a multi-line template literal or triple-quoted string that reads as a
 * prompt) grew or shrank. Found here as text; counted in tokens by promptFindings with the real
 * tokenizer, so a pull request without prompt changes never loads it.
 */
import type { FileKind } from '../files.ts';
import type { FindingOf } from '../finding.ts';
import type { TokenCounter } from '../tokens.ts';
import type { FileView, Side } from '../view.ts';
import { featureTag } from './facts.ts';

export interface PromptText {
  file: string;
  line: number;
  /** The whole prompt before and after, or (from hunks alone) just the removed and added text. */
  before: string;
  after: string;
  whole: boolean;
  featureHint?: string;
}

const MIN_TEMPLATE_CHARS = 200;
const PROMPTISH = /prompt|system|instruction|template|messages?\b|content/i;
const DELIMS = ['"""', "'''", '`'];

interface Region {
  text: string;
  line: number;
}

/** Multi-line string literals of a side that read as prompts: named like one or written like one. */
function templates(side: Side): Region[] {
  const out: Region[] = [];
  let open: { delim: string; start: number; opener: string; parts: string[] } | undefined;
  side.lines.forEach((line, i) => {
    let rest = line;
    while (rest.length > 0) {
      if (open) {
        const end = rest.indexOf(open.delim);
        if (end < 0) {
          open.parts.push(rest);
          return;
        }
        open.parts.push(rest.slice(0, end));
        const text = open.parts.join('\n');
        if (open.parts.length >= 3 && text.length >= MIN_TEMPLATE_CHARS && (PROMPTISH.test(open.opener) || /\byou are\b/i.test(text))) {
          out.push({ text, line: side.lineNos[open.start]! });
        }
        rest = rest.slice(end + open.delim.length);
        open = undefined;
        continue;
      }
      const hits = DELIMS.map((d) => ({ d, at: rest.indexOf(d) })).filter((h) => h.at >= 0).sort((a, b) => a.at - b.at);
      const first = hits[0];
      if (!first) return;
      open = { delim: first.d, start: i, opener: rest.slice(0, first.at), parts: [] };
      rest = rest.slice(first.at + first.d.length);
    }
    if (open) open.parts.push('');
  });
  return out;
}

export function promptTexts(view: FileView, kind: FileKind): PromptText[] {
  if (kind === 'prompt') {
    if (view.complete) {
      const seg = view.segments[0]!;
      return [{ file: view.path, line: view.added.lineNos[0] ?? view.removed.lineNos[0] ?? 1, before: seg.before.lines.join('\n'), after: seg.after.lines.join('\n'), whole: true }];
    }
    if (view.added.lines.length === 0 && view.removed.lines.length === 0) return [];
    return [{ file: view.path, line: view.added.lineNos[0] ?? view.removed.lineNos[0] ?? 1, before: view.removed.lines.join('\n'), after: view.added.lines.join('\n'), whole: false }];
  }
  if (kind !== 'code') return [];
  const out: PromptText[] = [];
  for (const seg of view.segments) {
    const before = templates(seg.before);
    const after = templates(seg.after);
    const b = before.map((r) => r.text).join('\n');
    const a = after.map((r) => r.text).join('\n');
    if (a === b) continue;
    out.push({ file: view.path, line: after[0]?.line ?? before[0]?.line ?? seg.after.lineNos[0] ?? 1, before: b, after: a, whole: view.complete, featureHint: featureTag([seg.after]) });
  }
  return out;
}

export function promptFindings(texts: PromptText[], count: TokenCounter): FindingOf<'prompt'>[] {
  const out: FindingOf<'prompt'>[] = [];
  for (const t of texts) {
    const tokensBefore = count(t.before);
    const tokensAfter = count(t.after);
    if (tokensBefore === tokensAfter) continue;
    const label = (n: number, side: string) => (t.whole ? `${n.toLocaleString('en-US')} tokens` : `${side} text: ${n.toLocaleString('en-US')} tokens`);
    out.push({
      kind: 'prompt', file: t.file, line: t.line, before: label(tokensBefore, 'removed'), after: label(tokensAfter, 'added'),
      tokensBefore, tokensAfter, ...(t.featureHint ? { featureHint: t.featureHint } : {}),
    });
  }
  return out;
}
