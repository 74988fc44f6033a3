/**
 * Test helper: runs priceCall over the genai-prices test corpus of real provider usage bodies.
 *
 * Each sample holds a provider usage body and, per (provider_id, api_flavor), the input and output
 * price genai-prices computed from it. Each body is converted to a CallUsage the way Penny's ingest
 * would (OTel semantics: input includes cache tokens, output includes reasoning), priced under an
 * OTel/LiteLLM provider name, and compared with input_price + output_price.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { calcPrice } from '@pydantic/genai-prices';
import { type CallUsage, priceCall } from '../../src/prices/price-call.ts';
import { resolveProviderId, splitProviderPrefix } from '../../src/prices/providers.ts';

const SAMPLES = path.resolve(import.meta.dirname, '../fixtures/llm-usage/genai-prices_tests_usages.json.gz');

// The corpus carries no call times. Its prices match the bundled data as of mid-2026 (later price
// changes, e.g. Azure gpt-5.6, and DeepSeek's UTC time-of-day rates rule out "now" and midnight).
export const AT = new Date('2026-06-01T12:00:00Z');

type Json = Record<string, unknown>;
interface Extractor {
  api_flavor: string;
  provider_id: string;
  input_price?: string;
  output_price?: string;
}
interface Sample {
  body: Json & { file: string };
  extracted: Array<{ extractors: Extractor[]; usage: Record<string, number> }>;
  model?: string;
}

const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const num = (v: unknown): number => (typeof v === 'number' ? v : 0);

/** Decimal string (plain or with exponent) → integer count of 1e-18 units, exact. */
export function atto(s: string): bigint {
  const m = /^(-?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(s.trim());
  if (!m) throw new Error(`not a decimal: ${s}`);
  const digits = `${m[2] ?? ''}${m[3] ?? ''}` || '0';
  const exp = Number(m[4] ?? 0) - (m[3] ?? '').length + 18;
  const v = exp >= 0 ? BigInt(digits) * 10n ** BigInt(exp) : BigInt(digits) / 10n ** BigInt(-exp);
  return m[1] === '-' ? -v : v;
}
const TOLERANCE = atto('1e-9');

/** Which (provider_id, api_flavor) expectations a converted body is checked against, and under
 *  which OTel / LiteLLM provider name it is priced (exercising the name mapping). */
interface Target {
  providerId: string;
  flavor: string;
  name: string;
}
interface Converted {
  usage: Omit<CallUsage, 'provider' | 'timestamp'>;
  kind: string;
  targets: Target[];
}

/** Modality token counts other than text cannot be expressed in CallUsage. */
function nonTextTokens(details: unknown): boolean {
  return Array.isArray(details) && details.some((d) => obj(d).modality !== 'TEXT' && num(obj(d).tokenCount) > 0);
}

function convert(s: Sample): Converted | string {
  const b = s.body;
  const u = obj(b.usage);
  const model = typeof b.model === 'string' ? b.model : s.model;
  if ('usageMetadata' in b) {
    // Gemini: promptTokenCount includes cached tokens; thoughts are NOT in candidatesTokenCount.
    const g = obj(b.usageMetadata);
    const mv = typeof b.modelVersion === 'string' ? b.modelVersion : undefined;
    if (!mv) return 'gemini body without modelVersion';
    if (['promptTokensDetails', 'candidatesTokensDetails', 'cacheTokensDetails', 'toolUsePromptTokensDetails'].some((k) => nonTextTokens(g[k]))) return 'non-text modality tokens';
    const thoughts = num(g.thoughtsTokenCount);
    return {
      kind: 'gemini',
      usage: {
        model: mv,
        inputTokens: num(g.promptTokenCount) + num(g.toolUsePromptTokenCount),
        outputTokens: num(g.candidatesTokenCount) + thoughts,
        cacheReadTokens: num(g.cachedContentTokenCount),
        reasoningTokens: thoughts,
      },
      targets: [{ providerId: 'google', flavor: 'default', name: 'gcp.gemini' }],
    };
  }
  if (!model) return 'no model id in body (Bedrock Converse puts it in the URL)';
  if ('cache_creation_input_tokens' in u || 'cache_read_input_tokens' in u) {
    // Anthropic: input_tokens EXCLUDES cache reads and writes, so add them back.
    if (num(obj(u.cache_creation).ephemeral_1h_input_tokens) > 0) return '1-hour cache writes';
    const read = num(u.cache_read_input_tokens);
    const write = num(u.cache_creation_input_tokens);
    return {
      kind: 'anthropic',
      usage: { model, inputTokens: num(u.input_tokens) + read + write, outputTokens: num(u.output_tokens), cacheReadTokens: read, cacheWriteTokens: write },
      targets: [
        { providerId: 'anthropic', flavor: 'default', name: 'anthropic' },
        { providerId: 'aws', flavor: 'anthropic', name: 'aws.bedrock' },
        { providerId: 'google', flavor: 'anthropic', name: 'gcp.vertex_ai' },
        { providerId: 'azure', flavor: 'anthropic', name: 'azure.ai.inference' },
      ],
    };
  }
  if ('input_tokens_details' in u || 'output_tokens_details' in u) {
    // OpenAI Responses: input_tokens includes cached_tokens, output_tokens includes reasoning.
    const inD = obj(u.input_tokens_details);
    return {
      kind: 'openai-responses',
      usage: {
        model,
        inputTokens: num(u.input_tokens),
        outputTokens: num(u.output_tokens),
        cacheReadTokens: num(inD.cached_tokens),
        cacheWriteTokens: num(inD.cache_write_tokens),
        reasoningTokens: num(obj(u.output_tokens_details).reasoning_tokens),
      },
      targets: [
        { providerId: 'openai', flavor: 'responses', name: 'openai' },
        { providerId: 'azure', flavor: 'responses', name: 'az.ai.openai' },
      ],
    };
  }
  if ('prompt_tokens' in u && 'completion_tokens' in u) {
    // OpenAI-compatible chat: prompt_tokens includes cached_tokens.
    const pD = obj(u.prompt_tokens_details);
    const cD = obj(u.completion_tokens_details);
    if (num(pD.audio_tokens) > 0 || num(cD.audio_tokens) > 0) return 'audio tokens';
    return {
      kind: 'openai-chat',
      usage: {
        model,
        inputTokens: num(u.prompt_tokens),
        outputTokens: num(u.completion_tokens),
        cacheReadTokens: num(pD.cached_tokens),
        cacheWriteTokens: num(pD.cache_write_tokens),
        reasoningTokens: num(cD.reasoning_tokens),
      },
      targets: [
        { providerId: 'openai', flavor: 'chat', name: 'openai' },
        { providerId: 'azure', flavor: 'chat', name: 'azure' },
        { providerId: 'deepseek', flavor: 'chat', name: 'deepseek' },
        { providerId: 'groq', flavor: 'default', name: 'groq' },
        { providerId: 'mistral', flavor: 'default', name: 'mistral_ai' },
        { providerId: 'openrouter', flavor: 'chat', name: 'openrouter' },
      ],
    };
  }
  return 'usage shape not converted (Bedrock Converse, Cohere, embeddings, …)';
}

export interface Check {
  sample: number;
  cacheRead: boolean;
  cacheWrite: boolean;
  file: string;
  kind: string;
  target: string;
  providerId: string;
  model: string;
  want: bigint;
  got: string;
  /** The usage genai-prices extracted from the body for this expectation. */
  extractedUsage: Record<string, number>;
  /** OpenAI's expectation for the same body and flavor, if any. */
  openaiWant?: bigint;
}

const near = (a: bigint, b: bigint) => (a > b ? a - b : b - a) <= TOLERANCE;
const priced = (c: Check) => /^\d/.test(c.got);

/**
 * Why a mismatch is not Penny's conversion: the corpus was generated with an older genai-prices.
 * - 'price data': the installed library, given the corpus's OWN extracted usage, also disagrees with
 *   the corpus and agrees with priceCall — the bundled prices changed.
 * - 'azure cache writes': the corpus's Azure extractor ignored `cache_write_tokens`; the installed
 *   one prices them, and priceCall then equals the corpus's OpenAI price for the same body.
 */
export function explain(c: Check): string | undefined {
  if (!priced(c)) return undefined;
  const got = atto(c.got);
  const lib = calcPrice(c.extractedUsage, c.model, { providerId: c.providerId, timestamp: AT });
  if (lib && near(atto(String(lib.input_price + lib.output_price)), got) && !near(got, c.want)) return 'price data';
  if (c.providerId === 'azure' && c.openaiWant !== undefined && near(c.openaiWant, got)) return 'azure cache writes';
  return undefined;
}

/**
 * A corpus "no price" that priceCall may still price: the installed genai-prices prices that exact
 * (provider, model) itself (newer data, e.g. Azure's DeepSeek fallback), or the model carries a
 * LiteLLM vendor prefix naming the same provider (`openai` + `openai/gpt-5-mini`), which priceCall
 * strips on purpose. Anything else would be priceCall guessing.
 */
function pricedByDesign(t: Target, model: string): boolean {
  if (calcPrice({ input_tokens: 1, output_tokens: 1 }, model, { providerId: t.providerId, timestamp: AT })) return true;
  return splitProviderPrefix(model)?.providerId === resolveProviderId(t.name);
}

export function runCorpus() {
  const samples = JSON.parse(zlib.gunzipSync(fs.readFileSync(SAMPLES)).toString('utf8')) as Sample[];
  const checks: Check[] = [];
  const skipped = new Map<string, number>();
  let expectedUnpriced = 0;
  const pricedAnyway: string[] = [];
  for (const [i, s] of samples.entries()) {
    const c = convert(s);
    if (typeof c === 'string') {
      skipped.set(c, (skipped.get(c) ?? 0) + 1);
      continue;
    }
    const find = (id: string, flavor: string) => {
      for (const e of s.extracted) {
        const ex = e.extractors.find((x) => x.provider_id === id && x.api_flavor === flavor);
        if (ex) return { ex, usage: e.usage };
      }
      return undefined;
    };
    for (const t of c.targets) {
      const hit = find(t.providerId, t.flavor);
      if (!hit) continue;
      const ex = hit.ex;
      const r = priceCall({ ...c.usage, provider: t.name, timestamp: AT });
      if (ex.input_price === undefined || ex.output_price === undefined) {
        // genai-prices has no price for this model at this provider: neither may priceCall.
        expectedUnpriced++;
        if (r.status === 'priced' && !pricedByDesign(t, c.usage.model)) {
          pricedAnyway.push(`${t.name} ${c.usage.model} → ${r.provider}/${r.model} ${s.body.file}`);
        }
        continue;
      }
      const oa = find('openai', t.flavor)?.ex;
      checks.push({
        sample: i,
        cacheRead: (c.usage.cacheReadTokens ?? 0) > 0,
        cacheWrite: (c.usage.cacheWriteTokens ?? 0) > 0,
        file: s.body.file,
        kind: c.kind,
        target: `${t.name}→${t.providerId}/${t.flavor}`,
        providerId: t.providerId,
        model: c.usage.model,
        want: atto(ex.input_price) + atto(ex.output_price),
        got: r.status === 'priced' ? r.cost : `unpriced: ${r.reason}`,
        extractedUsage: hit.usage,
        openaiWant: oa?.input_price && oa.output_price ? atto(oa.input_price) + atto(oa.output_price) : undefined,
      });
    }
  }
  const ok = (c: Check) => priced(c) && near(atto(c.got), c.want);
  return { samples: samples.length, checks, passed: checks.filter(ok), failed: checks.filter((c) => !ok(c)), skipped, expectedUnpriced, pricedAnyway };
}
