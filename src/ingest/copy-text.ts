/**
 * Encoding of values for PostgreSQL's COPY text format: tab-separated, `\N` for null, with
 * backslash, tab, newline and carriage return escaped. NUL cannot be stored in text, so it is dropped.
 */

export const COPY_NULL = '\\N';

const NEEDS_ESCAPE = /[\\\t\n\r\0]/;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r', '\0': '' };

export function copyText(value: string): string {
  return NEEDS_ESCAPE.test(value) ? value.replace(/[\\\t\n\r\0]/g, (c) => ESCAPES[c]!) : value;
}
