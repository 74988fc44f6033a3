/**
 * Token counts of prompt text with a real tokenizer (js-tiktoken). OpenAI's o200k_base encodes the
 * GPT-4o, GPT-4.1, GPT-5 and o-series models (cl100k_base the older GPT-4 and GPT-3.5). Other
 * vendors publish no JS tokenizer, so reviews count prompts with o200k_base and say so.
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
