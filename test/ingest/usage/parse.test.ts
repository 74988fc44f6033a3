/**
 * Reading single usage records, without a database: times, OTel attribute names, OTLP spans and
 * LiteLLM rows, and the field names rejects report.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Attributor } from '../../../src/ingest/attribution.ts';
import { readInstant } from '../../../src/ingest/json-fields.ts';
import { parseLiteLLM } from '../../../src/ingest/usage/litellm.ts';
import { flatten, parseOtel } from '../../../src/ingest/usage/otel.ts';
import { otlpCalls } from '../../../src/ingest/usage/otlp.ts';
import { reconcileTokens, type UsageRecord } from '../../../src/ingest/usage/record.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/usage');
const base = { timestamp: '2026-01-15T10:00:00Z', 'gen_ai.provider.name': 'openai', 'gen_ai.request.model': 'gpt-4o', 'gen_ai.usage.input_tokens': 10, 'gen_ai.usage.output_tokens': 5 };
const record = (r: ReturnType<typeof parseOtel>) => {
  if ('reason' in r) throw new Error(`${r.field}: ${r.reason}`);
  return r;
};

describe('readInstant', () => {
  const iso = (v: unknown) => readInstant(v)?.iso;
  it.each([
    [1768471200, '2026-01-15T10:00:00.000000Z'],
    [1768471200.5, '2026-01-15T10:00:00.500000Z'],
    [1768471200250, '2026-01-15T10:00:00.250000Z'],
    ['1768471200250123', '2026-01-15T10:00:00.250123Z'],
    ['1768471200250123456', '2026-01-15T10:00:00.250123Z'],
    ['2026-01-15T10:00:00.250Z', '2026-01-15T10:00:00.250Z'],
    ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00Z'],
  ])('reads %j (Unix s, ms, µs, ns or ISO)', (v, expected) => {
    expect(iso(v)).toBe(expected);
  });

  it.each(['2026-02-29T00:00:00Z', '2026-02-30T00:00:00Z', '2026-01-15T24:00:00Z', '1999-12-31T23:59:59Z', 0, -5, 'soon', true])('refuses %j', (v) => {
    expect(readInstant(v)).toBeUndefined();
  });

  it('gives the UTC month of an offset time', () => {
    expect(readInstant('2026-02-01T01:00:00+02:00')?.month).toBe('2026-01-01T00:00:00.000Z');
  });
});

describe('flat OpenTelemetry attributes', () => {
  it('reads the older names and token counts written as text', () => {
    const r = record(
      parseOtel(
        { timestamp: 1768471200, 'gen_ai.system': 'anthropic', 'gen_ai.response.model': 'claude-sonnet-4-5', 'gen_ai.usage.prompt_tokens': '120', 'gen_ai.usage.completion_tokens': 7 },
        'otel',
      ),
    );
    expect(r).toMatchObject({ provider: 'anthropic', model: 'claude-sonnet-4-5', inputTokens: 120, outputTokens: 7 });
  });

  it('names the field of a bad value or a missing one', () => {
    expect(parseOtel({ ...base, 'gen_ai.usage.output_tokens': -3 }, 'otel')).toEqual({ field: 'gen_ai.usage.output_tokens', reason: 'expected a whole number ≥ 0 and < 1e15, got -3' });
    expect(parseOtel({ ...base, 'gen_ai.request.model': undefined }, 'otel')).toMatchObject({ field: 'gen_ai.request.model', reason: expect.stringMatching(/^missing/) });
    expect(parseOtel({ ...base, timestamp: 'yesterday' }, 'otel')).toMatchObject({ field: 'timestamp' });
    expect(parseOtel({ ...base, 'gen_ai.usage.input_tokens': undefined, 'gen_ai.usage.output_tokens': undefined }, 'otel')).toMatchObject({ field: 'gen_ai.usage.input_tokens' });
  });

  it('accepts a failed call without token counts', () => {
    expect(record(parseOtel({ ...base, 'gen_ai.usage.input_tokens': undefined, 'gen_ai.usage.output_tokens': undefined, 'otel.status_code': 'ERROR' }, 'otel'))).toMatchObject({
      status: 'error',
      inputTokens: 0,
    });
  });

  it('keeps other string attributes as tags, but not message content or long payloads', () => {
    const r = record(
      parseOtel(
        { ...base, 'service.name': 'search-api', 'gen_ai.request.temperature': 0.2, 'gen_ai.input.messages': '[{"role":"user"}]', 'gen_ai.prompt.0.content': 'hi', note: 'x'.repeat(1001) },
        'otel',
      ),
    );
    expect(r.tags).toEqual({ 'service.name': 'search-api' });
  });

  it('merges a nested attributes object and flattens other objects to dotted keys', () => {
    const flat = flatten({ timestamp: base.timestamp, attributes: { ...base, timestamp: undefined }, labels: { team: 'search' } });
    expect(record(parseOtel(flat, 'otel'))).toMatchObject({ inputTokens: 10, tags: { 'labels.team': 'search' } });
  });

  it('turns exclusive-convention cache counts into inclusive totals', () => {
    const r = record(parseOtel({ ...base, 'gen_ai.usage.input_tokens': 500, 'gen_ai.usage.cache_read_input_tokens': 3000, 'gen_ai.usage.cache_creation_input_tokens': 1200 }, 'otel')) as UsageRecord;
    reconcileTokens(r);
    expect([r.inputTokens, r.cacheReadTokens, r.cacheWriteTokens]).toEqual([4700, 3000, 1200]);
  });
});

describe('OTLP/JSON spans', () => {
  const doc = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'calls.otlp.json'), 'utf8'));
  const found = otlpCalls(doc, new Attributor());
  if ('reason' in found) throw new Error(found.reason);

  it('takes LLM spans only: not the agent span around them, not plain HTTP spans', () => {
    expect(found.calls).toHaveLength(6);
    expect(found.skipped).toBe(2);
  });

  it('gives each call its resource attributes and its ancestors’ attribution tags', () => {
    const first = record(parseOtel(found.calls[0]!.attrs, 'otlp'));
    expect(first.tags).toMatchObject({ 'service.name': 'search-api', team: 'search', 'task.id': 'task-1001', feature: 'autocomplete', customer: 'acme' });
    // Only attribution keys are inherited from the agent span.
    expect(first.tags['gen_ai.agent.name']).toBeUndefined();
    expect(first).toMatchObject({ inputTokens: 2400, cacheReadTokens: 1024, durationMs: 1800, eventId: 'chatcmpl-Penny0001', sessionId: 'sess-7f3a' });
  });

  it('reads span status, and ids from trace and span when there is no response id', () => {
    const failed = record(parseOtel(found.calls[4]!.attrs, 'otlp'));
    expect(failed).toMatchObject({ status: 'error', errorType: 'rate_limit_exceeded', eventId: 'span:5b8efff798038103d269b633813fc60c:d1b2c3d4e5f60002' });
  });

  it('refuses a document whose resourceSpans is not a list', () => {
    expect(otlpCalls({ resourceSpans: {} }, new Attributor())).toEqual({ field: 'resourceSpans', reason: 'expected an array of resource spans' });
  });
});

describe('LiteLLM spend-log rows', () => {
  const rows = fs
    .readFileSync(path.join(FIXTURES, 'calls.litellm.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  const row = (i: number, patch: Record<string, unknown> = {}) => {
    const r = parseLiteLLM({ ...rows[i], ...patch });
    if ('reason' in r) throw new Error(`${r.field}: ${r.reason}`);
    return r;
  };

  it('reads metadata and request_tags written as objects or as JSON text', () => {
    expect(typeof rows[1].metadata).toBe('string');
    expect(row(1)).toMatchObject({
      cacheReadTokens: 3000,
      cacheWriteTokens: 1200,
      reportedCost: '0.0132',
      tags: { feature: 'ticket-summary', user_api_key_team_alias: 'support', environment: 'prod' },
    });
    expect(row(0).tags).toMatchObject({ feature: 'autocomplete', 'penny-fixture': '', end_user: 'acme', task_id: 'task-1001' });
    expect(row(0).tags.user_api_key).toBeUndefined();
  });

  it('prices a spend of 0 itself when tokens were used (LiteLLM had no price), but not for cache hits', () => {
    expect(row(0, { spend: 0 }).reportedCost).toBeUndefined();
    expect(row(0, { spend: 0, cache_hit: 'True' }).reportedCost).toBe('0');
    expect(row(4).reportedCost).toBe('0'); // a failed call that used no tokens
  });

  it('reads failures and durations', () => {
    expect(row(4)).toMatchObject({ status: 'error', errorType: 'RateLimitError', durationMs: 150, operation: 'chat' });
    expect(row(5).operation).toBe('embeddings');
  });

  it('names the field of a bad value', () => {
    expect(parseLiteLLM({ ...rows[0], request_tags: '{"a":1}' })).toMatchObject({ field: 'request_tags' });
    expect(parseLiteLLM({ ...rows[0], startTime: 'never' })).toMatchObject({ field: 'startTime' });
    expect(parseLiteLLM({ ...rows[0], request_id: null })).toEqual({ field: 'request_id', reason: 'missing' });
  });
});
