/**
 * One LLM call as every source format is normalised to, and its staging row for COPY.
 *
 * Token counts follow OpenTelemetry GenAI: `inputTokens` is ALL input (cached included),
 * `outputTokens` all output (reasoning included); cache and reasoning counts are parts of those.
 * A record using the exclusive convention (Anthropic's API: cache tokens on top of input) is
 * recognised when its parts exceed the whole, and is converted (see `reconcileTokens`).
 */
import { COPY_NULL, copyText } from '../copy-text.ts';
import type { Attribution } from '../attribution.ts';
import type { Instant } from '../values.ts';
import { toJsonb } from '../values.ts';

export type SourceFormat = 'otel' | 'otlp' | 'litellm' | 'langfuse' | 'openai_usage' | 'openai_costs';

/** How a call ended, as llm_usage.status keeps it. */
export type CallStatus = 'ok' | 'error';

export interface UsageRecord {
  format: SourceFormat;
  /** The call's own id (gen_ai.response.id, LiteLLM request_id, or trace+span); else derived. */
  eventId?: string;
  ts: Instant;
  provider?: string;
  model?: string;
  responseModel?: string;
  operation?: string;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  reasoningTokens: number;
  /** The record's own cost (LiteLLM spend, a cost attribute), as decimal text in `currency`. */
  reportedCost?: string;
  /** ISO 4217 code of reportedCost, upper case, where the record states it; else the load's (USD unless given). */
  currency?: string;
  /** Why the record must not be priced (its rates are not the library's), listed with the unpriced. */
  unpricedReason?: string;
  /** Model requests the record stands for: 1 for a call (the default), a bucket's count for aggregates. */
  requests?: number;
  sessionId?: string;
  /**
   * The call's outcome where its source records one; undefined where it does not (an OpenAI
   * organization bucket, a span with no status set): stored as null, never guessed as ok.
   */
  status?: CallStatus;
  errorType?: string;
  durationMs?: number;
  tags: Record<string, string>;
}

/** Exclusive-convention counts (parts larger than the whole) become inclusive totals. */
export function reconcileTokens(r: UsageRecord): void {
  if (r.cacheReadTokens + r.cacheWriteTokens > r.inputTokens) r.inputTokens += r.cacheReadTokens + r.cacheWriteTokens;
  if (r.reasoningTokens > r.outputTokens) r.outputTokens += r.reasoningTokens;
}

/** The staging table's columns (after `line`), in COPY order; llm_usage has the same names. */
export const USAGE_COLUMNS = [
  ['event_id', 'text not null'],
  ['ts', 'timestamptz not null'],
  ['source_format', 'text not null'],
  ['provider', 'text'],
  ['model', 'text'],
  ['response_model', 'text'],
  ['operation', 'text'],
  ['input_tokens', 'bigint not null'],
  ['output_tokens', 'bigint not null'],
  ['cache_read_tokens', 'bigint not null'],
  ['cache_write_tokens', 'bigint not null'],
  ['reasoning_tokens', 'bigint not null'],
  ['cost', 'numeric'],
  ['currency', 'text not null'],
  ['cost_source', 'text not null'],
  ['team', 'text'],
  ['feature', 'text'],
  ['customer', 'text'],
  ['environment', 'text'],
  ['cost_center', 'text'],
  ['task_id', 'text'],
  ['session_id', 'text'],
  ['status', 'text'],
  ['error_type', 'text'],
  ['duration_ms', 'integer'],
  ['tags', 'jsonb not null'],
  ['requests', 'bigint not null'],
] as const;

export interface Costed {
  eventId: string;
  provider: string | null;
  cost: string | null;
  costSource: 'reported' | 'priced' | 'unpriced';
  /** The cost's currency: the record's own for a reported cost, USD for a priced one. */
  currency: string;
}

const MAX_INT4 = 2_147_483_647;

function t(v: string | null | undefined): string {
  return v == null ? COPY_NULL : copyText(v);
}

/** The record's COPY text fields, in USAGE_COLUMNS order. */
export function stageRow(r: UsageRecord, c: Costed, a: Attribution): string {
  const duration = r.durationMs === undefined || r.durationMs > MAX_INT4 ? COPY_NULL : String(Math.round(r.durationMs));
  return [
    t(c.eventId),
    r.ts.iso,
    r.format,
    t(c.provider),
    t(r.model),
    t(r.responseModel),
    t(r.operation),
    r.inputTokens,
    r.outputTokens,
    r.cacheReadTokens,
    r.cacheWriteTokens,
    r.reasoningTokens,
    c.cost ?? COPY_NULL,
    c.currency,
    c.costSource,
    t(a.team),
    t(a.feature),
    t(a.customer),
    t(a.environment),
    t(a.cost_center),
    t(a.task_id),
    t(r.sessionId),
    r.status ?? COPY_NULL,
    t(r.errorType),
    duration,
    copyText(toJsonb(r.tags)),
    r.requests ?? 1,
  ].join('\t');
}
