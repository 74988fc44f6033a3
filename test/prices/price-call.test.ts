/**
 * priceCall: against the genai-prices corpus of real usage bodies (see usage-corpus.ts), and its
 * contract — unknown names, provider mapping, price history, token conventions, the fast path.
 */
import { calcPrice } from '@pydantic/genai-prices';
import { describe, expect, it } from 'vitest';
import { type CallUsage, priceCall } from '../../src/prices/price-call.ts';
import { resolveProviderId, splitProviderPrefix } from '../../src/prices/providers.ts';
import { AT, type Check, explain, runCorpus } from './usage-corpus.ts';

describe('priceCall on the genai-prices usage corpus', () => {
  const res = runCorpus();
  const byKind = (list: Check[]) => Object.fromEntries([...new Set(res.checks.map((c) => c.kind))].map((k) => [k, list.filter((c) => c.kind === k).length]));

  it('matches input_price + output_price for hundreds of real bodies', () => {
    console.log(
      `[prices] samples=${res.samples} checked=${res.checks.length} passed=${res.passed.length} failed=${res.failed.length} ` +
        `expected-unpriced(not checked)=${res.expectedUnpriced}\n  checked by kind ${JSON.stringify(byKind(res.checks))}` +
        `\n  passed by kind ${JSON.stringify(byKind(res.passed))}\n  skipped bodies ${JSON.stringify(Object.fromEntries(res.skipped))}`,
    );
    const unexplained: string[] = [];
    for (const f of res.failed) {
      const why = explain(f);
      console.log(`[prices] mismatch (${why ?? 'UNEXPLAINED'}) ${f.target} ${f.model} want=${Number(f.want) / 1e18} got=${f.got} (${f.file})`);
      if (!why) unexplained.push(`${f.target} ${f.model} want=${Number(f.want) / 1e18} got=${f.got} ${f.file}`);
    }
    expect(res.checks.length).toBeGreaterThanOrEqual(1000);
    expect(res.failed.length).toBeLessThanOrEqual(10); // version drift is a handful, never a pattern
    expect(unexplained).toEqual([]);
  });

  it('prices nothing the library has no price for (never guesses)', () => {
    expect(res.expectedUnpriced).toBeGreaterThan(100);
    expect(res.pricedAnyway).toEqual([]);
  });

  it('covers cache reads and cache writes for Anthropic and OpenAI bodies', () => {
    const bodies = (f: (c: Check) => boolean) => new Set(res.passed.filter(f).map((c) => c.sample)).size;
    const counts = {
      bodies: bodies(() => true),
      anthropicCacheRead: bodies((c) => c.kind === 'anthropic' && c.cacheRead),
      anthropicCacheWrite: bodies((c) => c.kind === 'anthropic' && c.cacheWrite),
      openaiCacheRead: bodies((c) => c.kind.startsWith('openai') && c.cacheRead),
      openaiCacheWrite: bodies((c) => c.kind.startsWith('openai') && c.cacheWrite),
      geminiCacheRead: bodies((c) => c.kind === 'gemini' && c.cacheRead),
    };
    console.log(`[prices] distinct bodies passing ${JSON.stringify(counts)}`);
    expect(counts.bodies).toBeGreaterThanOrEqual(500);
    for (const [k, n] of Object.entries(counts)) expect(n, k).toBeGreaterThan(0);
  });
});

