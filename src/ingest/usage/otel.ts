/**
 * OpenTelemetry GenAI span attributes (one flat object per call) → UsageRecord.
 *
 * Reads the semantic-convention names — `gen_ai.provider.name` (older `gen_ai.system`),
 * `gen_ai.request.model`, `gen_ai.response.model`, `gen_ai.response.id`, `gen_ai.usage.input_tokens`
 * / `output_tokens` (older `prompt_tokens` / `completion_tokens`), `gen_ai.usage.cache_read.input_tokens`,
 * `gen_ai.usage.cache_creation.input_tokens` (and the `cache_read_input_tokens` spelling some
 * instrumentations use), reasoning tokens, `error.type` / `otel.status_code` — and the time from
 * `timestamp` (or `time`, `start_time`, an OTLP span's `startTimeUnixNano`). The record's own cost,
 * used instead of a price: `gen_ai.usage.cost.amount` in `gen_ai.usage.cost.currency` (the
 * semantic-conventions proposal, open-telemetry/semantic-conventions-genai#443; its
 * `gen_ai.usage.cost.source`, provider or local, is kept as a tag), else a plain `gen_ai.usage.cost`
 * or `cost` (USD, as OpenLit and others write it). Every other string attribute becomes a tag, except message content (prompts and
 * completions are not cost data, and would make the store a copy of every conversation).
 */
import { z } from 'zod';
import { count, currency, decimal, firstIssue, instant, isObject, text, type Issue } from '../json-fields.ts';
import type { CallStatus, SourceFormat, UsageRecord } from './record.ts';

// Unknown keys are stripped from the parsed value (cheaper); tags are read from the record itself.
const Flat = z.object({
  'gen_ai.provider.name': text,
  'gen_ai.system': text,
  'gen_ai.request.model': text,
  'gen_ai.response.model': text,
  'gen_ai.response.id': text,
  'gen_ai.operation.name': text,
  'gen_ai.conversation.id': text,
  'session.id': text,
  'gen_ai.usage.input_tokens': count,
  'gen_ai.usage.prompt_tokens': count,
  'gen_ai.usage.output_tokens': count,
  'gen_ai.usage.completion_tokens': count,
  'gen_ai.usage.cache_read.input_tokens': count,
  'gen_ai.usage.cache_read_input_tokens': count,
  'gen_ai.usage.cache_creation.input_tokens': count,
  'gen_ai.usage.cache_creation_input_tokens': count,
  'gen_ai.usage.reasoning.output_tokens': count,
  'gen_ai.usage.reasoning_tokens': count,
  'gen_ai.usage.cost.amount': decimal,
  'gen_ai.usage.cost.currency': currency,
  'gen_ai.usage.cost': decimal,
  cost: decimal,
  timestamp: instant,
  time: instant,
  start_time: instant,
  startTimeUnixNano: instant,
  end_time: instant,
  endTimeUnixNano: instant,
  duration_ms: decimal,
  'error.type': text,
  'otel.status_code': text,
  trace_id: text,
  span_id: text,
  traceId: text,
  spanId: text,
});

/** Keys read into columns (or ids), never tags. */
const CONSUMED = new Set(Object.keys(Flat.shape));
const CONTENT_KEYS = new Set(['gen_ai.input.messages', 'gen_ai.output.messages', 'gen_ai.system_instructions', 'gen_ai.tool.call.arguments', 'gen_ai.tool.call.result', 'gen_ai.tool.definitions']);
const CONTENT_PREFIXES = ['gen_ai.prompt', 'gen_ai.completion', 'llm.prompts', 'llm.completions'];
/** Whether the proposal's cost came from the provider's response or was computed locally: kept as a tag. */
const COST_SOURCE = 'gen_ai.usage.cost.source';
/** Longer strings are payloads, not labels. */
export const MAX_TAG_LENGTH = 1000;

export function isTagKey(key: string): boolean {
  return !CONSUMED.has(key) && (!key.startsWith('gen_ai.usage.') || key === COST_SOURCE) && !CONTENT_KEYS.has(key) && !CONTENT_PREFIXES.some((p) => key.startsWith(p));
}

/**
 * A flat JSONL record as one level of dotted keys: `attributes` and `resource` objects are merged
 * in (a span dumped as `{timestamp, attributes:{…}}`), other nested objects become `a.b` keys.
 */
