/**
 * Checks and normalises single values from exports before they reach COPY. Everything PostgreSQL
 * would refuse must be caught here, because one refused value aborts the whole COPY.
 */

/**
 * A copy of a string that shares no memory with a larger one. Parsers hand out substrings that
 * keep their whole input chunk alive; anything kept beyond a row (cache keys and values) must be
 * detached, or a long file stays in memory a chunk at a time.
 */
export function detach(value: string): string {
  return Buffer.from(value, 'utf8').toString('utf8');
}

/** Plain integer, decimal or E notation, as FOCUS prescribes; no separators, no NaN or Infinity. */
export function isDecimal(value: string): boolean {
  return wholeDigits(value) >= 0;
}

const isDigit = (c: number) => c >= 48 && c <= 57;

/**
 * The digits of a decimal's whole part, leading zeros left out (so "-0012.5" has 2): what its
 * magnitude is, read without parsing it. -1 when the text is not a decimal (isDecimal's forms:
 * `[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d{1,3})?`), Infinity when it has an exponent. Ingest checks
 * every amount of every row, and this scan is several times cheaper than a regular expression and
 * Number() together.
 */
export function wholeDigits(value: string): number {
  let i = 0;
  let c = value.charCodeAt(0);
  if (c === 43 || c === 45) c = value.charCodeAt(++i);
  const start = i;
  while (c === 48) c = value.charCodeAt(++i);
  const significant = i;
  while (isDigit(c)) c = value.charCodeAt(++i);
  const whole = i - significant;
  let any = i > start;
  if (c === 46) {
    const dot = i;
    c = value.charCodeAt(++i);
    while (isDigit(c)) c = value.charCodeAt(++i);
    any ||= i > dot + 1;
  }
  if (!any) return -1;
  if (i === value.length) return whole;
  if (c !== 69 && c !== 101) return -1;
  c = value.charCodeAt(++i);
  if (c === 43 || c === 45) c = value.charCodeAt(++i);
  const exponent = i;
  while (isDigit(c)) c = value.charCodeAt(++i);
  return i === value.length && i - exponent >= 1 && i - exponent <= 3 ? Infinity : -1;
}

/**
 * Amounts of money (costs, unit prices) and token counts are below this in magnitude: a billion
 * times a large cloud bill. Above it a value is a unit mistake or garbage, and 1e400, which
 * numeric stores, reads back into JavaScript as Infinity.
 */
export const MAX_AMOUNT = 1e15;
/** Quantities are below this: storage billed in byte-seconds reaches 1e21 in a month. */
export const MAX_QUANTITY = 1e30;

/** Times are from 2000-01-01 up to, not including, 2100-01-01 UTC; outside it a value is a mistake. */
export const MIN_TIME_MS = Date.UTC(2000, 0, 1);
export const MAX_TIME_MS = Date.UTC(2100, 0, 1);
export const TIME_RANGE = '2000-01-01 to 2099-12-31 (UTC)';

/** JSON values nest at most this deep (an OTLP span's attributes are about 12 levels down). */
export const MAX_NESTING = 64;

export const TOO_DEEP = `JSON nested deeper than ${MAX_NESTING} levels`;

/**
 * Whether a parsed JSON value nests arrays and objects deeper than `limit`. JSON.stringify and
 * PostgreSQL's jsonb recurse and fail on deep values, so they must not reach them; this recursion
 * stops at the limit.
 */
export function nestsDeeperThan(value: unknown, limit = MAX_NESTING): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (limit === 0) return true;
  if (Array.isArray(value)) {
    for (const v of value) if (nestsDeeperThan(v, limit - 1)) return true;
  } else {
    for (const k in value) if (nestsDeeperThan((value as Record<string, unknown>)[k], limit - 1)) return true;
  }
  return false;
}

/** What a reject keeps of a value nested too deep: a copy down to `limit` levels, deeper values as "…". */
export function pruneDeeperThan(value: unknown, limit = MAX_NESTING): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (limit === 0) return '…';
  if (Array.isArray(value)) return value.map((v) => pruneDeeperThan(v, limit - 1));
  const out: Record<string, unknown> = {};
  for (const k in value) out[k] = pruneDeeperThan((value as Record<string, unknown>)[k], limit - 1);
  return out;
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

export interface Instant {
  /** ISO 8601 text PostgreSQL reads as timestamptz. */
  iso: string;
  epochMs: number;
  /** The first instant of its UTC month, as ISO text: the cost table's partition. */
  month: string;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Reads an export's date/time: `2024-09-01T00:00:00Z`, `2024-09-01 00:00:00` (taken as UTC, which
 * FOCUS requires), a bare date, or an explicit offset. Returns undefined when it is not a real time
 * or falls outside the time range.
 */
export function parseInstant(value: string): Instant | undefined {
  const iso = isoOf(value);
  if (iso === undefined) return undefined;
  const epochMs = storedMs(iso);
  // Checked before the month is worked out: Date.UTC takes years 0 to 99 for 1900 to 1999.
  if (!(epochMs >= MIN_TIME_MS && epochMs < MAX_TIME_MS)) return undefined;
  const utc = new Date(epochMs);
  return { iso, epochMs, month: new Date(Date.UTC(utc.getUTCFullYear(), utc.getUTCMonth(), 1)).toISOString() };
}

