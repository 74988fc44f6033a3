/**
 * LLM prices for estimates, at the rates in force on the review date, through Penny's one pricing
 * path (src/prices, backed by @pydantic/genai-prices). A model id in a diff is recognised by the
 * price library knowing it, so new models count as soon as the library lists them.
 */
import { calcPrice } from '@pydantic/genai-prices';
import { priceCall } from '../prices/price-call.ts';
import { splitProviderPrefix } from '../prices/providers.ts';

/** One call's average token use. */
export interface CallShape {
  inputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  outputTokens: number;
}

export interface KnownModel {
  provider: string;
  modelId: string;
}

const known = new Map<string, KnownModel | null>();

/** The provider and model the price library resolves a written model id to, or undefined. */
export function recogniseModel(written: string): KnownModel | undefined {
  let hit = known.get(written);
  if (hit === undefined) {
    const r = priceCall({ model: written, provider: null, timestamp: new Date(), inputTokens: 0, outputTokens: 0 });
    hit = r.status === 'priced' ? { provider: r.provider, modelId: r.model } : null;
    known.set(written, hit);
  }
  return hit ?? undefined;
}

/** USD for one call of this shape, or undefined when the model is not priced. */
export function callCost(model: string, provider: string | null, shape: CallShape, at: Date): number | undefined {
  const round = (n: number) => Math.max(0, Math.round(n));
  const r = priceCall({
    model,
    provider,
    timestamp: at,
    inputTokens: round(shape.inputTokens),
    outputTokens: round(shape.outputTokens),
    cacheReadTokens: round(shape.cacheReadTokens),
    cacheWriteTokens: round(shape.cacheWriteTokens),
  });
  return r.status === 'priced' ? Number(r.cost) : undefined;
}

/** The model's context window from the price library, the bound of output without a limit. */
export function contextWindow(model: string): number | undefined {
  const prefixed = splitProviderPrefix(model);
  try {
    const zero = { input_tokens: 0, output_tokens: 0 };
    return (prefixed ? calcPrice(zero, prefixed.model, { providerId: prefixed.providerId }) : calcPrice(zero, model))?.model.context_window;
  } catch {
    return undefined;
  }
}