describe('priceCall', () => {
  const base = { timestamp: AT, inputTokens: 2743, outputTokens: 4 };
  const lib = (u: CallUsage, providerId: string, model = u.model) =>
    calcPrice(
      {
        input_tokens: u.inputTokens,
        output_tokens: u.outputTokens,
        cache_read_tokens: u.cacheReadTokens,
        cache_write_tokens: u.cacheWriteTokens,
        output_reasoning_tokens: u.reasoningTokens,
      },
      model,
      { providerId, timestamp: u.timestamp },
    );

  it('returns the cost as a fixed-scale decimal string', () => {
    const r = priceCall({ ...base, provider: 'anthropic', model: 'claude-sonnet-4-5-20250929' });
    expect(r).toEqual({ status: 'priced', cost: '0.0082890000', currency: 'USD', provider: 'anthropic', model: 'claude-sonnet-4-5' });
  });

  it('reports unknown models and providers as unpriced, never throwing or guessing', () => {
    const unknown = priceCall({ ...base, provider: 'openai', model: 'no-such-model-xyz' });
    expect(unknown.status).toBe('unpriced');
    expect(unknown.status === 'unpriced' && unknown.reason).toMatch(/no-such-model-xyz/);
    expect(priceCall({ ...base, model: 'no-such-model-xyz' }).status).toBe('unpriced');
    // A known model at an unknown (e.g. self-hosted) provider is not priced as OpenAI's.
    expect(priceCall({ ...base, provider: 'ollama', model: 'gpt-4o' }).status).toBe('unpriced');
    expect(priceCall({ ...base, provider: 'huggingface', model: 'gpt-4o' }).status).toBe('unpriced');
    // An OpenAI model asked of Anthropic is not silently priced elsewhere.
    expect(priceCall({ ...base, provider: 'anthropic', model: 'gpt-4o' }).status).toBe('unpriced');
    expect(priceCall({ ...base, model: '' }).status).toBe('unpriced');
    expect(priceCall({ ...base, model: 'gpt-4o', timestamp: new Date('nope') }).status).toBe('unpriced');
    expect(priceCall({ ...base, model: 'gpt-4o', inputTokens: -1 }).status).toBe('unpriced');
    expect(priceCall({ ...base, model: 'gpt-4o', outputTokens: Number.NaN }).status).toBe('unpriced');
  });

  it('maps OpenTelemetry and LiteLLM provider names to genai-prices ids', () => {
    const expected: Record<string, string | null | undefined> = {
      openai: 'openai',
      anthropic: 'anthropic',
      'aws.bedrock': 'aws',
      aws: 'aws',
      'az.ai.openai': 'azure',
      'azure.ai.openai': 'azure',
      'azure.ai.inference': 'azure',
      'gcp.gemini': 'google',
      'gcp.vertex_ai': 'google',
      'gcp.gen_ai': 'google',
      google: 'google',
      mistral_ai: 'mistral',
      groq: 'groq',
      deepseek: 'deepseek',
      x_ai: 'x-ai',
      xai: 'x-ai',
      perplexity: 'perplexity',
      cohere: 'cohere',
      // LiteLLM custom_llm_provider
      azure: 'azure',
      azure_ai: 'azure',
      bedrock: 'aws',
      vertex_ai: 'google',
      gemini: 'google',
      together_ai: 'together',
      fireworks_ai: 'fireworks',
      openrouter: 'openrouter',
      ' OpenAI ': 'openai',
      // no price list / unknown / absent
      huggingface: null,
      'ibm.watsonx.ai': null,
      ollama: null,
      'my-gateway': null,
      litellm: undefined,
      '': undefined,
    };
    for (const [name, id] of Object.entries(expected)) expect(resolveProviderId(name), name).toBe(id);
    expect(resolveProviderId(undefined)).toBeUndefined();
    expect(resolveProviderId(null)).toBeUndefined();
    expect(splitProviderPrefix('vertex_ai/gemini-2.0-flash')).toEqual({ providerId: 'google', model: 'gemini-2.0-flash' });
    expect(splitProviderPrefix('meta-llama/Llama-3.3-70B')).toBeUndefined();
  });

  it('prices through the mapped provider', () => {
    const cases: Array<[string | undefined, string, string]> = [
      ['az.ai.openai', 'gpt-4o', 'azure'],
      ['aws.bedrock', 'us.anthropic.claude-3-5-sonnet-20241022-v2:0', 'aws'],
      ['gcp.vertex_ai', 'gemini-2.0-flash-001', 'google'],
      ['gcp.vertex_ai', 'claude-sonnet-4-5@20250929', 'google'],
      ['vertex_ai', 'vertex_ai/gemini-2.0-flash', 'google'], // LiteLLM prefix stripped
      ['openai', 'openai/gpt-4o', 'openai'],
      [undefined, 'openai/gpt-4o', 'openai'],
      ['litellm', 'anthropic/claude-sonnet-4-5', 'anthropic'],
      ['openrouter', 'openai/gpt-4o', 'openrouter'], // slash belongs to OpenRouter's id
      [undefined, 'gpt-4o-mini', 'openai'], // no provider: the library's model rules decide
    ];
    for (const [provider, model, want] of cases) {
      const r = priceCall({ ...base, provider, model });
      expect(r.status === 'priced' ? r.provider : r.reason, `${provider} ${model}`).toBe(want);
    }
  });

  it('uses the prices in force at the call timestamp', () => {
    // Mistral raised ministral-8b-latest on 2025-12-02 (a start_date in the library's history).
    const u = { provider: 'mistral_ai', model: 'ministral-8b-latest', inputTokens: 1_000_000, outputTokens: 0 };
    const before = priceCall({ ...u, timestamp: new Date('2025-12-01T23:59:59Z') });
    const after = priceCall({ ...u, timestamp: new Date('2025-12-02T00:00:00Z') });
    expect(before.status === 'priced' && before.cost).toBe('0.1000000000');
    expect(after.status === 'priced' && after.cost).toBe('0.1500000000');
    // DeepSeek's UTC time-of-day rates (priced by calcPrice on every call).
    const ds = { provider: 'deepseek', model: 'deepseek-v4-pro', inputTokens: 1_000_000, outputTokens: 0 };
    const peak = priceCall({ ...ds, timestamp: new Date('2026-09-01T02:00:00Z') });
    const offPeak = priceCall({ ...ds, timestamp: new Date('2026-09-01T12:00:00Z') });
    expect(peak.status === 'priced' && offPeak.status === 'priced' && peak.cost !== offPeak.cost).toBe(true);
  });

  it('accepts Anthropic-style counts (input without cache) when the cache parts exceed input', () => {
    const inclusive = priceCall({
      provider: 'anthropic',
      model: 'claude-haiku-4-5-20251001',
      timestamp: AT,
      inputTokens: 3 + 9511 + 1956,
      outputTokens: 44,
      cacheReadTokens: 9511,
      cacheWriteTokens: 1956,
    });
    const raw = priceCall({
      provider: 'anthropic',
      model: 'claude-haiku-4-5-20251001',
      timestamp: AT,
      inputTokens: 3,
      outputTokens: 44,
      cacheReadTokens: 9511,
      cacheWriteTokens: 1956,
    });
    expect(inclusive.status === 'priced' && inclusive.cost).toBe('0.0036191000'); // corpus: 0.0033991 + 0.00022
    expect(raw).toEqual(inclusive);
    // Gemini-style reasoning on top of output: reasoning > output is added, not subtracted.
    const g = { provider: 'gcp.gemini', model: 'gemini-2.5-flash', timestamp: AT, inputTokens: 100 };
    expect(priceCall({ ...g, outputTokens: 10, reasoningTokens: 300 })).toEqual(priceCall({ ...g, outputTokens: 310, reasoningTokens: 300 }));
  });

  it('agrees with calcPrice on random usage, across tiers and price history', () => {
    const models: Array<[string, string, string]> = [
      ['openai', 'openai', 'gpt-4o'],
      ['anthropic', 'anthropic', 'claude-sonnet-4-5-20250929'], // >200k input tier
      ['gcp.gemini', 'google', 'gemini-2.5-pro'], // >200k input tier
      ['mistral_ai', 'mistral', 'ministral-8b-latest'], // start-date history
      ['deepseek', 'deepseek', 'deepseek-v4-pro'], // time-of-day
      ['aws.bedrock', 'aws', 'us.anthropic.claude-3-5-sonnet-20241022-v2:0'],
    ];
    let seed = 42;
    const rnd = (n: number) => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) % n;
    for (let i = 0; i < 3000; i++) {
      const [name, id, model] = models[i % models.length]!;
      const input = rnd(400_000);
      const output = rnd(20_000);
      const u: CallUsage = {
        provider: name,
        model,
        inputTokens: input,
        outputTokens: output,
        cacheReadTokens: rnd(input + 1),
        reasoningTokens: rnd(output + 1),
        timestamp: new Date(Date.UTC(2025, 0, 1) + rnd(600) * 86_400_000 + rnd(86_400_000)),
      };
      u.cacheWriteTokens = rnd(input - u.cacheReadTokens! + 1);
      const r = priceCall(u);
      const want = lib(u, id, model.replace(/^us\./, ''));
      expect(r.status, `${model} ${JSON.stringify(u)}`).toBe('priced');
      if (r.status !== 'priced' || !want) throw new Error('unreachable');
      expect(Math.abs(Number(r.cost) - want.total_price), `${model} ${JSON.stringify(u)}`).toBeLessThan(1e-9);
    }
  });
});
