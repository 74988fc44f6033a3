/**
 * Price one LLM call from its token usage, with the maintained price data of
 * `@pydantic/genai-prices` (never a hand-written table).
 *
 * Token semantics (`CallUsage`) follow OpenTelemetry GenAI:
 * - `inputTokens` is ALL input tokens, cached ones included (`gen_ai.usage.input_tokens`; this is
 *   what OpenAI reports as `prompt_tokens` / `input_tokens`). `cacheReadTokens` and
 *   `cacheWriteTokens` are parts of that total, priced at their own rates.
 *   Anthropic's API reports `input_tokens` WITHOUT cache tokens, so an Anthropic body converts as
 *   `inputTokens = input_tokens + cache_read_input_tokens + cache_creation_input_tokens`.
 *   Defensive rule: if the cache parts exceed `inputTokens`, the caller can only have used the
 *   Anthropic (exclusive) convention, so the cache parts are added to it. When they do not exceed
 *   it the two conventions cannot be told apart and the total convention is assumed.
 * - `outputTokens` is ALL output tokens, reasoning included (as OpenAI and Anthropic report them).
 *   Gemini's `candidatesTokenCount` and xAI's `completion_tokens` exclude reasoning, so those convert
 *   as `outputTokens = candidates + thoughts`. Same defensive rule: reasoning > output ⇒ added.
 * - Cache writes are priced at the default (5-minute) cache-write rate; Anthropic's 1-hour cache
 *   writes cost more and are not distinguished here.
 *
 * Speed (millions of records): matching a (provider, model) pair scans the whole catalogue, so the
 * match is memoised. `calcPrice` itself manages ~50k calls/s, and cost is linear in the token
 * counts for a fixed price list and input-size tier. So the library is probed once per (model,
 * UTC day, tier band) to read off its coefficients, checked against one more library call, and
 * each call is then priced in exact BigInt decimal arithmetic (~1M calls/s). Time-of-day prices,
 * fractional token counts and any model whose probe disagrees go through `calcPrice` every call.
 */
import { calcPrice, type ModelInfo, type Provider, type Usage } from '@pydantic/genai-prices';
import { resolveProviderId, splitProviderPrefix } from './providers.ts';
import { DAY_MS } from '../schema/days.ts';

export interface CallUsage {
  /** OTel `gen_ai.provider.name` / `gen_ai.system`, LiteLLM `custom_llm_provider`, or a genai-prices id. */
  provider?: string | null;
  /** Request or response model id. */
  model: string;
  /** Prices in force at this instant are used (price history, time-of-day discounts). */
  timestamp: Date;
  /** All input tokens, cached ones included (see the module comment for Anthropic). */
  inputTokens: number;
  /** All output tokens, reasoning included. */
  outputTokens: number;
  cacheReadTokens?: number;
  cacheWriteTokens?: number;
  reasoningTokens?: number;
}

export type PriceResult = { status: 'priced'; cost: string; currency: 'USD'; provider: string; model: string } | { status: 'unpriced'; reason: string };

/** Decimal places of `cost`: 1e-10 USD is far below any billable amount. */
export const COST_SCALE = 10;

/** Reconciled counts in the order input, output, cache read, cache write, reasoning. */
type Counts = [number, number, number, number, number];

/** cost = base + Σ rate·count; rates in USD per token ×1e18, base in USD ×1e18. */
interface Linear {
  base: bigint;
  rates: bigint[];
}

interface Matched {
  ok: true;
  /** One-model copy of the matched provider, so `calcPrice` skips the catalogue scan. */
  provider: Provider;
  /** The model string the one-model provider matches. */
  model: string;
  providerId: string;
  modelId: string;
  /** 'flat': one price list; 'dated': start-date history; 'library': always call calcPrice. */
  mode: 'flat' | 'dated' | 'library';
  /** Sorted input-token thresholds of tiered prices (all periods): bands are linear pieces. */
  tierStarts: number[];
  /** Linear form per (UTC day, band); null = probe failed, use calcPrice. */
  linear: Map<number, Linear | null>;
}
type Match = Matched | { ok: false; reason: string };

/** Memo of (provider, model) → match. Bounded: cleared wholesale if model names explode. */
const matches = new Map<string, Match>();
const MAX_MATCHES = 50_000;
const MAX_LINEAR_PER_MODEL = 4_000;
const ZERO: Counts = [0, 0, 0, 0, 0];

/** Forget memoised matches (tests, or after swapping price data with `updatePrices`). */
export function clearPriceCache(): void {
  matches.clear();
}

function toUsage([input, output, cacheRead, cacheWrite, reasoning]: Counts): Usage {
  const usage: Usage = { input_tokens: input, output_tokens: output };
  if (cacheRead > 0) usage.cache_read_tokens = cacheRead;
  if (cacheWrite > 0) usage.cache_write_tokens = cacheWrite;
  if (reasoning > 0) usage.output_reasoning_tokens = reasoning;
  return usage;
}

