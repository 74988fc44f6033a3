/**
 * The price of one typical call under a given model, from the maintained price library through
 * src/prices/ (never a hand-written table): what the AI waste checks compare models and cache
 * rates with. A model the library does not know gives null, and the check makes no claim.
 */
import { priceCall } from '../../prices/price-call.ts';
import { resolveProviderId } from '../../prices/providers.ts';

export interface TypicalCall {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens?: number;
  cacheWriteTokens?: number;
}

export function callPrice(provider: string | null, model: string, call: TypicalCall, at: string): number | null {
  const r = priceCall({
    provider,
    model,
    timestamp: new Date(`${at}T00:00:00Z`),
    inputTokens: Math.round(call.inputTokens),
    outputTokens: Math.round(call.outputTokens),
    cacheReadTokens: Math.round(call.cacheReadTokens ?? 0),
    cacheWriteTokens: Math.round(call.cacheWriteTokens ?? 0),
  });
  return r.status === 'priced' ? Number(r.cost) : null;
}

/** The price library's provider id, so `openai` and `azure.ai.openai` are told apart and `gcp.gemini` = `gemini`. */
export const providerId = (name: string | null) => resolveProviderId(name) ?? null;
