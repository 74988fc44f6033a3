/**
 * Monthly dollar change of each finding, and the basis it rests on:
 * - history: the feature's last 30 days of real calls (calls, input/cached/output tokens per
 *   model) repriced at the review date's rates; 30 days are taken as a month;
 * - assumption: penny.yml's `usage` for a feature with no history;
 * - upper bound: an output limit's worst case (every call uses the whole limit);
 * - own prices / public prices / price table: compute at the organisation's FOCUS unit prices, a
 *   public price API's, or instance-prices.yaml's (the least trusted source a line used);
 * - no usage data: the change is shown without a number, never a made-up one.
 */
import type { PriceKind } from './compute-prices/book.ts';
import type { FeatureInfo } from './features.ts';
import type { Finding, FindingKind, FindingOf } from './finding.ts';
import { callCost, contextWindow, recogniseModel, type CallShape } from './llm-prices.ts';
import { DEFAULT_CURRENCY } from '../costs/currency.ts';
import { formatMoney } from '../schema/money.ts';

export type Basis = 'history' | 'assumption' | 'upper bound' | PriceKind | 'no usage data';

export interface ReviewItem {
  kind: FindingKind;
  file: string;
  line: number;
  before: string;
  after: string;
  /** USD per month; null when there is nothing to estimate from. */
  monthlyDelta: number | null;
  basis: Basis;
  feature: string | null;
  /** How the figure was reached, for the comment's "how estimated". */
  note: string;
  /** Parts of the change left out of the figure for want of a price (a machine type not in the table). */
  unpriced?: string[];
}

interface Row {
  provider: string | null;
  model: string;
  calls: number;
  shape: CallShape;
}

interface Profile {
  basis: 'history' | 'assumption';
  rows: Row[];
  describe: string;
}

const cents = (x: number) => Math.round(x * 100) / 100;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

export interface EstimateContext {
  at: Date;
  historyFrom: string;
  historyTo: string;
}

function historyProfile(f: FeatureInfo, ctx: EstimateContext): Profile | undefined {
  if (f.history.length === 0) return undefined;
  const rows = f.history.map((h) => ({
    provider: h.provider,
    model: h.model,
    calls: h.calls,
    shape: { inputTokens: h.inputTokens / h.calls, cacheReadTokens: h.cacheReadTokens / h.calls, cacheWriteTokens: h.cacheWriteTokens / h.calls, outputTokens: h.outputTokens / h.calls },
  }));
  const calls = rows.reduce((n, r) => n + r.calls, 0);
  return { basis: 'history', rows, describe: `${fmt(calls)} calls of ${f.name} from ${ctx.historyFrom} to before ${ctx.historyTo} (${rows.map((r) => r.model).join(', ')})` };
}

function assumptionProfile(f: FeatureInfo, model: string | undefined): Profile | undefined {
  const a = f.assumption;
  const m = model ?? a?.model;
  if (!a || !m) return undefined;
  return {
    basis: 'assumption',
    rows: [
      {
        provider: null,
        model: m,
        calls: a.calls_per_month,
        shape: { inputTokens: a.input_tokens_per_call, cacheReadTokens: a.cached_input_tokens_per_call ?? 0, cacheWriteTokens: 0, outputTokens: a.output_tokens_per_call },
      },
    ],
    describe: `penny.yml assumptions for ${f.name}: ${fmt(a.calls_per_month)} calls/month, ${fmt(a.input_tokens_per_call)} input and ${fmt(a.output_tokens_per_call)} output tokens per call on ${m}`,
  };
}

function profileOf(f: FeatureInfo | undefined, model: string | undefined, ctx: EstimateContext): Profile | undefined {
  return f ? (historyProfile(f, ctx) ?? assumptionProfile(f, model)) : undefined;
}