/** How the model's prices vary: time-of-day windows defeat the per-day fast path. */
function priceShape(info: ModelInfo): Pick<Matched, 'mode' | 'tierStarts'> {
  const periods = Array.isArray(info.prices) ? info.prices : [{ prices: info.prices }];
  const clock = periods.some((p) => p.constraint !== undefined && !('start_date' in p.constraint));
  const starts = new Set<number>();
  for (const p of periods) {
    for (const v of Object.values(p.prices)) {
      if (typeof v === 'object') for (const t of v.tiers) starts.add(t.start);
    }
  }
  const tierStarts = [...starts].sort((a, b) => a - b);
  if (clock) return { mode: 'library', tierStarts };
  return { mode: Array.isArray(info.prices) ? 'dated' : 'flat', tierStarts };
}

/** Ask the library once which provider and model a name resolves to. */
function lookup(providerId: string | undefined, model: string): Matched | undefined {
  let r;
  try {
    r = calcPrice(toUsage(ZERO), model, providerId ? { providerId } : undefined);
  } catch {
    return undefined;
  }
  if (!r) return undefined;
  const info: ModelInfo = { ...r.model, match: { equals: model.trim().toLowerCase() } };
  // Keep the provider id (groq's whisper rule keys on it); drop fallbacks, the match is done.
  const provider: Provider = { ...r.provider, models: [info], fallback_model_providers: undefined };
  return {
    ok: true,
    provider,
    model,
    providerId: r.provider.id,
    modelId: r.model.id,
    ...priceShape(info),
    linear: new Map(),
  };
}

function match(providerName: string | null | undefined, model: string): Match {
  const providerId = resolveProviderId(providerName);
  if (providerId === null) {
    return { ok: false, reason: `unknown provider '${providerName ?? ''}' (not in @pydantic/genai-prices)` };
  }
  // LiteLLM-style `vendor/model`: try the bare model first when the prefix names the same vendor
  // (or no vendor was given); otherwise the slash belongs to the model id (OpenRouter).
  const split = splitProviderPrefix(model);
  const tries: Array<[string | undefined, string]> = [];
  if (split && (providerId === undefined || split.providerId === providerId)) {
    tries.push([split.providerId, split.model]);
  }
  tries.push([providerId, model]);
  for (const [p, m] of tries) {
    const hit = lookup(p, m);
    if (hit) return hit;
  }
  const where = providerId ? `provider '${providerId}'` : 'any provider (none given)';
  return { ok: false, reason: `no price for model '${model}' at ${where} in @pydantic/genai-prices` };
}

function matchCached(providerName: string | null | undefined, model: string): Match {
  const key = `${providerName ?? ''}\u0000${model}`;
  let m = matches.get(key);
  if (m === undefined) {
    if (matches.size >= MAX_MATCHES) matches.clear();
    m = match(providerName, model);
    matches.set(key, m);
  }
  return m;
}

/** The provider the price library serves a model id from, for a call whose cost came with it but whose provider did not. */
export function providerOfModel(model: string): string | undefined {
  const m = matchCached(undefined, model);
  return m.ok ? m.providerId : undefined;
}

function libraryTotal(m: Matched, counts: Counts, at: Date): number {
  const r = calcPrice(toUsage(counts), m.model, { provider: m.provider, timestamp: at });
  if (!r || !Number.isFinite(r.total_price)) throw new Error(`no price at ${at.toISOString()}`);
  return r.total_price;
}

/** USD ×1e18 from a float in USD per million tokens (or USD), cut to 12 decimals of noise. */
function scaled(x: number, perMillion: boolean): bigint {
  const [int = '0', frac = ''] = x.toFixed(12).split('.');
  const v = BigInt(int + frac); // ×1e12
  return perMillion ? v : v * 1_000_000n;
}

function linearCost(l: Linear, c: Counts): bigint {
  let total = l.base;
  for (let i = 0; i < 5; i++) if (c[i] !== 0) total += l.rates[i]! * BigInt(c[i]!);
  return total;
}

/**
 * Read the library's linear coefficients for one tier band off probe calls whose input total
 * stays inside the band (cache and reasoning tokens are carved out of input/output, as in real
 * usage), then confirm them with one mixed call. Any disagreement beyond float noise returns
 * null: that model and band stay on calcPrice.
 */
