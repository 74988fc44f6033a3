/**
 * zod schemas for single values of JSON records (usage, tasks, metrics), with messages written for
 * the person reading ingest_rejects. Null, absent and "" all mean "not given", which the
 * `required…` variants report as "missing". (`.optional()` before the transform makes the key
 * optional to z.object, while the transform still runs for an absent key.) `firstIssue` turns a zod error into the field and reason of a
 * reject: the issue path joined with dots is the record's own key (`gen_ai.usage.input_tokens`).
 */
import { z } from 'zod';
import { isDecimal, MAX_AMOUNT, MAX_TIME_MS, MIN_TIME_MS, parseInstant, TIME_RANGE, type Instant } from './values.ts';

type Read<T> = (v: unknown) => T | undefined;

function optional<T>(expected: string, read: Read<T>) {
  return z
    .unknown()
    .optional()
    .transform((v, ctx): T | undefined => {
      if (v === null || v === undefined || v === '') return undefined;
      const out = read(v);
      if (out !== undefined) return out;
      ctx.addIssue({ code: 'custom', message: `${expected}, got ${show(v)}` });
      return z.NEVER;
    });
}

function required<T>(expected: string, read: Read<T>) {
  return z
    .unknown()
    .optional()
    .transform((v, ctx): T => {
      const absent = v === null || v === undefined || v === '';
      const out = absent ? undefined : read(v);
      if (out !== undefined) return out;
      ctx.addIssue({ code: 'custom', message: absent ? 'missing' : `${expected}, got ${show(v)}` });
      return z.NEVER;
    });
}

function show(v: unknown): string {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 60 ? `${s.slice(0, 60)}…` : s;
}

const readText: Read<string> = (v) => (typeof v === 'string' ? v : typeof v === 'number' && Number.isFinite(v) ? String(v) : undefined);

const readCount: Read<number> = (v) => {
  const n = typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : v;
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 && n < MAX_AMOUNT ? n : undefined;
};

/** A non-negative decimal below MAX_AMOUNT as text for numeric (a JSON number's shortest form is exact enough). */
const readDecimal: Read<string> = (v) => {
  if (typeof v === 'number') return v >= 0 && v < MAX_AMOUNT ? String(v) : undefined;
  if (typeof v !== 'string') return undefined;
  const t = v.trim();
  return isDecimal(t) && !t.startsWith('-') && Number(t) < MAX_AMOUNT ? t : undefined;
};

function monthOf(ms: number): string {
  const d = new Date(ms);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1)).toISOString();
}

/** Unix time in s, ms, µs or ns, told by magnitude (any of them is a 21st-century time). */
function fromEpoch(v: number | string): Instant | undefined {
  let micros: bigint;
  if (typeof v === 'number' && !Number.isInteger(v)) {
    micros = BigInt(Math.round(v * (v < 1e11 ? 1e6 : 1e3)));
  } else {
    const n = BigInt(v);
    micros = n < 100_000_000_000n ? n * 1_000_000n : n < 100_000_000_000_000n ? n * 1000n : n < 100_000_000_000_000_000n ? n : n / 1000n;
  }
  const ms = Number(micros / 1000n);
  if (!(ms >= MIN_TIME_MS && ms < MAX_TIME_MS)) return undefined;
  const sub = String(Number(micros % 1000n)).padStart(3, '0');
  return { iso: new Date(ms).toISOString().replace('Z', `${sub}Z`), epochMs: ms, month: monthOf(ms) };
}

/** UTC with at most milliseconds, as JavaScript and most loggers write it: parsed without regex groups. */
const PLAIN_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/;

export const readInstant: Read<Instant> = (v) => {
  if (typeof v === 'number') return Number.isFinite(v) && v > 0 ? fromEpoch(v) : undefined;
  if (typeof v !== 'string') return undefined;
  // Days past the 28th and hour 24 go the long way: Date.parse would roll them into the next day.
  if (PLAIN_UTC.test(v) && v.charCodeAt(8) <= 50 /* '2' */ && v.slice(8, 10) !== '29' && v.slice(11, 13) !== '24') {
    const ms = Date.parse(v);
    return ms >= MIN_TIME_MS && ms < MAX_TIME_MS ? { iso: v, epochMs: ms, month: `${v.slice(0, 7)}-01T00:00:00.000Z` } : undefined;
  }
  const t = v.trim();
  if (/^\d{9,20}$/.test(t)) return fromEpoch(t);
  return parseInstant(t);
};

const TEXT = 'expected a string';
const LIMIT = MAX_AMOUNT.toExponential().replace('+', '');
const COUNT = `expected a whole number ≥ 0 and < ${LIMIT}`;
const DECIMAL = `expected a number ≥ 0 and < ${LIMIT}`;
const TIME = `expected an ISO 8601 time or Unix time (s, ms, µs or ns) from ${TIME_RANGE}`;

export const text = optional(TEXT, readText);
export const requiredText = required(TEXT, readText);
export const count = optional(COUNT, readCount);
export const decimal = optional(DECIMAL, readDecimal);
export const instant = optional(TIME, readInstant);
/** An ISO 4217 code in any case (OpenAI writes "usd"), upper-cased. */
export const currency = optional('expected an ISO 4217 currency code such as USD', (v) => (typeof v === 'string' && /^[A-Za-z]{3}$/.test(v.trim()) ? v.trim().toUpperCase() : undefined));
export const requiredInstant = required(TIME, readInstant);

/** A JSON object, also when written as a JSON string (LiteLLM exports `metadata` either way). */
export const jsonObject = optional('expected a JSON object', (v) => {
  let o = v;
  if (typeof v === 'string') {
    try {
      o = JSON.parse(v);
    } catch {
      return undefined;
    }
  }
  return isObject(o) ? o : undefined;
});

export interface Issue {
  field: string | null;
  reason: string;
}

/** The first problem of a failed parse, as a reject's field and reason. */
export function firstIssue(error: z.ZodError): Issue {
  const issue = error.issues[0];
  if (!issue) return { field: null, reason: 'invalid record' };
  return { field: issue.path.length > 0 ? issue.path.map(String).join('.') : null, reason: issue.message };
}

/** Whether a value is a plain JSON object (not an array, not null). */
export function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