/** Σ calls × (cost of the changed call − cost of the call as it is), or undefined if unpriced. */
function repriced(p: Profile, at: Date, change: (r: Row) => { model: string; provider: string | null; shape: CallShape }): number | undefined {
  let total = 0;
  for (const r of p.rows) {
    const now = callCost(r.model, r.provider, r.shape, at);
    const c = change(r);
    const next = callCost(c.model, c.provider, c.shape, at);
    if (now === undefined || next === undefined) return undefined;
    total += r.calls * (next - now);
  }
  return total;
}

type Estimate = Pick<ReviewItem, 'monthlyDelta' | 'basis' | 'note'>;

const noData = (why: string): Estimate => ({ monthlyDelta: null, basis: 'no usage data', note: why });
const NO_FEATURE = 'no feature mapped (add the path to penny.yml) and no usage history to estimate from';

/** Why there is no profile to estimate from, for a feature or none. */
function missing(feature: FeatureInfo | undefined): Estimate {
  if (!feature) return noData(NO_FEATURE);
  if (feature.assumption) return noData(`${feature.name} has no usage history, and its penny.yml usage names no model (add usage.model)`);
  return noData(`${feature.name} has no usage history and no penny.yml usage assumptions`);
}

function modelChange(f: FindingOf<'model'>, feature: FeatureInfo | undefined, ctx: EstimateContext): Estimate {
  const p = profileOf(feature, f.from, ctx);
  if (!p) return missing(feature);
  const fromId = recogniseModel(f.from)?.modelId;
  const matching = p.rows.filter((r) => recogniseModel(r.model)?.modelId === fromId);
  const scoped = { ...p, rows: matching.length ? matching : p.rows };
  const delta = repriced(scoped, ctx.at, (r) => ({ model: f.to, provider: null, shape: r.shape }));
  if (delta === undefined) return noData(`${f.before} or ${f.after} is not priced by @pydantic/genai-prices`);
  const scope = matching.length || p.basis === 'assumption' ? '' : ` (none on ${f.from}; all the feature's calls)`;
  return { monthlyDelta: cents(delta), basis: p.basis, note: `${p.describe}${scope} repriced from ${f.before} to ${f.after}${f.to !== f.after ? ` (priced as ${f.to})` : ''} at today's prices` };
}

function limitChange(f: FindingOf<'output-limit'>, feature: FeatureInfo | undefined, ctx: EstimateContext): Estimate {
  const p = profileOf(feature, f.model, ctx);
  if (!p) return missing(feature);
  let bound = '';
  // The model written beside the limit prices both sides, so a swap in the same change is not counted twice.
  const scoped = f.model ? { ...p, rows: p.rows.map((r) => ({ ...r, model: f.model!, provider: null })) } : p;
  const delta = repriced(scoped, ctx.at, (r) => {
    const model = r.model;
    let limit = f.to;
    if (limit === null) {
      const window = contextWindow(model);
      limit = window === undefined ? Number.NaN : window - r.shape.inputTokens;
      bound = window === undefined ? '' : `; without a limit, output is bounded by the ${fmt(window)}-token context window`;
    }
    const raised = f.from === null || limit > f.from;
    const out = raised ? Math.max(r.shape.outputTokens, limit) : Math.min(r.shape.outputTokens, limit);
    return { model, provider: r.provider, shape: { ...r.shape, outputTokens: out } };
  });
  if (delta === undefined || Number.isNaN(delta)) return noData(`no output bound known for ${f.model ?? 'the model'}: the limit was removed`);
  const how = f.to !== null && f.from !== null && f.to < f.from ? 'calls whose average output exceeds the new limit, cut to it' : 'every call producing the full limit';
  return { monthlyDelta: cents(delta), basis: 'upper bound', note: `${p.describe}; ${how} (upper bound, ${p.basis})${bound}` };
}