function probe(m: Matched, at: Date, band: number): Linear | null {
  const M = 1_000_000;
  // Tier prices apply when input_tokens > start, so band k covers (start[k-1], start[k]].
  const lo = band === 0 ? 0 : m.tierStarts[band - 1]! + 1;
  const hi = m.tierStarts[band] ?? Number.POSITIVE_INFINITY;
  const span = Math.min(hi - lo, M);
  if (span < 1000) return null; // too narrow to read rates off cleanly
  const x1 = lo;
  const x2 = lo + span;
  try {
    const pA = libraryTotal(m, [x1, 0, 0, 0, 0], at);
    const pB = libraryTotal(m, [x2, 0, 0, 0, 0], at);
    const pO = libraryTotal(m, [x1, M, 0, 0, 0], at);
    const pR = libraryTotal(m, [x2, 0, span, 0, 0], at);
    const pW = libraryTotal(m, [x2, 0, 0, span, 0], at);
    const pZ = libraryTotal(m, [x1, M, 0, 0, M], at);
    // Per-million rates: input, output, and the cache/reasoning deltas against input/output.
    const perM = [((pB - pA) / span) * M, pO - pA, ((pR - pB) / span) * M, ((pW - pB) / span) * M, pZ - pO];
    const rates = perM.map((r) => scaled(r, true));
    const l: Linear = { base: scaled(pA, false) - rates[0]! * BigInt(x1), rates };
    const half = Math.floor(span / 2);
    const mixed: Counts = [x1 + half, 54_321, Math.floor(half / 3), Math.floor(half / 5), 4_321];
    const want = libraryTotal(m, mixed, at);
    const got = Number(linearCost(l, mixed)) / 1e18;
    return Math.abs(got - want) <= 1e-12 + 1e-9 * Math.abs(want) ? l : null;
  } catch {
    return null;
  }
}

/** Format USD ×1e18 as a decimal string with COST_SCALE places, rounding half away from zero. */
function formatScaled(x: bigint): string {
  const neg = x < 0n;
  const q = ((neg ? -x : x) + 50_000_000n) / 100_000_000n;
  const s = q.toString().padStart(COST_SCALE + 1, '0');
  return `${neg ? '-' : ''}${s.slice(0, -COST_SCALE)}.${s.slice(-COST_SCALE)}`;
}

function badCount(n: number | undefined): boolean {
  return n !== undefined && !(Number.isFinite(n) && n >= 0);
}

/** Reconcile exclusive (Anthropic/Gemini-style) counts into the inclusive convention. */
function reconcile(u: CallUsage): Counts {
  const cacheRead = u.cacheReadTokens ?? 0;
  const cacheWrite = u.cacheWriteTokens ?? 0;
  const reasoning = u.reasoningTokens ?? 0;
  let input = u.inputTokens;
  // A part larger than the whole means the caller sent cache tokens on top of input tokens.
  if (cacheRead + cacheWrite > input) input += cacheRead + cacheWrite;
  let output = u.outputTokens;
  if (reasoning > output) output += reasoning;
  return [input, output, cacheRead, cacheWrite, reasoning];
}

/** The linear form valid at `at` for this input size, probing on first use; undefined = calcPrice. */
function linearFor(m: Matched, at: Date, input: number): Linear | undefined {
  if (m.mode === 'library') return undefined;
  // Start dates are whole UTC days, so a dated price list is constant within one.
  const day = m.mode === 'flat' ? 0 : Math.floor(at.getTime() / DAY_MS);
  let band = 0;
  while (band < m.tierStarts.length && input > m.tierStarts[band]!) band++;
  const key = day * (m.tierStarts.length + 1) + band;
  let l = m.linear.get(key);
  if (l === undefined) {
    if (m.linear.size >= MAX_LINEAR_PER_MODEL) m.linear.clear();
    l = probe(m, at, band);
    m.linear.set(key, l);
  }
  return l ?? undefined;
}

/**
 * Cost of one call in USD as a decimal string with `COST_SCALE` places, or `unpriced` with a
 * reason (unknown provider or model, invalid counts or timestamp). Never throws for bad input.
 */
export function priceCall(u: CallUsage): PriceResult {
  if (typeof u.model !== 'string' || u.model.trim() === '') {
    return { status: 'unpriced', reason: 'no model id' };
  }
  if (!(u.timestamp instanceof Date) || Number.isNaN(u.timestamp.getTime())) {
    return { status: 'unpriced', reason: 'invalid timestamp' };
  }
  if (badCount(u.inputTokens) || badCount(u.outputTokens) || badCount(u.cacheReadTokens) || badCount(u.cacheWriteTokens) || badCount(u.reasoningTokens)) {
    return { status: 'unpriced', reason: 'token counts must be finite non-negative numbers' };
  }
  const m = matchCached(u.provider, u.model);
  if (!m.ok) return { status: 'unpriced', reason: m.reason };

  const counts = reconcile(u);
  let cost: string;
  const l = counts.every(Number.isSafeInteger) ? linearFor(m, u.timestamp, counts[0]) : undefined;
  if (l) {
    cost = formatScaled(linearCost(l, counts));
  } else {
    try {
      // toFixed rounds the float once, in decimal, with plain digits (no exponent below 1e21),
      // so artefacts such as 0.008289000000000001 become '0.0082890000'.
      cost = libraryTotal(m, counts, u.timestamp).toFixed(COST_SCALE);
    } catch (err) {
      return { status: 'unpriced', reason: `price calculation failed for '${u.model}': ${(err as Error).message}` };
    }
  }
  return { status: 'priced', cost, currency: 'USD', provider: m.providerId, model: m.modelId };
}
