/**
 * Token counts of prompt text with a real tokenizer (js-tiktoken). OpenAI's o200k_base encodes the
 * GPT-4o, GPT-4.1, GPT-5 and o-series models (cl100k_base the older GPT-4 and GPT-3.5); a prompt
 * is counted with its model's. Other vendors publish no JS tokenizer, so their prompts are counted
 * with o200k_base and the review says so.
 * Building an encoder takes about a second, so it is loaded on first use only: a pull request
 * without prompt changes never pays for it.
 */
import type { Tiktoken } from 'js-tiktoken/lite';

export type Encoding = 'o200k_base' | 'cl100k_base';

export type TokenCounter = (text: string) => number;

const encoders = new Map<Encoding, Promise<Tiktoken>>();

async function build(encoding: Encoding): Promise<Tiktoken> {
  const { Tiktoken } = await import('js-tiktoken/lite');
  const ranks = encoding === 'o200k_base' ? await import('js-tiktoken/ranks/o200k_base') : await import('js-tiktoken/ranks/cl100k_base');
  return new Tiktoken(ranks.default);
}

/**
 * The encoding of a model's tokenizer: cl100k_base for GPT-4 (not 4o), GPT-3.5 and the ada/3
 * embeddings; o200k_base for the newer OpenAI models and, approximately, for every other vendor's
 * (`approximates` names the model then). No model known: o200k_base.
 */
export function encodingFor(model: string | undefined): { encoding: Encoding; approximates?: string } {
  const id = (model ?? '').toLowerCase().replace(/^(openai|azure)[:/]/, '');
  if (/^(gpt-4(?!o|\.\d)|gpt-3\.5|text-embedding-(3|ada))/.test(id)) return { encoding: 'cl100k_base' };
  if (!id || /^(gpt-4o|gpt-4\.\d|gpt-5|o\d|chatgpt-4o|gpt-oss)/.test(id)) return { encoding: 'o200k_base' };
  return { encoding: 'o200k_base', approximates: model! };
}

/** A counter for one encoding; special-token text in a prompt is counted as ordinary text. */
export async function tokenCounter(encoding: Encoding): Promise<TokenCounter> {
  let enc = encoders.get(encoding);
  if (!enc) {
    enc = build(encoding);
    encoders.set(encoding, enc);
  }
  const e = await enc;
  return (text) => (text === '' ? 0 : e.encode(text, [], []).length);
}
