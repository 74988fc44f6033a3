/**
 * Prompt growth: a prompt file (prompts/, *.prompt, Jinja/Handlebars/Markdown prompt templates, text
 * a penny.yml feature lists) or a prompt in code grew or shrank. In code, a prompt is a long
 * multi-line string (template literal, triple-quoted or f-string) that reads as one, or a one-line
 * string on a line that builds a prompt: LangChain `ChatPromptTemplate.from_messages([("system",
 * "…")])` / `PromptTemplate.from_template("…")`, a message with a role (`{ role: "system", content:
 * "…" }`), `SystemMessage("…")`, or an assignment to a prompt-named variable (`SYSTEM_PROMPT = f"…"`,
 * `"…".format(…)`). Found here as text; counted in tokens by promptFindings with the model's
 * tokenizer, so a pull request without prompt changes never loads one.
 */
import type { FileKind } from '../files.ts';
import type { FindingOf } from '../finding.ts';
import type { Encoding, TokenCounter } from '../tokens.ts';
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

/** A prompt text with the tokenizer of the model it goes to. */
export interface Tokenized extends PromptText {
  encoding: Encoding;
  /** The model it was chosen for, when its vendor publishes no tokenizer (counted with `encoding` instead). */
  approximates?: string;
}

const MIN_TEMPLATE_CHARS = 200;
/** A one-line string shorter than this is a role, a key or a placeholder, not prompt text. */
const MIN_INLINE_CHARS = 16;
/** A line that builds a prompt: a prompt class or call, a message role, a prompt-named variable. */
const PROMPT_LINE =
  /ChatPromptTemplate|PromptTemplate|from_template|fromTemplate|from_messages|fromMessages|(System|Human|AI)Message(PromptTemplate)?\b|["'`](system|human|user|assistant|developer)["'`]\s*[,:)]|\b\w*(prompt|instruction)s?\w*\s*[:=]/i;
/** One-line string literals, with Python's f/r prefixes; the quotes and escapes kept out. */
const INLINE = /(?:\b[fFrR]{1,2})?("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`(?:[^`\\]|\\.)*`)/g;
const PROMPTISH = /prompt|system|instruction|template|messages?\b|content/i;
const DELIMS = ['"""', "'''", '`'];

interface Region {
  text: string;
  line: number;
}

/** Prompt text in one-line strings of a line that builds a prompt (or that reads as one). */
function inline(line: string): string[] {
  const out: string[] = [];
  const context = PROMPT_LINE.test(line);
  for (const m of line.matchAll(INLINE)) {
    const text = m[1]!.slice(1, -1);
    // Prompt text is words: a model id, a key or a path on a prompt line is not.
    if (text.length >= MIN_INLINE_CHARS && /\S\s+\S+\s+\S/.test(text) && (context || /\byou are\b/i.test(text))) out.push(text);
  }
  return out;
}

/** String literals of a side that read as prompts: multi-line ones named or written like one, and one-line ones in prompt-building lines. */
function templates(side: Side): Region[] {
  const out: Region[] = [];
  let open: { delim: string; start: number; opener: string; parts: string[] } | undefined;
  side.lines.forEach((line, i) => {
    // Outside a multi-line string, with no multi-line delimiter, a line's strings are all one-line.
    if (!open && !DELIMS.some((d) => d !== '`' && line.includes(d)) && !/`[^`]*$/.test(line.replace(/`[^`]*`/g, ''))) {
      for (const text of inline(line)) out.push({ text, line: side.lineNos[i]! });
      return;
    }
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
      const hits = DELIMS.map((d) => ({ d, at: rest.indexOf(d) }))
        .filter((h) => h.at >= 0)
        .sort((a, b) => a.at - b.at);
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
    const changed = after.find((r) => !before.some((x) => x.text === r.text)) ?? before.find((r) => !after.some((x) => x.text === r.text));
    out.push({ file: view.path, line: changed?.line ?? seg.after.lineNos[0] ?? 1, before: b, after: a, whole: view.complete, featureHint: featureTag([seg.after]) });
  }
  return out;
}

export function promptFindings(texts: Tokenized[], counters: ReadonlyMap<Encoding, TokenCounter>): FindingOf<'prompt'>[] {
  const out: FindingOf<'prompt'>[] = [];
  for (const t of texts) {
    const count = counters.get(t.encoding)!;
    const tokensBefore = count(t.before);
    const tokensAfter = count(t.after);
    if (tokensBefore === tokensAfter) continue;
    const label = (n: number, side: string) => (t.whole ? `${n.toLocaleString('en-US')} tokens` : `${side} text: ${n.toLocaleString('en-US')} tokens`);
    out.push({
      kind: 'prompt',
      file: t.file,
      line: t.line,
      before: label(tokensBefore, 'removed'),
      after: label(tokensAfter, 'added'),
      tokensBefore,
      tokensAfter,
      encoding: t.encoding,
      ...(t.approximates ? { approximates: t.approximates } : {}),
      ...(t.featureHint ? { featureHint: t.featureHint } : {}),
    });
  }
  return out;
}
