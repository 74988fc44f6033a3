/**
 * OpenAI's organization usage and costs API, as exported (the JSON its `/v1/organization/usage/*`
 * and `/v1/organization/costs` return: a page of time buckets, each with `results`) → one
 * UsageRecord per result. These are aggregates, not calls, and are stored as such:
 *
 * - a usage result (`organization.usage.completions.result`, also embeddings) is one row with the
 *   bucket's tokens and `requests = num_model_requests`, at the bucket's start; its cost is priced
 *   from the tokens like a call's (OpenAI's models have no per-request price tiers, so pricing a
 *   bucket's sum equals pricing its calls), except Batch API and non-default service-tier buckets,
 *   billed at rates the price library does not know: those are stored unpriced, with that reason.
 * - a costs result (`organization.costs.result`) is one row with `amount.value` in
 *   `amount.currency` as its reported cost and `requests = 0`: money, not calls. The model is read
 *   from the line item where it names one (`gpt-4o-2024-08-06, input`).
 *
 * The group-by fields (project, model, user, API key, batch, line item) become tags and, with the
 * bucket's times, the row's id: a bucket exported again replaces its earlier row (a day's bucket
 * grows until the day ends), see load.ts.
 */
import { z } from 'zod';
import { count, currency, decimal, firstIssue, isObject, requiredInstant, text, type Issue } from '../json-fields.ts';
import type { UsageRecord } from './record.ts';

const USAGE_RESULT = /^organization\.usage\.(completions|embeddings)\.result$/;
const COSTS_RESULT = 'organization.costs.result';

const Bucket = z.object({ start_time: requiredInstant, end_time: requiredInstant, results: z.array(z.unknown(), { error: 'expected an array of results' }) });

const groupBy = {
  project_id: text,
  user_id: text,
  api_key_id: text,
  service_tier: text,
  batch: z.boolean().nullish(),
};

const UsageResult = z.object({
  object: z.string(),
  model: text,
  input_tokens: count,
  output_tokens: count,
  input_cached_tokens: count,
  num_model_requests: count,
  ...groupBy,
});

const CostsResult = z.object({
  amount: z.object({ value: decimal, currency }, { error: 'expected {value, currency}' }),
  line_item: text,
  project_id: text,
});

/** Whether a JSON value is an exported page (or a lone bucket) of the organization usage/costs API. */
export function isOpenAiBucketPage(v: Record<string, unknown>): boolean {
  if (v.object === 'bucket') return true;
  return v.object === 'page' && Array.isArray(v.data) && v.data.some((b) => isObject(b) && b.object === 'bucket');
}

export function bucketsOf(v: Record<string, unknown>): unknown[] {
  return v.object === 'bucket' ? [v] : (v.data as unknown[]);
}

export interface BucketResult {
  /** The result as exported, for rejects and the derived id. */
  source: Record<string, unknown>;
  record: UsageRecord | Issue;
}

function usageRecord(r: z.infer<typeof UsageResult>, kind: string, bucket: z.infer<typeof Bucket>): UsageRecord | Issue {
  if (r.num_model_requests === undefined) return { field: 'num_model_requests', reason: 'missing' };
  const tags: Record<string, string> = {};
  for (const k of ['project_id', 'user_id', 'api_key_id', 'service_tier'] as const) if (r[k]) tags[k] = r[k];
  if (r.batch != null) tags.batch = String(r.batch);
  const discounted = r.batch === true || (r.service_tier !== undefined && r.service_tier !== 'default');
  return {
    format: 'openai_usage',
    eventId: ['openai-usage', kind, bucket.start_time.iso, bucket.end_time.iso, r.project_id, r.model, r.user_id, r.api_key_id, r.batch, r.service_tier].map((x) => x ?? '').join('|'),
    ts: bucket.start_time,
    provider: 'openai',
    model: r.model,
    operation: kind === 'embeddings' ? 'embeddings' : 'chat',
    inputTokens: r.input_tokens ?? 0,
    outputTokens: r.output_tokens ?? 0,
    cacheReadTokens: r.input_cached_tokens ?? 0,
    cacheWriteTokens: 0,
    reasoningTokens: 0,
    unpricedReason: discounted
      ? `billed at ${r.batch === true ? 'Batch API' : `the ${r.service_tier} tier's`} rates, which the price library does not know (load the costs export for its money)`
      : undefined,
    requests: r.num_model_requests,
    tags,
  };
}

function costsRecord(r: z.infer<typeof CostsResult>, bucket: z.infer<typeof Bucket>): UsageRecord | Issue {
  if (r.amount.value === undefined) return { field: 'amount.value', reason: 'missing' };
  const tags: Record<string, string> = {};
  if (r.project_id) tags.project_id = r.project_id;
  if (r.line_item) tags.line_item = r.line_item;
  // "gpt-4o-2024-08-06, input": a model id before the comma; "Image models" names none.
  const model = r.line_item ? /^([A-Za-z0-9][\w.:-]*),/.exec(r.line_item)?.[1] : undefined;
  return {
    format: 'openai_costs',
    eventId: ['openai-costs', bucket.start_time.iso, bucket.end_time.iso, r.project_id, r.line_item].map((x) => x ?? '').join('|'),
    ts: bucket.start_time,
    provider: 'openai',
    model,
    inputTokens: 0,
    outputTokens: 0,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    reasoningTokens: 0,
    reportedCost: r.amount.value,
    currency: r.amount.currency,
    requests: 0,
    tags,
  };
}

function parseResult(result: unknown, bucket: z.infer<typeof Bucket>): UsageRecord | Issue {
  if (!isObject(result)) return { field: null, reason: 'not a JSON object' };
  const kind = typeof result.object === 'string' ? USAGE_RESULT.exec(result.object)?.[1] : undefined;
  if (kind) {
    const parsed = UsageResult.safeParse(result);
    return parsed.success ? usageRecord(parsed.data, kind, bucket) : firstIssue(parsed.error);
  }
  if (result.object === COSTS_RESULT) {
    const parsed = CostsResult.safeParse(result);
    return parsed.success ? costsRecord(parsed.data, bucket) : firstIssue(parsed.error);
  }
  return { field: 'object', reason: `not a completions, embeddings or costs result (${JSON.stringify(result.object)}); load the costs export for the money of other usage` };
}

/** One bucket's results as records (or rejects); a bucket that is not one is a single reject. */
export function parseBucket(raw: unknown): BucketResult[] {
  const source = isObject(raw) ? raw : { value: raw };
  const parsed = Bucket.safeParse(source);
  if (!parsed.success) return [{ source, record: firstIssue(parsed.error) }];
  return parsed.data.results.map((result) => ({
    source: isObject(result) ? { ...result, start_time: source.start_time, end_time: source.end_time } : { value: result },
    record: parseResult(result, parsed.data),
  }));
}
