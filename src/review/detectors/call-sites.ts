/**
 * New LLM call sites: added code that calls a model through a provider SDK, LangChain, LiteLLM or
 * the Vercel AI SDK, beyond the calls the same file lost (a moved call is not new). A new call has
 * no history, so it is estimated from penny.yml assumptions or shown as "no usage data".
 */
import type { FileKind } from '../files.ts';
import type { FindingOf } from '../finding.ts';
import type { ModelNames } from '../model-names.ts';
import type { FileView, Side } from '../view.ts';
import { featureTag } from './facts.ts';
import { modelsOnLine } from './models.ts';

const APIS: Array<[string, RegExp]> = [
  ['chat.completions.create', /\.chat\.completions\.(create|parse|stream)\s*\(/],
  ['responses.create', /\.responses\.(create|parse|stream)\s*\(/],
  ['completions.create', /(?<!chat)\.completions\.create\s*\(/],
  ['messages.create', /\.messages\.(create|stream)\s*\(/],
  ['embeddings.create', /\.embeddings\.create\s*\(/],
  ['generateContent', /\.generate_?[cC]ontent(_?[sS]tream)?(_async)?\s*\(/],
  ['litellm.completion', /\blitellm\.a?(completion|embedding)\s*\(|\bacompletion\s*\(/],
  [
    'LangChain chat model',
    /\b(new\s+)?(Chat(OpenAI|Anthropic|GoogleGenerativeAI|VertexAI|Bedrock\w*|Mistral\w*|Groq|Ollama|Cohere|Fireworks|TogetherAI)|AzureChatOpenAI|init_chat_model|initChatModel)\s*\(/,
  ],
  ['AI SDK', /\b(generateText|streamText|generateObject|streamObject|embedMany)\s*\(\s*\{/],
  ['Bedrock', /\.(converse(_stream)?|converseStream|invoke_model)\s*\(|new\s+(Converse|InvokeModel)(Stream)?Command\s*\(/],
];

function callsOn(side: Side): Array<{ api: string; index: number }> {
  const out: Array<{ api: string; index: number }> = [];
  side.lines.forEach((text, index) => {
    for (const [api, re] of APIS) if (re.test(text)) out.push({ api, index });
  });
  return out;
}

/** The model written within a few lines after the call (its arguments), else just before it. */
function modelNear(side: Side, index: number, names: ModelNames): { written: string; priced: string } | undefined {
  const order = [...Array(12).keys()].map((k) => index + k).concat([...Array(6).keys()].map((k) => index - k - 1));
  for (const i of order) {
    const text = side.lines[i];
    if (text === undefined) continue;
    const m = modelsOnLine(text, 0, names)[0];
    if (m) return { written: m.value, priced: m.priced };
  }
  return undefined;
}

export function detectCallSites(view: FileView, kind: FileKind, names: ModelNames): FindingOf<'call-site'>[] {
  if (kind !== 'code') return [];
  const lost = new Map<string, number>();
  for (const c of callsOn(view.removed)) lost.set(c.api, (lost.get(c.api) ?? 0) + 1);
  const out: FindingOf<'call-site'>[] = [];
  for (const c of callsOn(view.added)) {
    const n = lost.get(c.api) ?? 0;
    if (n > 0) {
      lost.set(c.api, n - 1);
      continue;
    }
    const model = modelNear(view.added, c.index, names);
    out.push({
      kind: 'call-site',
      file: view.path,
      line: view.added.lineNos[c.index]!,
      api: c.api,
      before: 'none',
      after: `${c.api}${model ? ` (${model.written})` : ''}`,
      ...(model ? { model: model.priced } : {}),
      featureHint: featureTag([view.added]),
    });
  }
  return out;
}
