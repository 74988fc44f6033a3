/**
 * Provider names → `@pydantic/genai-prices` provider ids.
 *
 * LLM usage reaches Penny under several naming schemes for the same vendor:
 * - OpenTelemetry GenAI `gen_ai.provider.name` (and the older `gen_ai.system`):
 *   `aws.bedrock`, `azure.ai.openai` / `az.ai.openai`, `gcp.vertex_ai`, `mistral_ai`, `x_ai`, …
 * - LiteLLM `custom_llm_provider`: `bedrock`, `vertex_ai`, `gemini`, `azure_ai`, `together_ai`, …
 * - genai-prices' own ids: `aws`, `google`, `azure`, `x-ai`, `mistral`, …
 *
 * `resolveProviderId` maps any of these to a genai-prices provider id. The explicit alias table
 * wins; after it we ask the library itself (its ids and `provider_match` rules are maintained with
 * the price data). A name neither knows resolves to `null`, and the caller reports the call as
 * unpriced rather than guessing a vendor.
 */
import { findProvider } from '@pydantic/genai-prices';

/**
 * Names whose vendor differs from what the library's fuzzy `provider_match` would pick, or which it
 * does not know. Keys are lower-case. A `null` value means "known, but has no single price list"
 * (e.g. the Hugging Face router, which bills per upstream provider).
 */
const ALIASES: Readonly<Record<string, string | null>> = {
  // --- OpenTelemetry gen_ai.provider.name / gen_ai.system ---
  'aws.bedrock': 'aws',
  // Azure OpenAI is billed by Azure; genai-prices' `azure` falls back to OpenAI's models.
  // (The library's own rule `contains: openai` would wrongly send these to `openai`.)
  'azure.ai.openai': 'azure',
  'az.ai.openai': 'azure',
  'azure.ai.inference': 'azure',
  'az.ai.inference': 'azure',
  'gcp.gemini': 'google',
  'gcp.vertex_ai': 'google',
  'gcp.gen_ai': 'google',
  mistral_ai: 'mistral',
  x_ai: 'x-ai',
  xai: 'x-ai',
  'ibm.watsonx.ai': null,
  // --- LiteLLM custom_llm_provider ---
  bedrock: 'aws',
  bedrock_converse: 'aws',
  vertex_ai: 'google',
  vertex_ai_beta: 'google',
  gemini: 'google',
  azure: 'azure',
  azure_ai: 'azure',
  azure_text: 'azure',
  azure_openai: 'azure',
  'text-completion-openai': 'openai',
  codestral: 'mistral',
  cohere_chat: 'cohere',
  together_ai: 'together',
  fireworks_ai: 'fireworks',
  moonshot: 'moonshotai',
  huggingface: null,
};

const resolved = new Map<string, string | null>();

/** Normalise a provider name for lookups: trimmed and lower-case. */
function norm(name: string): string {
  return name.trim().toLowerCase();
}

/**
 * Map a provider name (OTel, LiteLLM or genai-prices id) to a genai-prices provider id.
 * Returns `undefined` when no name was given (the model name alone decides), `null` when the name
 * is not a provider genai-prices prices.
 */
export function resolveProviderId(name: string | null | undefined): string | null | undefined {
  if (name == null) return undefined;
  const key = norm(name);
  if (key === '' || key === 'litellm') return undefined; // LiteLLM proxy: vendor is in the model prefix
  const hit = resolved.get(key);
  if (hit !== undefined) return hit;
  let id: string | null;
  if (Object.hasOwn(ALIASES, key)) {
    id = ALIASES[key] ?? null;
  } else {
    id = findProvider({ providerId: key })?.id ?? null;
  }
  resolved.set(key, id);
  return id;
}

/**
 * Split a LiteLLM-style `vendor/model` id (`openai/gpt-4o`, `bedrock/anthropic.claude-…`,
 * `vertex_ai/gemini-2.0-flash`) into its genai-prices provider id and the bare model.
 * Returns `undefined` when the prefix is not a known provider name — then the slash is part of
 * the model id itself (OpenRouter's `openai/gpt-4o`, Fireworks' `accounts/fireworks/…`).
 */
export function splitProviderPrefix(model: string): { providerId: string; model: string } | undefined {
  const slash = model.indexOf('/');
  if (slash <= 0 || slash === model.length - 1) return undefined;
  const providerId = resolveProviderId(model.slice(0, slash));
  if (!providerId) return undefined;
  return { providerId, model: model.slice(slash + 1) };
}
