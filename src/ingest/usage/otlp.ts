/**
 * An OTLP/JSON trace export (`resourceSpans` → `scopeSpans` → `spans`, attributes as
 * `[{key, value: {stringValue | intValue | doubleValue | boolValue | …}}]`) → flat attribute
 * objects, one per LLM call, for parseOtel.
 *
 * - Resource attributes (`service.name`, `deployment.environment.name`) apply to every span under
 *   them; a span's own attribute of the same name wins.
 * - Only spans with `gen_ai.*` attributes are calls, and not the agent and tool spans around them
 *   (`invoke_agent`, `create_agent`, `execute_tool`), whose token totals would count calls twice.
 *   Other spans are counted as `skipped`, not as records.
 * - Attribution tags (team, task id, …) set on an ancestor span in the same export are inherited
 *   by the calls under it: an agent run is usually tagged once, at its root span.
 * - The span's start is the call's time, end − start its duration, status ERROR an error, OK a
 *   success (unset: the call's outcome is not known), and trace id + span id its id when it has no
 *   `gen_ai.response.id`.
 */
import type { Attributor } from '../attribution.ts';
import { isObject, type Issue } from '../json-fields.ts';

export interface OtlpCall {
  attrs: Record<string, unknown>;
  /** The span as exported, for rejects and derived ids. */
  span: Record<string, unknown>;
}

const NOT_CALLS = new Set(['invoke_agent', 'create_agent', 'execute_tool']);
const MAX_DEPTH = 64;

/** An OTLP AnyValue as a plain JSON value; int64 arrives as a string and becomes a number when exact. */
function anyValue(v: unknown): unknown {
  if (!isObject(v)) return undefined;
  if ('stringValue' in v) return v.stringValue;
  if ('intValue' in v) {
    const n = Number(v.intValue);
    return Number.isSafeInteger(n) ? n : v.intValue;
  }
  if ('doubleValue' in v) return v.doubleValue;
  if ('boolValue' in v) return v.boolValue;
  if ('arrayValue' in v) return isObject(v.arrayValue) && Array.isArray(v.arrayValue.values) ? v.arrayValue.values.map(anyValue) : [];
  if ('kvlistValue' in v) return isObject(v.kvlistValue) ? keyValues(v.kvlistValue.values) : {};
  return undefined;
}

function keyValues(list: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!Array.isArray(list)) return out;
  for (const kv of list) if (isObject(kv) && typeof kv.key === 'string') out[kv.key] = anyValue(kv.value);
  return out;
}

function arrayAt(o: Record<string, unknown>, ...keys: string[]): unknown[] | undefined {
  for (const k of keys) if (Array.isArray(o[k])) return o[k] as unknown[];
  return undefined;
}

interface SpanInfo {
  parent?: string;
  attrs: Record<string, unknown>;
}

export function otlpCalls(doc: Record<string, unknown>, attributor: Attributor): { calls: OtlpCall[]; skipped: number } | Issue {
  const resourceSpans = arrayAt(doc, 'resourceSpans');
  if (!resourceSpans) return { field: 'resourceSpans', reason: 'expected an array of resource spans' };
  const byId = new Map<string, SpanInfo>();
  const found: Array<{ span: Record<string, unknown>; attrs: Record<string, unknown>; resource: Record<string, unknown> }> = [];
  let skipped = 0;
  for (const rs of resourceSpans) {
    if (!isObject(rs)) continue;
    const resource = isObject(rs.resource) ? keyValues(rs.resource.attributes) : {};
    // `instrumentationLibrarySpans` is the pre-1.0 OTLP name of `scopeSpans`.
    for (const ss of arrayAt(rs, 'scopeSpans', 'instrumentationLibrarySpans') ?? []) {
      if (!isObject(ss)) continue;
      for (const span of arrayAt(ss, 'spans') ?? []) {
        if (!isObject(span)) continue;
        const attrs = keyValues(span.attributes);
        if (typeof span.spanId === 'string') byId.set(span.spanId, { parent: typeof span.parentSpanId === 'string' ? span.parentSpanId : undefined, attrs });
        const op = attrs['gen_ai.operation.name'];
        if (!Object.keys(attrs).some((k) => k.startsWith('gen_ai.')) || (typeof op === 'string' && NOT_CALLS.has(op))) skipped++;
        else found.push({ span, attrs, resource });
      }
    }
  }
  const calls = found.map(({ span, attrs, resource }) => {
    const inherited: Record<string, unknown> = {};
    let parent = typeof span.parentSpanId === 'string' ? byId.get(span.parentSpanId) : undefined;
    for (let depth = 0; parent && depth < MAX_DEPTH; depth++) {
      for (const [k, v] of Object.entries(parent.attrs)) if (!(k in inherited) && attributor.isKey(k)) inherited[k] = v;
      parent = parent.parent ? byId.get(parent.parent) : undefined;
    }
    const status = isObject(span.status) ? span.status.code : undefined;
    const meta: Record<string, unknown> = {
      startTimeUnixNano: span.startTimeUnixNano,
      endTimeUnixNano: span.endTimeUnixNano,
      traceId: span.traceId,
      spanId: span.spanId,
    };
    if (status === 2 || status === 'STATUS_CODE_ERROR') meta['otel.status_code'] = 'ERROR';
    else if (status === 1 || status === 'STATUS_CODE_OK') meta['otel.status_code'] = 'OK';
    return { span, attrs: { ...resource, ...inherited, ...attrs, ...meta } };
  });
  return { calls, skipped };
}