function promptChange(f: FindingOf<'prompt'>, feature: FeatureInfo | undefined, ctx: EstimateContext): Estimate {
  const grow = f.tokensAfter - f.tokensBefore;
  const p = profileOf(feature, f.model, ctx);
  if (!p) return missing(feature);
  const delta = repriced(p, ctx.at, (r) => ({ model: r.model, provider: r.provider, shape: { ...r.shape, inputTokens: Math.max(0, r.shape.inputTokens + grow) } }));
  if (delta === undefined) return noData('the feature’s models are not priced by @pydantic/genai-prices');
  const tokenizer = f.approximates ? `${f.encoding} tokenizer, approximating ${f.approximates}'s, which has no public tokenizer` : `${f.encoding} tokenizer`;
  return { monthlyDelta: cents(delta), basis: p.basis, note: `${grow > 0 ? '+' : ''}${fmt(grow)} input tokens per call (${tokenizer}), uncached, × ${p.describe}` };
}

function callSite(f: FindingOf<'call-site'>, feature: FeatureInfo | undefined, ctx: EstimateContext): Estimate {
  const model = f.model ?? feature?.assumption?.model ?? feature?.history[0]?.model;
  const p = feature ? assumptionProfile(feature, model) : undefined;
  if (!p) return noData(`a new call has no history; add usage assumptions for ${feature?.name ?? 'its feature'} to penny.yml to estimate it`);
  const r = p.rows[0]!;
  const cost = callCost(r.model, r.provider, r.shape, ctx.at);
  if (cost === undefined) return noData(`${r.model} is not priced by @pydantic/genai-prices`);
  return { monthlyDelta: cents(r.calls * cost), basis: 'assumption', note: `new call with no history: ${p.describe}` };
}

function scheduleChange(f: FindingOf<'schedule'>, feature: FeatureInfo | undefined, ctx: EstimateContext): Estimate {
  const p = profileOf(feature, undefined, ctx);
  if (!p) return missing(feature);
  if (f.runsBefore === 0) return noData('a new schedule: no cost per run is known yet');
  let monthly = 0;
  for (const r of p.rows) {
    const c = callCost(r.model, r.provider, r.shape, ctx.at);
    if (c === undefined) return noData(`${r.model} is not priced by @pydantic/genai-prices`);
    monthly += r.calls * c;
  }
  const perRun = monthly / f.runsBefore;
  return {
    monthlyDelta: cents(perRun * (f.runsAfter - f.runsBefore)),
    basis: p.basis,
    note: `${formatMoney(perRun, DEFAULT_CURRENCY, 4)} per run (${p.describe}, over ${fmt(f.runsBefore)} runs/month) × the change in runs`,
  };
}

/** Compute: its prices' sources and dates said on its own line. */
function infraChange(f: FindingOf<'infrastructure'>): Estimate {
  const sources = f.sources?.length ? ` (${f.sources.join('; ')})` : '';
  const delta = f.monthlyBefore === null || f.monthlyAfter === null ? null : cents(f.monthlyAfter - f.monthlyBefore);
  return { monthlyDelta: delta, basis: f.priceKind ?? 'price table', note: `${f.note}${sources}` };
}

export function estimate(f: Finding, feature: FeatureInfo | undefined, ctx: EstimateContext): ReviewItem {
  let e: Estimate;
  switch (f.kind) {
    case 'model':
      e = modelChange(f, feature, ctx);
      break;
    case 'output-limit':
      e = limitChange(f, feature, ctx);
      break;
    case 'prompt':
      e = promptChange(f, feature, ctx);
      break;
    case 'call-site':
      e = callSite(f, feature, ctx);
      break;
    case 'schedule':
      e = scheduleChange(f, feature, ctx);
      break;
    case 'infrastructure':
      e = infraChange(f);
      break;
  }
  const note = feature && f.kind !== 'infrastructure' ? `${e.note} [feature via ${feature.via}]` : e.note;
  const unpriced = f.kind === 'infrastructure' && f.unpriced && e.monthlyDelta !== null ? { unpriced: f.unpriced } : {};
  return { kind: f.kind, file: f.file, line: f.line, before: f.before, after: f.after, monthlyDelta: e.monthlyDelta, basis: e.basis, feature: feature?.name ?? null, note, ...unpriced };
}
