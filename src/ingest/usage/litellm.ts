/**
 * A row of LiteLLM's `LiteLLM_SpendLogs` table (exported as JSON) → UsageRecord.
 *
 * - `spend` is LiteLLM's own cost for the call, in US dollars (LiteLLM's price map is in USD and a
 *   row names no currency; a gateway configured with prices in another currency is loaded with
 *   `--currency`), so it is the record's reported cost — except a
 *   spend of 0 on a successful, non-cached call that used tokens: that is how LiteLLM writes "no
 *   price for this model", so such a call is priced (or listed unpriced) like one without a cost.
 * - `prompt_tokens` is OpenAI-style (cached tokens included); cache and reasoning counts come from
 *   `metadata.usage_object` when LiteLLM kept it there.
 * - Tags: `team_id`, `end_user` and `user`, the string entries of `metadata` (and of the caller's
 *   own `requester_metadata` / `spend_logs_metadata`, which win), and `request_tags` — `key:value`
 *   or `key=value` entries as that key, bare labels as a key with an empty value.
 * - `metadata` and `request_tags` may be JSON objects/arrays or JSON text, as exports differ.
 * - `model` is the model that served the call; a router's `model_group` (an alias the caller
 *   asked for) and the deployment's `model_id` are kept as tags, never as the model.
 */
import { z } from 'zod';
import { count, decimal, firstIssue, instant, isObject, jsonObject, requiredInstant, requiredText, text, type Issue } from '../json-fields.ts';
import { MAX_AMOUNT } from '../values.ts';
import { MAX_TAG_LENGTH } from './otel.ts';
import type { CallStatus, UsageRecord } from './record.ts';

// LiteLLM writes Python's str() of the value: "None" for a call that never touched the cache.
const flag = z
  .unknown()
  .optional()
  .transform((v, ctx) => {
    if (v === null || v === undefined || v === '' || (typeof v === 'string' && /^(none|null)$/i.test(v))) return false;
    if (typeof v === 'boolean') return v;
    if (typeof v === 'string' && /^(true|false)$/i.test(v)) return v.toLowerCase() === 'true';
    ctx.addIssue({ code: 'custom', message: `expected true or false, got ${JSON.stringify(v)}` });
    return z.NEVER;
  });

const tagList = z
  .unknown()
  .optional()
  .transform((v, ctx): string[] => {
    if (v === null || v === undefined || v === '') return [];
    let list: unknown = v;
    if (typeof v === 'string') {
      try {
        list = JSON.parse(v);
      } catch {
        list = undefined;
      }
    }
    if (Array.isArray(list) && list.every((x) => typeof x === 'string')) return list as string[];
    ctx.addIssue({ code: 'custom', message: 'expected an array of strings (or its JSON text)' });
    return z.NEVER;
  });

// Unknown keys are stripped from the parsed value (cheaper); tags are read from the record itself.
const Row = z.object({
  request_id: requiredText,
  startTime: requiredInstant,
  endTime: instant,
  model: text,
  model_group: text,
  model_id: text,
  custom_llm_provider: text,
  call_type: text,
  prompt_tokens: count,
  completion_tokens: count,
  spend: decimal,
  team_id: text,
  end_user: text,
  user: text,
  request_tags: tagList,
  metadata: jsonObject,
  status: text,
  cache_hit: flag,
  session_id: text,
});

const OPERATIONS: Record<string, string> = {
  completion: 'chat',
  acompletion: 'chat',
  text_completion: 'text_completion',
  atext_completion: 'text_completion',
  embedding: 'embeddings',
  aembedding: 'embeddings',
  image_generation: 'image_generation',
  aimage_generation: 'image_generation',
};

/** LiteLLM's `status` column (absent from spend logs written before it had one: the outcome is then unknown). */
const LITELLM_STATUS: Record<string, CallStatus> = { success: 'ok', failure: 'error' };

/** A token count inside LiteLLM's own metadata; anything else there (an absurd count too) is ignored, not rejected. */
function countAt(o: unknown, ...path: string[]): number {
  let v: unknown = o;
  for (const k of path) v = isObject(v) ? v[k] : undefined;
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 && v < MAX_AMOUNT ? v : 0;
}

function addStrings(tags: Record<string, string>, o: unknown): void {
  if (!isObject(o)) return;
  for (const [k, v] of Object.entries(o)) {
    // user_api_key is the hash of the caller's key: an identifier of no use for attribution.
    if (typeof v === 'string' && v !== '' && v.length <= MAX_TAG_LENGTH && k !== 'user_api_key') tags[k] = v;
  }
}

export function looksLikeLiteLLM(v: Record<string, unknown>): boolean {
  return 'request_id' in v && ('spend' in v || 'startTime' in v);
}

export function parseLiteLLM(row: Record<string, unknown>): UsageRecord | Issue {
  const parsed = Row.safeParse(row);
  if (!parsed.success) return firstIssue(parsed.error);
  const r = parsed.data;
  const model = r.model ?? r.model_group;
  if (model === undefined) return { field: 'model', reason: 'missing' };
  const usage = r.metadata?.usage_object;
  const tags: Record<string, string> = {};
  if (r.team_id) tags.team_id = r.team_id;
  if (r.end_user) tags.end_user = r.end_user;
  if (r.user) tags.user = r.user;
  if (r.model_group) tags.model_group = r.model_group;
  if (r.model_id) tags.model_id = r.model_id;
  addStrings(tags, r.metadata);
  addStrings(tags, r.metadata?.spend_logs_metadata);
  addStrings(tags, r.metadata?.requester_metadata);
  for (const tag of r.request_tags) {
    const m = /^([^:=]+)[:=](.*)$/.exec(tag);
    if (m) tags[m[1]!.trim()] = m[2]!.trim();
    else if (tag.trim() !== '') tags[tag.trim()] = '';
  }
  const status = r.status === undefined ? undefined : LITELLM_STATUS[r.status.toLowerCase()];
  const error = status === 'error';
  const input = r.prompt_tokens ?? 0;
  const output = r.completion_tokens ?? 0;
  const unknownToLiteLLM = r.spend !== undefined && Number(r.spend) === 0 && input + output > 0 && !r.cache_hit && !error;
  const errorClass = isObject(r.metadata?.error_information) ? r.metadata.error_information.error_class : undefined;
  return {
    format: 'litellm',
    eventId: r.request_id,
    ts: r.startTime,
    provider: r.custom_llm_provider,
    model,
    operation: r.call_type ? (OPERATIONS[r.call_type] ?? r.call_type) : undefined,
    inputTokens: input,
    outputTokens: output,
    cacheReadTokens: countAt(usage, 'cache_read_input_tokens') || countAt(usage, 'prompt_tokens_details', 'cached_tokens'),
    cacheWriteTokens: countAt(usage, 'cache_creation_input_tokens'),
    reasoningTokens: countAt(usage, 'completion_tokens_details', 'reasoning_tokens'),
    reportedCost: unknownToLiteLLM ? undefined : r.spend,
    sessionId: r.session_id,
    status,
    errorType: typeof errorClass === 'string' && errorClass !== '' ? errorClass : undefined,
    durationMs: r.endTime && r.endTime.epochMs >= r.startTime.epochMs ? r.endTime.epochMs - r.startTime.epochMs : undefined,
    tags,
  };
}
