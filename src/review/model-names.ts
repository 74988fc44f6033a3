/**
 * Model ids as code writes them, turned into ids the price library prices:
 * - as written (`gpt-4o`, LiteLLM's `openai/gpt-4o`, `bedrock/anthropic.claude-…`);
 * - a provider before a colon, as LangChain's `init_chat_model` and pydantic-ai write them
 *   (`openai:gpt-4.1`, `anthropic:claude-sonnet-4-5`, `google-gla:gemini-2.0-flash`);
 * - Bedrock model and inference-profile ids (`anthropic.claude-3-5-sonnet-20240620-v1:0`,
 *   cross-region `us.anthropic.claude-…`, `global.…`), priced as Bedrock;
 * - names penny.yml maps (`deployments:` an Azure OpenAI deployment or a proxy alias → its model).
 * The result is the written id, or a `provider/model` form of it, so the rest of the review
 * prices it like any other id.
 */
import { recogniseModel } from './llm-prices.ts';

export interface ModelNames {
  /** The id to price a written model name by, or undefined when it names no known model. */
  resolve(written: string): string | undefined;
  /** True for a name penny.yml maps: it counts as a model whatever it looks like. */
  isMapped(written: string): boolean;
  /** penny.yml maps some names (which may look like any word). */
  mapsAny: boolean;
}

const COLON_PREFIX = /^([a-z][a-z0-9_-]*):([^:/\s][^\s]*)$/i;
/** `[region.]vendor.model[:n]`: Bedrock's model ids and its (cross-region) inference profiles. */
const BEDROCK = /^(?:[a-z]{2,6}(?:-gov)?\.)?(?:anthropic|amazon|meta|mistral|cohere|ai21|deepseek|openai|qwen|writer)\.[a-z0-9][\w.-]*(?::\d+)?$/i;

const canonical = new Map<string, string | null>();

/** The priceable form of a written id, without penny.yml's names. */
export function priceableId(written: string): string | undefined {
  let hit = canonical.get(written);
  if (hit === undefined) {
    const colon = COLON_PREFIX.exec(written);
    const candidates = [written, ...(colon ? [`${colon[1]}/${colon[2]}`] : []), ...(BEDROCK.test(written) ? [`bedrock/${written}`] : [])];
    hit = candidates.find((c) => recogniseModel(c) !== undefined) ?? null;
    canonical.set(written, hit);
  }
  return hit ?? undefined;
}

export function modelNames(deployments: Readonly<Record<string, string>> = {}): ModelNames {
  const mapped = new Map(Object.entries(deployments).map(([name, model]) => [name.toLowerCase(), model]));
  return {
    resolve(written) {
      const target = mapped.get(written.toLowerCase());
      return priceableId(target ?? written);
    },
    isMapped: (written) => mapped.has(written.toLowerCase()),
    mapsAny: mapped.size > 0,
  };
}

/** Only the names the price library knows, for reviews without penny.yml. */
export const PLAIN_NAMES = modelNames();