/** Where the fraction of isoOf's text starts, if it has one: after `YYYY-MM-DDTHH:MM:SS`. */
const FRACTION_AT = 19;

/**
 * The milliseconds of the instant PostgreSQL stores for isoOf's text. Date.parse truncates a
 * fraction to milliseconds; PostgreSQL rounds it to microseconds (rint of the fraction times a
 * million), so `23:59:59.9999999` is the next day's midnight there, and must be here: its day and
 * month decide the rollup's row and the partition. Rounding half up instead of half to even
 * changes a microsecond by one, never the millisecond it falls in.
 */
function storedMs(iso: string): number {
  if (iso.charCodeAt(FRACTION_AT) !== 46) return Date.parse(iso);
  let end = FRACTION_AT + 1;
  while (isDigit(iso.charCodeAt(end))) end++;
  // Up to microseconds PostgreSQL keeps the digits as written, and their milliseconds are Date.parse's.
  if (end - FRACTION_AT <= 7) return Date.parse(iso);
  const micros = Math.round(Number(iso.slice(FRACTION_AT, end)) * 1e6);
  return Date.parse(iso.slice(0, FRACTION_AT) + iso.slice(end)) + Math.floor(micros / 1000);
}

/** Why parseInstant refused a value, for a reject (only bad rows pay for it). */
export function instantRefusal(value: string): string {
  const iso = isoOf(value);
  const shown = JSON.stringify(value.slice(0, 60));
  return iso === undefined || Number.isNaN(Date.parse(iso)) ? `not a date/time: ${shown}` : `date/time outside ${TIME_RANGE}: ${shown}`;
}

/** The value as ISO 8601 text with an explicit offset, or undefined when it is not a real time. */
function isoOf(value: string): string | undefined {
  const m = DATE_TIME.exec(value.trim());
  if (!m) return undefined;
  const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '', zone] = m;
  const year = Number(y),
    month = Number(mo),
    day = Number(d),
    hour = Number(h),
    minute = Number(mi),
    second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) return undefined;
  let offset = 'Z';
  if (zone && zone.toUpperCase() !== 'Z') {
    const digits = zone.replace(':', '');
    const oh = Number(digits.slice(1, 3)),
      om = Number(digits.slice(3, 5) || '0');
    if (oh > 14 || om > 59) return undefined;
    offset = `${digits.slice(0, 3)}:${digits.slice(3, 5) || '00'}`;
  }
  return `${y}-${mo}-${d}T${h}:${mi}:${s}${frac}${offset}`;
}

/** Exports repeat the same few timestamps thousands of times; remember the recent ones. */
export class InstantCache {
  private readonly cache = new Map<string, Instant | null>();

  parse(value: string): Instant | undefined {
    let hit = this.cache.get(value);
    if (hit === undefined) {
      const parsed = parseInstant(value);
      hit = parsed ? { ...parsed, iso: detach(parsed.iso) } : null;
      if (this.cache.size > 50_000) this.cache.clear();
      this.cache.set(detach(value), hit);
    }
    return hit ?? undefined;
  }
}

const SURROGATE_PAIR = /\\ud[89ab][0-9a-f]{2}\\ud[c-f][0-9a-f]{2}/gi;
const SURROGATE_OR_NUL = /\\u(?:0000|d[89a-f][0-9a-f]{2})/i;

/** jsonb refuses the NUL escape and lone surrogates that JSON.parse accepts. */
function jsonbUnsafe(text: string): boolean {
  return text.includes('\\u') && SURROGATE_OR_NUL.test(text.replace(SURROGATE_PAIR, ''));
}

/**
 * A key-value JSON object (Tags, SkuPriceDetails). Some exports leave out the braces
 * (`"team": "search"`), so a value that parses once wrapped is taken too.
 */
export function parseJsonObject(value: string): string | undefined {
  const text = value.trim();
  if (text === '') return '{}';
  if (jsonbUnsafe(text)) return undefined;
  for (const candidate of text.startsWith('{') ? [text] : [`{${text}}`]) {
    try {
      const parsed: unknown = JSON.parse(candidate);
      if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) && !nestsDeeperThan(parsed)) return candidate;
    } catch {
      // not JSON: the caller rejects the row
    }
  }
  return undefined;
}

/** Why parseJsonObject refused a value, for a reject (only bad rows pay for it). */
export function jsonObjectRefusal(value: string): string {
  const text = value.trim();
  try {
    if (nestsDeeperThan(JSON.parse(text.startsWith('{') ? text : `{${text}}`))) return TOO_DEEP;
  } catch {
    // not JSON at all
  }
  return `not a JSON object: ${JSON.stringify(value.slice(0, 60))}`;
}

/** `\u0000` or a lone-surrogate escape, not itself escaped (preceded by an even run of backslashes). */
const UNSAFE_ESCAPE = /(?<!\\)((?:\\\\)*)\\u(?:0000|d[89a-f][0-9a-f]{2})/gi;

/**
 * Any JSON value as text jsonb accepts. JSON.stringify escapes NUL and lone surrogates, which
 * jsonb refuses (and one refused value aborts a whole COPY): those characters are dropped.
 */
export function toJsonb(value: unknown): string {
  const text = JSON.stringify(value) ?? 'null';
  return text.includes('\\u') ? text.replace(UNSAFE_ESCAPE, '$1') : text;
}
