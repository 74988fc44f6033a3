/**
 * A Langfuse observation → UsageRecord, in the shapes Langfuse writes them:
 *
 * - the public API and the UI's export (camelCase): `startTime`, `traceId`, `model` (v2:
 *   `providedModelName`), `usageDetails` and `costDetails`, and the older `usage` object
 *   (`input`, `output`, `totalCost`) with `calculatedTotalCost` / `totalCost`;
 * - the blob-storage export of the observations table (snake_case): `start_time`, `trace_id`,
 *   `provided_model_name`, `usage_details`, `cost_details`, `total_cost`.
 *
 * Only generations and embeddings are LLM calls; spans, events, agents, tools and the like are
 * skipped like OTLP's non-call spans. Langfuse's usage keys add up to `total` without overlap
 * (`input` excludes `input_cached_tokens` and `cache_read_input_tokens`), so input is the sum of
 * the input keys and output of the output keys. Cost: `costDetails.total` (else the sum of its
 * keys, else the total cost fields) is Langfuse's own cost, in USD as Langfuse's model prices are
 * (no export names a currency; `--currency` for prices defined in another), used as reported; an
 * observation Langfuse could not price (no cost details, a total of 0) is priced like a bare call.
 * The id is `span:<traceId>:<id>`: Langfuse observations ingested over OpenTelemetry keep the
 * span id, so the same call exported as OTLP is a duplicate, not a second call.
 */
import { z } from 'zod';
import { count, decimal, firstIssue, instant, jsonObject, requiredInstant, requiredText, text, type Issue } from '../json-fields.ts';
import { MAX_AMOUNT } from '../values.ts';
import { MAX_TAG_LENGTH } from './otel.ts';
import type { CallStatus, UsageRecord } from './record.ts';

const CALL_TYPES = new Set(['GENERATION', 'EMBEDDING']);

/** A `{key: number}` map (usage or cost details, also as JSON text); a non-number entry is a reject, not a guess. */
const numberMap = jsonObject.transform((o, ctx): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const [k, x] of Object.entries(o ?? {})) {
    const n = typeof x === 'string' && x.trim() !== '' ? Number(x) : x;
    if (typeof n !== 'number' || !Number.isFinite(n) || n < 0 || n >= MAX_AMOUNT) {
      ctx.addIssue({ code: 'custom', message: `expected ${k} to be a number ≥ 0, got ${JSON.stringify(x)}` });
      return z.NEVER;
    }
    out[k] = n;
  }
  return out;
});

const Observation = z.object({
  id: requiredText,
  type: text,
  name: text,
  traceId: text,
  version: text,
  startTime: requiredInstant,
  endTime: instant,
  model: text,
  providedModelName: text,
  promptName: text,
  usageDetails: numberMap,
  costDetails: numberMap,
  // The pre-usageDetails object: {input, output, total, unit, inputCost, outputCost, totalCost}.
  usage: z.object({ input: count, output: count, totalCost: decimal, unit: text }).nullish(),
  promptTokens: count,
  completionTokens: count,
  calculatedTotalCost: decimal,
  totalCost: decimal,
  level: text,
  statusMessage: text,
  environment: text,
  userId: text,
  sessionId: text,
  metadata: jsonObject,
});

/** snake_case column → the API's camelCase name. */
const SNAKE: Record<string, string> = {
  start_time: 'startTime',
  end_time: 'endTime',
  trace_id: 'traceId',
  provided_model_name: 'providedModelName',
  usage_details: 'usageDetails',
  cost_details: 'costDetails',
  total_cost: 'totalCost',
  status_message: 'statusMessage',
  user_id: 'userId',
  session_id: 'sessionId',
  prompt_name: 'promptName',
};

export function looksLikeLangfuse(v: Record<string, unknown>): boolean {
  if ('usageDetails' in v || 'usage_details' in v || 'costDetails' in v || 'cost_details' in v || 'calculatedTotalCost' in v) return true;
  return 'id' in v && ('startTime' in v || 'start_time' in v) && ('traceId' in v || 'trace_id' in v) && 'type' in v;
}

/** Whether an observation is an LLM call (a generation or an embedding), not a span around calls. */
export function isLangfuseCall(v: Record<string, unknown>): boolean {
  return typeof v.type !== 'string' || CALL_TYPES.has(v.type.toUpperCase());
}