export function flatten(record: Record<string, unknown>): Record<string, unknown> {
  let nested = false;
  for (const k in record) if (isObject(record[k])) nested = true;
  if (!nested) return record;
  const out: Record<string, unknown> = {};
  const put = (o: Record<string, unknown>, prefix: string) => {
    for (const [k, v] of Object.entries(o)) {
      if (isObject(v)) put(v, prefix === '' && (k === 'attributes' || k === 'resource') ? '' : `${prefix}${k}.`);
      else out[`${prefix}${k}`] ??= v;
    }
  };
  // Own attributes first, so they win over resource attributes of the same name.
  if (isObject(record.attributes)) put(record.attributes, '');
  put(record, '');
  return out;
}

export function hasGenAiKey(record: Record<string, unknown>): boolean {
  for (const k in record) if (k.startsWith('gen_ai.')) return true;
  return false;
}

/**
 * A span's outcome: an error where it names one (`error.type`, status ERROR), ok where its status
 * says OK, and undefined where the status is unset: instrumentations that set none (OpenLLMetry's
 * spans, most flat exports) say nothing about how the call ended.
 */
function spanStatus(errorType: string | undefined, code: string | undefined): CallStatus | undefined {
  const c = code?.toUpperCase().replace(/^STATUS_CODE_/, '');
  if (errorType !== undefined || c === 'ERROR') return 'error';
  return c === 'OK' ? 'ok' : undefined;
}

export function parseOtel(attrs: Record<string, unknown>, format: SourceFormat): UsageRecord | Issue {
  const parsed = Flat.safeParse(attrs);
  if (!parsed.success) return firstIssue(parsed.error);
  const a = parsed.data;
  const ts = a.timestamp ?? a.time ?? a.start_time ?? a.startTimeUnixNano;
  if (!ts) return { field: format === 'otlp' ? 'startTimeUnixNano' : 'timestamp', reason: 'missing: no timestamp, time or start_time' };
  const model = a['gen_ai.request.model'] ?? a['gen_ai.response.model'];
  if (model === undefined) return { field: 'gen_ai.request.model', reason: 'missing: no gen_ai.request.model or gen_ai.response.model' };
  const status = spanStatus(a['error.type'], a['otel.status_code']);
  const error = status === 'error';
  const input = a['gen_ai.usage.input_tokens'] ?? a['gen_ai.usage.prompt_tokens'];
  const output = a['gen_ai.usage.output_tokens'] ?? a['gen_ai.usage.completion_tokens'];
  // A failed call may have used no tokens; a successful one without counts is a misnamed attribute.
  if (input === undefined && output === undefined && !error) {
    return { field: 'gen_ai.usage.input_tokens', reason: 'missing: no gen_ai.usage.input_tokens or gen_ai.usage.output_tokens' };
  }
  const tags: Record<string, string> = {};
  for (const k in attrs) {
    const v = attrs[k];
    if (typeof v === 'string' && v !== '' && v.length <= MAX_TAG_LENGTH && isTagKey(k)) tags[k] = v;
  }
  const end = a.end_time ?? a.endTimeUnixNano;
  const traceId = a.trace_id ?? a.traceId;
  const spanId = a.span_id ?? a.spanId;
  const duration = a.duration_ms !== undefined ? Number(a.duration_ms) : end ? end.epochMs - ts.epochMs : undefined;
  return {
    format,
    eventId: a['gen_ai.response.id'] ?? (traceId && spanId ? `span:${traceId}:${spanId}` : undefined),
    ts,
    provider: a['gen_ai.provider.name'] ?? a['gen_ai.system'],
    model,
    responseModel: a['gen_ai.response.model'],
    operation: a['gen_ai.operation.name'],
    inputTokens: input ?? 0,
    outputTokens: output ?? 0,
    cacheReadTokens: a['gen_ai.usage.cache_read.input_tokens'] ?? a['gen_ai.usage.cache_read_input_tokens'] ?? 0,
    cacheWriteTokens: a['gen_ai.usage.cache_creation.input_tokens'] ?? a['gen_ai.usage.cache_creation_input_tokens'] ?? 0,
    reasoningTokens: a['gen_ai.usage.reasoning.output_tokens'] ?? a['gen_ai.usage.reasoning_tokens'] ?? 0,
    reportedCost: a['gen_ai.usage.cost.amount'] ?? a['gen_ai.usage.cost'] ?? a.cost,
    currency: a['gen_ai.usage.cost.amount'] !== undefined ? a['gen_ai.usage.cost.currency'] : undefined,
    sessionId: a['session.id'] ?? a['gen_ai.conversation.id'],
    status,
    errorType: a['error.type'],
    durationMs: duration !== undefined && duration >= 0 ? duration : undefined,
    tags,
  };
}