const sumWhere = (m: Record<string, number>, keep: (k: string) => boolean) => Object.entries(m).reduce((n, [k, x]) => (keep(k) ? n + x : n), 0);
const first = (m: Record<string, number>, ...keys: string[]) => keys.map((k) => m[k]).find((x) => x !== undefined) ?? 0;
const isInput = (k: string) => k.startsWith('input') || k.startsWith('cache_') || k === 'prompt_tokens';
const isOutput = (k: string) => k.startsWith('output') || k === 'completion_tokens';

/** Langfuse's own cost, or undefined where it had none (no cost details, or a total of 0 for a call that used tokens). */
function ownCost(cost: Record<string, number>, fallback: string | undefined, tokens: number): string | undefined {
  const total = cost.total ?? (Object.keys(cost).length > 0 ? sumWhere(cost, () => true) : undefined);
  const value = total !== undefined ? String(total) : fallback;
  return value === undefined || (Number(value) === 0 && tokens > 0) ? undefined : value;
}

export function parseLangfuse(raw: Record<string, unknown>): UsageRecord | Issue {
  const record: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) record[SNAKE[k] ?? k] ??= v;
  const parsed = Observation.safeParse(record);
  if (!parsed.success) {
    const issue = firstIssue(parsed.error);
    // Name the field as the file spells it.
    const spelt = Object.keys(raw).find((k) => SNAKE[k] === issue.field);
    return spelt ? { ...issue, field: spelt } : issue;
  }
  const o = parsed.data;
  const model = o.providedModelName ?? o.model;
  if (model === undefined) return { field: 'model', reason: 'missing: no model or providedModelName' };
  // Older observations count some models' usage in characters, images or seconds: not tokens.
  const unit = Object.keys(o.usageDetails).length === 0 && o.usage?.unit && o.usage.unit.toUpperCase() !== 'TOKENS' ? o.usage.unit : undefined;
  const usage = Object.keys(o.usageDetails).length > 0 ? o.usageDetails : unit ? {} : { input: o.usage?.input ?? o.promptTokens ?? 0, output: o.usage?.output ?? o.completionTokens ?? 0 };
  const input = sumWhere(usage, isInput);
  const output = sumWhere(usage, isOutput);
  const tags: Record<string, string> = {};
  for (const [k, v] of Object.entries(o.metadata ?? {})) if (typeof v === 'string' && v !== '' && v.length <= MAX_TAG_LENGTH) tags[k] = v;
  if (o.name) tags['langfuse.observation.name'] = o.name;
  if (o.traceId) tags['langfuse.trace.id'] = o.traceId;
  // Langfuse writes `default` where the caller set no environment.
  if (o.environment && o.environment !== 'default') tags.environment = o.environment;
  if (o.userId) tags['enduser.id'] = o.userId;
  if (o.promptName) tags['langfuse.prompt.name'] = o.promptName;
  if (o.version) tags['langfuse.version'] = o.version;
  // Langfuse marks a failed call with level ERROR; an observation with no level says nothing.
  const status: CallStatus | undefined = o.level === undefined ? undefined : o.level.toUpperCase() === 'ERROR' ? 'error' : 'ok';
  const error = status === 'error';
  const duration = o.endTime ? o.endTime.epochMs - o.startTime.epochMs : undefined;
  return {
    format: 'langfuse',
    eventId: o.traceId ? `span:${o.traceId}:${o.id}` : `langfuse:${o.id}`,
    ts: o.startTime,
    model,
    operation: o.type?.toUpperCase() === 'EMBEDDING' ? 'embeddings' : undefined,
    inputTokens: input,
    outputTokens: output,
    cacheReadTokens: first(usage, 'input_cached_tokens', 'cache_read_input_tokens', 'input_cache_read'),
    cacheWriteTokens: first(usage, 'cache_creation_input_tokens', 'input_cache_creation', 'input_cache_write'),
    reasoningTokens: first(usage, 'output_reasoning_tokens', 'output_reasoning', 'reasoning_tokens'),
    reportedCost: ownCost(o.costDetails, o.totalCost ?? o.calculatedTotalCost ?? o.usage?.totalCost, input + output),
    unpricedReason: unit ? `usage counted in ${unit.toLowerCase()}, not tokens` : undefined,
    sessionId: o.sessionId,
    status,
    errorType: error ? o.statusMessage?.slice(0, MAX_TAG_LENGTH) : undefined,
    durationMs: duration !== undefined && duration >= 0 ? duration : undefined,
    tags,
  };
}
